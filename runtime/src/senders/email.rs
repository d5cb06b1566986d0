//! The custom email sender event.

use std::borrow::Cow;

use cognito_triggers_rules::senders::email::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito sends an email through the custom sender (`triggerSource` without its
    /// `CustomEmailSender_` prefix).
    pub enum CustomEmailSenderSource, prefix SOURCE_PREFIX, {
        /// The confirmation code after a sign-up.
        SignUp,
        /// The confirmation code, sent again.
        ResendCode,
        /// The code to reset a forgotten password.
        ForgotPassword,
        /// The code to verify a changed email address.
        UpdateUserAttribute,
        /// The code to verify an email address on request.
        VerifyUserAttribute,
        /// The temporary password of a user an administrator created.
        AdminCreateUser,
        /// A sign-in flagged by threat protection: no code; the details are in
        /// `user_attributes` (`EVENT_ID`, `IP_ADDRESS`, `ACCOUNT_TAKE_OVER_ACTION`, ..).
        AccountTakeOverNotification,
        /// An email one-time password or MFA code at sign-in.
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A custom email sender event. The code is encrypted: the trigger decrypts it and passes
    /// it to the function; it is not in this type.
    ///
    /// ```
    /// use cognito_triggers::{CustomEmailSender, CustomEmailSenderSource};
    ///
    /// let text = r#"{"triggerSource": "CustomEmailSender_AccountTakeOverNotification",
    ///     "request": {"type": "customEmailSenderRequestV1", "code": null, "clientMetadata": null,
    ///     "userAttributes": {"ACCOUNT_TAKE_OVER_ACTION": "BLOCK", "CITY": null}}}"#;
    /// CustomEmailSender::read(text, |event| {
    ///     assert_eq!(event.trigger_source, CustomEmailSenderSource::AccountTakeOverNotification);
    ///     assert!(!event.has_code());
    ///     assert_eq!(event.attribute("CITY"), None);
    /// })
    /// .unwrap();
    /// ```
    pub struct CustomEmailSender, source CustomEmailSenderSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// `request.type`: `customEmailSenderRequestV1`.
        #[serde(default, borrow, rename = "type", deserialize_with = "crate::engine::decode::optional_str")]
        pub request_type: Option<Cow<'a, str>>,
        /// The encrypted code (`request.code`, base64), `None` for account-takeover
        /// notifications.
        #[serde(default, borrow, rename = "code", deserialize_with = "crate::engine::decode::optional_str")]
        pub encrypted_code: Option<Cow<'a, str>>,
        /// `ClientMetadata` of the call (`request.clientMetadata`; `null` reads as empty).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
    }
}

impl CustomEmailSender<'_> {
    /// Whether the event carries a code.
    pub fn has_code(&self) -> bool {
        self.encrypted_code.is_some()
    }

    /// Whether the code is a temporary password (`AdminCreateUser`), which Cognito
    /// HTML-escapes before encrypting.
    pub(crate) fn is_temporary_password(&self) -> bool {
        self.trigger_source == CustomEmailSenderSource::AdminCreateUser
    }
}
