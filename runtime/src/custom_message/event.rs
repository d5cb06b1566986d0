//! The custom message event, borrowed from the received text: tolerant of what real events
//! carry (`usernameParameter: null`, the three response fields `null`, an absent
//! `clientMetadata`, the undocumented `linkParameter`, unknown trigger sources).

use std::borrow::Cow;

use cognito_triggers_rules::custom_message::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito sends a message (`triggerSource` without its `CustomMessage_` prefix).
    pub enum CustomMessageSource, prefix SOURCE_PREFIX, {
        /// The confirmation code after a sign-up (`SignUp`).
        SignUp,
        /// The temporary password of a user an administrator created (`AdminCreateUser`).
        AdminCreateUser,
        /// The confirmation code, sent again (`ResendCode`).
        ResendCode,
        /// The code to reset a forgotten password (`ForgotPassword`).
        ForgotPassword,
        /// The code to verify a changed email address or phone number (`UpdateUserAttribute`).
        UpdateUserAttribute,
        /// The code to verify an email address or phone number on request
        /// (`VerifyUserAttribute`).
        VerifyUserAttribute,
        /// The MFA code at sign-in (`Authentication`).
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A custom message event, as the handler sees it. Strings are borrowed from the received
    /// event.
    ///
    /// ```
    /// use cognito_triggers::{CustomMessage, CustomMessageSource};
    ///
    /// let text = r#"{"version": "1", "triggerSource": "CustomMessage_ForgotPassword",
    ///     "userName": "jane", "request": {"userAttributes": {"locale": "es"},
    ///     "codeParameter": "{####}", "usernameParameter": null},
    ///     "response": {"smsMessage": null, "emailMessage": null, "emailSubject": null}}"#;
    /// CustomMessage::read(text, |event| {
    ///     assert_eq!(event.trigger_source, CustomMessageSource::ForgotPassword);
    ///     assert_eq!(event.code(), "{####}");
    ///     assert_eq!(event.username_parameter, None);
    ///     assert_eq!(event.attribute("locale"), Some("es"));
    /// })
    /// .unwrap();
    /// ```
    pub struct CustomMessage, source CustomMessageSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// The placeholder Cognito replaces with the code (`request.codeParameter`, `{####}`).
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::optional_str")]
        pub code_parameter: Option<Cow<'a, str>>,
        /// The placeholder Cognito replaces with the username (`request.usernameParameter`,
        /// `{username}`): only for `AdminCreateUser`, `null` otherwise.
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::optional_str")]
        pub username_parameter: Option<Cow<'a, str>>,
        /// The link placeholder of link-type email verification (`request.linkParameter`,
        /// undocumented; `{##Click Here##}` in real events).
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::optional_str")]
        pub link_parameter: Option<Cow<'a, str>>,
        /// `ClientMetadata` of the call (`request.clientMetadata`).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
    }
}

impl<'a> CustomMessage<'a> {
    /// What to write where the code goes: the request's `codeParameter`, `{####}` when the
    /// event has none.
    pub fn code(&self) -> &str {
        self.code_parameter
            .as_deref()
            .unwrap_or(cognito_triggers_rules::custom_message::CODE)
    }

    /// What to write where the username goes: the request's `usernameParameter` (which
    /// Cognito replaces) for `AdminCreateUser`, the event's `userName` otherwise.
    pub fn username(&self) -> &str {
        self.username_parameter
            .as_deref()
            .unwrap_or(&self.user_name)
    }

    /// The user's `locale` attribute.
    pub fn locale(&self) -> Option<&str> {
        self.attribute("locale")
    }
}
