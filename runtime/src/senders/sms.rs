//! The custom SMS sender event.

use std::borrow::Cow;

use cognito_triggers_rules::senders::sms::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito sends a text message through the custom sender (`triggerSource` without its
    /// `CustomSmsSender_` prefix).
    pub enum CustomSmsSenderSource, prefix SOURCE_PREFIX, {
        /// The confirmation code after a sign-up.
        SignUp,
        /// The confirmation code, sent again.
        ResendCode,
        /// The code to reset a forgotten password.
        ForgotPassword,
        /// The code to verify a changed phone number.
        UpdateUserAttribute,
        /// The code to verify a phone number on request.
        VerifyUserAttribute,
        /// The temporary password of a user an administrator created.
        AdminCreateUser,
        /// An SMS one-time password or MFA code at sign-in.
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A custom SMS sender event. The code is encrypted: the trigger decrypts it and passes
    /// it to the function; it is not in this type.
    ///
    /// ```
    /// use cognito_triggers::{CustomSmsSender, CustomSmsSenderSource};
    ///
    /// let text = r#"{"triggerSource": "CustomSMSSender_Authentication",
    ///     "request": {"type": "customSMSSenderRequestV1", "code": "AYADeD..",
    ///     "userAttributes": {"phone_number": "+15555550100"}}}"#;
    /// CustomSmsSender::read(text, |event| {
    ///     assert_eq!(event.trigger_source, CustomSmsSenderSource::Authentication);
    ///     assert!(event.has_code());
    /// })
    /// .unwrap();
    /// ```
    pub struct CustomSmsSender, source CustomSmsSenderSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// `request.type`: `customSMSSenderRequestV1`.
        #[serde(default, borrow, rename = "type", deserialize_with = "crate::engine::decode::optional_str")]
        pub request_type: Option<Cow<'a, str>>,
        /// The encrypted code (`request.code`, base64), `None` if Cognito sends none.
        #[serde(default, borrow, rename = "code", deserialize_with = "crate::engine::decode::optional_str")]
        pub encrypted_code: Option<Cow<'a, str>>,
        /// `ClientMetadata` of the call (`request.clientMetadata`; `null` reads as empty).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
    }
}

impl CustomSmsSender<'_> {
    /// Whether the event carries a code.
    pub fn has_code(&self) -> bool {
        self.encrypted_code.is_some()
    }

    /// Whether the code is a temporary password (`AdminCreateUser`), which Cognito
    /// HTML-escapes before encrypting.
    pub(crate) fn is_temporary_password(&self) -> bool {
        self.trigger_source == CustomSmsSenderSource::AdminCreateUser
    }
}
