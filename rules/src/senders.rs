//! Custom email and SMS senders: their trigger sources, the request `type`, and the KMS key.

use crate::Violation;

/// Custom email sender.
pub mod email {
    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "CustomEmailSender_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 8] = [
        "SignUp",
        "ResendCode",
        "ForgotPassword",
        "UpdateUserAttribute",
        "VerifyUserAttribute",
        "AdminCreateUser",
        "AccountTakeOverNotification",
        "Authentication",
    ];
    /// `request.type`, always.
    pub const REQUEST_TYPE: &str = "customEmailSenderRequestV1";

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), crate::Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// Custom SMS sender.
pub mod sms {
    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "CustomSMSSender_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 7] = [
        "SignUp",
        "ResendCode",
        "ForgotPassword",
        "UpdateUserAttribute",
        "VerifyUserAttribute",
        "Authentication",
        "AdminCreateUser",
    ];
    /// `request.type`, always.
    pub const REQUEST_TYPE: &str = "customSMSSenderRequestV1";

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), crate::Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// The encryption context key Cognito binds each code to: the user pool's id.
pub const POOL_CONTEXT_KEY: &str = "userpool-id";

/// Checks a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>` or an alias ARN):
/// Cognito encrypts with the pool's `KMSKeyID`, a key ARN, and the keyring needs the same.
pub fn check_key_arn(arn: &str) -> Result<(), Violation> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = match parts.as_slice() {
        ["arn", partition, "kms", region, account, resource] => {
            partition.starts_with("aws")
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && (resource
                    .strip_prefix("key/")
                    .is_some_and(|id| !id.is_empty())
                    || resource
                        .strip_prefix("alias/")
                        .is_some_and(|id| !id.is_empty()))
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(
        Violation::new(format!("`{arn}` is not a KMS key ARN")).hint(
            "write the ARN of the user pool's KMS key: arn:aws:kms:<region>:<account>:key/<key id>",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_arns() {
        assert!(check_key_arn(
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        )
        .is_ok());
        assert!(check_key_arn("arn:aws-cn:kms:cn-north-1:123456789012:alias/cognito").is_ok());
        assert!(check_key_arn("1234abcd-12ab-34cd-56ef-1234567890ab").is_err());
        assert!(check_key_arn("arn:aws:kms:us-east-1:1234:key/x").is_err());
        assert!(check_key_arn("arn:aws:s3:::bucket").is_err());
        assert!(email::check_source_name("AccountTakeOverNotification").is_ok());
        assert!(sms::check_source_name("AccountTakeOverNotification").is_err());
    }
}
