//! The pre sign-up event, borrowed from the received text: tolerant of every shape Cognito and
//! the docs send (`"response": {}`, `validationData: null`, absent `clientMetadata`, unknown
//! trigger sources).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use cognito_triggers_rules::pre_sign_up::SOURCE_PREFIX;

use crate::engine::decode::{decode_error, CallerContext, Name, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{Envelope, RawEvent};

/// Why Cognito invoked pre sign-up (`triggerSource` without its `PreSignUp_` prefix).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PreSignUpSource {
    /// Self-service sign-up (`SignUp`).
    SignUp,
    /// An administrator created the user (`AdminCreateUser`). Cognito ignores the response's
    /// flags for this source.
    AdminCreateUser,
    /// First sign-in through a trusted identity provider.
    ExternalProvider,
    /// A trigger source this version of the crate does not know, as sent.
    Other(String),
}

impl PreSignUpSource {
    /// Decodes the wire value (`"PreSignUp_SignUp"`).
    pub fn from_wire(value: &str) -> PreSignUpSource {
        match value.strip_prefix(SOURCE_PREFIX).unwrap_or(value) {
            "SignUp" => PreSignUpSource::SignUp,
            "AdminCreateUser" => PreSignUpSource::AdminCreateUser,
            "ExternalProvider" => PreSignUpSource::ExternalProvider,
            _ => PreSignUpSource::Other(value.to_owned()),
        }
    }

    /// The name without prefix, as `triggers = [..]` spells it.
    pub fn short_name(&self) -> &str {
        match self {
            PreSignUpSource::SignUp => "SignUp",
            PreSignUpSource::AdminCreateUser => "AdminCreateUser",
            PreSignUpSource::ExternalProvider => "ExternalProvider",
            PreSignUpSource::Other(raw) => raw,
        }
    }
}

impl fmt::Display for PreSignUpSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PreSignUpSource::Other(raw) => f.write_str(raw),
            known => write!(f, "{SOURCE_PREFIX}{}", known.short_name()),
        }
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

/// A top-level string that may be `null` or absent.
fn text<'a>(envelope: &Envelope<'a>, key: &str) -> Result<Cow<'a, str>, TriggerError> {
    Ok(envelope
        .member::<Option<Name<'a>>>(key)?
        .map(|n| n.0)
        .unwrap_or_default())
}

impl<'a> PreSignUp<'a> {
    /// Decodes the event from its envelope.
    pub(crate) fn decode(envelope: &Envelope<'a>) -> Result<PreSignUp<'a>, TriggerError> {
        let request: WireRequest<'a> = envelope.request()?;
        Ok(PreSignUp {
            trigger_source: PreSignUpSource::from_wire(&envelope.trigger_source),
            region: text(envelope, "region")?,
            user_pool_id: text(envelope, "userPoolId")?,
            user_name: text(envelope, "userName")?,
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
        let event = RawEvent::from_slice(json.as_bytes()).map_err(|e| decode_error("", &e))?;
        let envelope = Envelope::read(&event)?;
        Ok(f(&PreSignUp::decode(&envelope)?))
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
