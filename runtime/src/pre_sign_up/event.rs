//! The pre sign-up event, borrowed from the received text: tolerant of every shape Cognito and
//! the docs send (`"response": {}`, `validationData: null`, absent `clientMetadata`, unknown
//! trigger sources).

use std::borrow::Cow;

use serde::Deserialize;

use cognito_triggers_rules::pre_sign_up::SOURCE_PREFIX;

use crate::engine::decode::{CallerContext, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{read_with, Envelope};

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
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreSignUp<'a> {
    /// Why the trigger runs.
    pub trigger_source: PreSignUpSource,
    /// The AWS region of the user pool.
    pub region: Cow<'a, str>,
    /// The user pool id.
    pub user_pool_id: Cow<'a, str>,
    /// The username the user signs up with.
    pub user_name: Cow<'a, str>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext,
    /// The user's attributes (`request.userAttributes`); for federated users, those mapped
    /// from the identity provider.
    pub user_attributes: StringMap<'a>,
    /// `ValidationData` of `SignUp`/`AdminCreateUser` (`request.validationData`; Cognito does
    /// not store it).
    pub validation_data: StringMap<'a>,
    /// `ClientMetadata` of the call (`request.clientMetadata`).
    pub client_metadata: StringMap<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    #[serde(default, borrow)]
    user_attributes: StringMap<'a>,
    #[serde(default, borrow)]
    validation_data: StringMap<'a>,
    #[serde(default, borrow)]
    client_metadata: StringMap<'a>,
}

impl<'a> PreSignUp<'a> {
    /// Decodes the event from its envelope.
    pub(crate) fn decode(envelope: &Envelope<'a>) -> Result<PreSignUp<'a>, TriggerError> {
        let request: WireRequest<'a> = envelope.request()?;
        Ok(PreSignUp {
            trigger_source: PreSignUpSource::from_wire(&envelope.trigger_source),
            region: envelope.text("region")?,
            user_pool_id: envelope.text("userPoolId")?,
            user_name: envelope.text("userName")?,
            caller_context: envelope.member("callerContext")?,
            user_attributes: request.user_attributes,
            validation_data: request.validation_data,
            client_metadata: request.client_metadata,
        })
    }

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

    /// Decodes an event from its JSON text and passes it to `f` (the event borrows the text).
    pub fn read<T>(json: &str, f: impl FnOnce(&PreSignUp<'_>) -> T) -> Result<T, TriggerError> {
        read_with(json, |envelope| Ok(f(&PreSignUp::decode(envelope)?)))
    }

    /// A user attribute (`request.userAttributes[name]`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes.get(name)
    }

    /// The user's email address, if any.
    pub fn email(&self) -> Option<&str> {
        self.attribute("email")
    }

    /// The app client id (`callerContext.clientId`).
    pub fn client_id(&self) -> Option<&str> {
        self.caller_context.client_id.as_deref()
    }
}
