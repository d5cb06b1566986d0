//! Post confirmation, pre authentication and post authentication: their trigger sources, the
//! attributes `require_verified` names, app client ids.

use crate::Violation;

/// Post confirmation.
pub mod post_confirmation {
    use crate::Violation;

    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "PostConfirmation_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 2] = ["ConfirmSignUp", "ConfirmForgotPassword"];
    /// Where `add_to_groups` acts unless `triggers = [..]` says otherwise: a confirmed sign-up,
    /// not every password reset.
    pub const GROUPS_DEFAULT_SOURCES: [&str; 1] = ["ConfirmSignUp"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// Pre authentication.
pub mod pre_authentication {
    use crate::Violation;

    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "PreAuthentication_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["Authentication"];
    /// The attributes `require_verified` can name (each has a `<name>_verified` attribute).
    pub const VERIFIABLE: [&str; 2] = ["email", "phone_number"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }

    /// Checks a `require_verified` name.
    pub fn check_verifiable(name: &str) -> Result<(), Violation> {
        if VERIFIABLE.contains(&name) {
            return Ok(());
        }
        let hint = match name.strip_suffix("_verified") {
            Some(base) if VERIFIABLE.contains(&base) => format!("write `{base}`"),
            _ => "Cognito verifies only `email` and `phone_number`".to_owned(),
        };
        Err(Violation::new(format!("`{name}` cannot be verified")).hint(hint))
    }
}

/// Post authentication.
pub mod post_authentication {
    use crate::Violation;

    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "PostAuthentication_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["Authentication"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// The longest app client id Cognito accepts.
pub const MAX_CLIENT_ID_LEN: usize = 128;

/// Checks an app client id for `clients(allow = [..])`: 1 to 128 word characters or `+`
/// (Cognito's pattern `[\w+]+`; real ids are 26 lowercase letters and digits).
pub fn check_client_id(id: &str) -> Result<(), Violation> {
    if id.is_empty() {
        return Err(Violation::new("an app client id cannot be empty"));
    }
    if id.len() > MAX_CLIENT_ID_LEN {
        return Err(Violation::new(format!(
            "an app client id has at most {MAX_CLIENT_ID_LEN} characters"
        )));
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'+')
    {
        return Err(Violation::new(format!("`{id}` is not an app client id"))
            .hint("app client ids are letters and digits, such as `1example23456789abcdefghij`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifiable_names() {
        assert!(pre_authentication::check_verifiable("email").is_ok());
        assert!(pre_authentication::check_verifiable("phone_number").is_ok());
        let e = pre_authentication::check_verifiable("email_verified").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("write `email`"));
        assert!(pre_authentication::check_verifiable("given_name").is_err());
    }

    #[test]
    fn client_ids() {
        assert!(check_client_id("1example23456789abcdefghij").is_ok());
        assert!(check_client_id("").is_err());
        assert!(check_client_id("has space").is_err());
        assert!(check_client_id(&"a".repeat(129)).is_err());
    }

    #[test]
    fn sources() {
        assert!(post_confirmation::check_source_name("ConfirmSignUp").is_ok());
        let e = post_confirmation::check_source_name("PostConfirmation_ConfirmSignUp").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("write `ConfirmSignUp`"));
        assert!(pre_authentication::check_source_name("SignUp").is_err());
        assert!(post_authentication::check_source_name("Authentication").is_ok());
    }
}
