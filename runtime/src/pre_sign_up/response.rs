//! The pre sign-up response and the [`SignUp`] builder.

use serde::Serialize;

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
