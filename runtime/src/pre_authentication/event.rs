//! The pre authentication event, borrowed from the received text.

use std::borrow::Cow;

use serde::Deserialize;

use cognito_triggers_rules::lifecycle::pre_authentication::SOURCE_PREFIX;

use crate::engine::decode::{nullish, string_map_skipping_nulls, CallerContext, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{read_with, Envelope};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked pre authentication (`triggerSource` without its
    /// `PreAuthentication_` prefix).
    pub enum PreAuthenticationSource, prefix SOURCE_PREFIX, {
        /// A user is signing in (`Authentication`); the password is not checked yet.
        Authentication,
    }
}

/// A pre authentication event: a user is signing in, before the password is checked. An
/// error refuses the sign-in with its text.
///
/// ```
/// use cognito_triggers::PreAuthentication;
///
/// let text = r#"{"triggerSource": "PreAuthentication_Authentication", "userName": "jane",
///     "request": {"userAttributes": {"email_verified": "true"}, "validationData": null,
///                 "userNotFound": false},
///     "response": {}}"#;
/// PreAuthentication::read(text, |event| {
///     assert!(event.is_verified("email"));
///     assert!(!event.user_not_found);
///     assert!(event.validation_data.is_empty());
/// })
/// .unwrap();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreAuthentication<'a> {
    /// Why the trigger runs.
    pub trigger_source: PreAuthenticationSource,
    /// The AWS region of the user pool.
    pub region: Cow<'a, str>,
    /// The user pool id.
    pub user_pool_id: Cow<'a, str>,
    /// The username the user signs in with.
    pub user_name: Cow<'a, str>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext,
    /// The user's attributes (`request.userAttributes`; a `null` value reads as absent); empty when the user does not exist.
    pub user_attributes: StringMap<'a>,
    /// `ClientMetadata` of `InitiateAuth`/`AdminInitiateAuth`, which Cognito sends as
    /// `request.validationData`.
    pub validation_data: StringMap<'a>,
    /// `request.userNotFound`: the user does not exist. Cognito sends it (and runs the trigger
    /// for unknown users) only when the app client prevents user-existence errors. A refusal
    /// must then read exactly as it would for an existing user, or it tells who has an account.
    pub user_not_found: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
    user_attributes: StringMap<'a>,
    #[serde(default, borrow)]
    validation_data: StringMap<'a>,
    #[serde(default, deserialize_with = "nullish")]
    user_not_found: bool,
}

impl<'a> PreAuthentication<'a> {
    /// Decodes the event from its envelope.
    pub(crate) fn decode(envelope: &Envelope<'a>) -> Result<PreAuthentication<'a>, TriggerError> {
        let request: WireRequest<'a> = envelope.request()?;
        Ok(PreAuthentication {
            trigger_source: PreAuthenticationSource::from_wire(&envelope.trigger_source),
            region: envelope.text("region")?,
            user_pool_id: envelope.text("userPoolId")?,
            user_name: envelope.text("userName")?,
            caller_context: envelope.member("callerContext")?,
            user_attributes: request.user_attributes,
            validation_data: request.validation_data,
            user_not_found: request.user_not_found,
        })
    }

    /// Decodes an event from its JSON text and passes it to `f` (the event borrows the text).
    pub fn read<T>(
        json: &str,
        f: impl FnOnce(&PreAuthentication<'_>) -> T,
    ) -> Result<T, TriggerError> {
        read_with(json, |envelope| {
            Ok(f(&PreAuthentication::decode(envelope)?))
        })
    }

    /// A user attribute (`request.userAttributes[name]`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes.get(name)
    }

    /// Whether `<name>_verified` is `"true"` (`email`, `phone_number`).
    pub fn is_verified(&self, name: &str) -> bool {
        is_verified(&self.user_attributes, name)
    }

    /// The app client id (`callerContext.clientId`).
    pub fn client_id(&self) -> Option<&str> {
        self.caller_context.client_id.as_deref()
    }
}

/// Whether `<name>_verified` is `"true"`.
pub(crate) fn is_verified(attributes: &StringMap<'_>, name: &str) -> bool {
    attributes
        .iter()
        .any(|(key, value)| value == "true" && key.strip_suffix("_verified") == Some(name))
}
