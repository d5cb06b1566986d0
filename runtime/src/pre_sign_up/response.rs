//! The pre sign-up response and the [`SignUp`] builder.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::engine::error::TriggerError;

/// What the function adds to the attribute's flags: `Ok(SignUp::default())` changes nothing,
/// `Err(Deny::new(".."))` refuses the sign-up.
///
/// ```
/// use cognito_triggers::SignUp;
///
/// let flags = SignUp::default().auto_confirm().auto_verify_email();
/// assert!(flags.confirms() && flags.verifies_email() && !flags.verifies_phone());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct SignUp {
    confirm: bool,
    verify_email: bool,
    verify_phone: bool,
}

impl SignUp {
    /// No flags: the same as `SignUp::default()`, usable in `const` contexts.
    pub const DEFAULT: SignUp = SignUp {
        confirm: false,
        verify_email: false,
        verify_phone: false,
    };

    /// Confirms the user without a code (`autoConfirmUser`).
    pub const fn auto_confirm(mut self) -> SignUp {
        self.confirm = true;
        self
    }

    /// Marks the email address verified (`autoVerifyEmail`), when the user has one.
    pub const fn auto_verify_email(mut self) -> SignUp {
        self.verify_email = true;
        self
    }

    /// Marks the phone number verified (`autoVerifyPhone`), when the user has one.
    pub const fn auto_verify_phone(mut self) -> SignUp {
        self.verify_phone = true;
        self
    }

    /// Whether the user is confirmed.
    pub fn confirms(&self) -> bool {
        self.confirm
    }

    /// Whether the email address is marked verified.
    pub fn verifies_email(&self) -> bool {
        self.verify_email
    }

    /// Whether the phone number is marked verified.
    pub fn verifies_phone(&self) -> bool {
        self.verify_phone
    }

    /// Both sets of flags.
    pub(crate) fn or(self, other: SignUp) -> SignUp {
        SignUp {
            confirm: self.confirm || other.confirm,
            verify_email: self.verify_email || other.verify_email,
            verify_phone: self.verify_phone || other.verify_phone,
        }
    }

    /// The wire response for a user: a flag to verify an attribute the user does not have is
    /// left out (Cognito would fail the sign-up).
    pub(crate) fn response(self, has_email: bool, has_phone: bool) -> Response {
        Response {
            auto_confirm_user: self.confirm,
            auto_verify_email: self.verify_email && has_email,
            auto_verify_phone: self.verify_phone && has_phone,
        }
    }
}

/// `response` of a pre sign-up event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Response {
    pub(crate) auto_confirm_user: bool,
    pub(crate) auto_verify_email: bool,
    pub(crate) auto_verify_phone: bool,
}

impl Response {
    /// The response as JSON. There are eight: each is written once, at the first event that
    /// needs it, and then shared.
    pub(crate) fn to_raw(self) -> Result<Arc<RawValue>, TriggerError> {
        static WRITTEN: [OnceLock<Arc<RawValue>>; 8] = [const { OnceLock::new() }; 8];
        let slot = usize::from(self.auto_confirm_user)
            | usize::from(self.auto_verify_email) << 1
            | usize::from(self.auto_verify_phone) << 2;
        if let Some(raw) = WRITTEN[slot].get() {
            return Ok(Arc::clone(raw));
        }
        let raw: Arc<RawValue> = serde_json::value::to_raw_value(&self)
            .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))?
            .into();
        Ok(Arc::clone(WRITTEN[slot].get_or_init(|| raw)))
    }
}

#[cfg(test)]
mod tests {
    use super::Response;

    #[test]
    fn each_response_is_written_once_with_its_own_flags() {
        for slot in 0..8u8 {
            let response = Response {
                auto_confirm_user: slot & 1 != 0,
                auto_verify_email: slot & 2 != 0,
                auto_verify_phone: slot & 4 != 0,
            };
            let first = response.to_raw().unwrap();
            let expected = format!(
                r#"{{"autoConfirmUser":{},"autoVerifyEmail":{},"autoVerifyPhone":{}}}"#,
                slot & 1 != 0,
                slot & 2 != 0,
                slot & 4 != 0
            );
            assert_eq!(first.get(), expected);
            assert!(std::sync::Arc::ptr_eq(&first, &response.to_raw().unwrap()));
        }
    }
}
