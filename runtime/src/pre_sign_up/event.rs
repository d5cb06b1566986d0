//! The pre sign-up event, borrowed from the received text: tolerant of every shape Cognito and
//! the docs send (`"response": {}`, `validationData: null`, absent `clientMetadata`, unknown
//! trigger sources).

use serde::Deserialize;

use cognito_triggers_rules::pre_sign_up::SOURCE_PREFIX;

use crate::engine::decode::StringMap;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked pre sign-up (`triggerSource` without its `PreSignUp_` prefix).
    pub enum PreSignUpSource, prefix SOURCE_PREFIX, {
        /// Self-service sign-up (`SignUp`).
        SignUp,
        /// An administrator created the user (`AdminCreateUser`). Cognito ignores the
        /// response's flags for this source.
        AdminCreateUser,
        /// First sign-in through a trusted identity provider.
        ExternalProvider,
    }
}

crate::engine::source::trigger_event! {
    /// A pre sign-up event, as the handler sees it. Strings are borrowed from the received event.
    ///
    /// ```
    /// use cognito_triggers::{PreSignUp, PreSignUpSource};
    ///
    /// let text = r#"{"version": "1", "triggerSource": "PreSignUp_SignUp", "userName": "jane",
    ///     "request": {"userAttributes": {"email": "jane@example.com"}, "validationData": null},
    ///     "response": {}}"#;
    /// PreSignUp::read(text, |event| {
    ///     assert_eq!(event.trigger_source, PreSignUpSource::SignUp);
    ///     assert_eq!(event.attribute("email"), Some("jane@example.com"));
    ///     assert!(event.validation_data.is_empty());
    /// })
    /// .unwrap();
    /// ```
    pub struct PreSignUp, source PreSignUpSource {
        /// The user's attributes (`request.userAttributes`); for federated users, those mapped
        /// from the identity provider.
        #[serde(default, borrow)]
        pub user_attributes: StringMap<'a>,
        /// `ValidationData` of `SignUp`/`AdminCreateUser` (`request.validationData`; Cognito
        /// does not store it).
        #[serde(default, borrow)]
        pub validation_data: StringMap<'a>,
        /// `ClientMetadata` of the call (`request.clientMetadata`).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
    }
}

impl<'a> PreSignUp<'a> {
    /// `request.userAttributes` alone, for the checks of a function that does not take the event.
    pub(crate) fn user_attributes(envelope: &Envelope<'a>) -> Result<StringMap<'a>, TriggerError> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Attributes<'a> {
            #[serde(default, borrow)]
            user_attributes: StringMap<'a>,
        }
        Ok(envelope.request::<Attributes<'a>>()?.user_attributes)
    }

    /// The user's email address, if any.
    pub fn email(&self) -> Option<&str> {
        self.attribute("email")
    }
}
