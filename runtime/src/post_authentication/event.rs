//! The post authentication event, borrowed from the received text.

use std::borrow::Cow;

use serde::Deserialize;

use cognito_triggers_rules::lifecycle::post_authentication::SOURCE_PREFIX;

use crate::engine::decode::{nullish, string_map_skipping_nulls, CallerContext, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{read_with, Envelope};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked post authentication (`triggerSource` without its
    /// `PostAuthentication_` prefix).
    pub enum PostAuthenticationSource, prefix SOURCE_PREFIX, {
        /// A user signed in (`Authentication`).
        Authentication,
    }
}

/// A post authentication event: the user has signed in; an error now keeps the tokens from
/// being issued.
///
/// ```
/// use cognito_triggers::{PostAuthentication, PostAuthenticationSource};
///
/// let text = r#"{"triggerSource": "PostAuthentication_Authentication", "userName": "jane",
///     "request": {"userAttributes": {"email": "jane@example.com"}, "newDeviceUsed": null},
///     "response": {}}"#;
/// PostAuthentication::read(text, |event| {
///     assert_eq!(event.trigger_source, PostAuthenticationSource::Authentication);
///     assert!(!event.new_device_used);
/// })
/// .unwrap();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PostAuthentication<'a> {
    /// Why the trigger runs.
    pub trigger_source: PostAuthenticationSource,
    /// The AWS region of the user pool.
    pub region: Cow<'a, str>,
    /// The user pool id.
    pub user_pool_id: Cow<'a, str>,
    /// The user's username.
    pub user_name: Cow<'a, str>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext,
    /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
    pub user_attributes: StringMap<'a>,
    /// `ClientMetadata` of `RespondToAuthChallenge` (`request.clientMetadata`); never that of
    /// `InitiateAuth`.
    pub client_metadata: StringMap<'a>,
    /// Whether the user signed in from a new device (`request.newDeviceUsed`). Cognito sets it
    /// only when the pool remembers devices; `null` or absent reads as `false`.
    pub new_device_used: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
    user_attributes: StringMap<'a>,
    #[serde(default, borrow)]
    client_metadata: StringMap<'a>,
    #[serde(default, deserialize_with = "nullish")]
    new_device_used: bool,
}

impl<'a> PostAuthentication<'a> {
    /// Decodes the event from its envelope.
    pub(crate) fn decode(envelope: &Envelope<'a>) -> Result<PostAuthentication<'a>, TriggerError> {
        let request: WireRequest<'a> = envelope.request()?;
        Ok(PostAuthentication {
            trigger_source: PostAuthenticationSource::from_wire(&envelope.trigger_source),
            region: envelope.text("region")?,
            user_pool_id: envelope.text("userPoolId")?,
            user_name: envelope.text("userName")?,
            caller_context: envelope.member("callerContext")?,
            user_attributes: request.user_attributes,
            client_metadata: request.client_metadata,
            new_device_used: request.new_device_used,
        })
    }

    /// Decodes an event from its JSON text and passes it to `f` (the event borrows the text).
    pub fn read<T>(
        json: &str,
        f: impl FnOnce(&PostAuthentication<'_>) -> T,
    ) -> Result<T, TriggerError> {
        read_with(json, |envelope| {
            Ok(f(&PostAuthentication::decode(envelope)?))
        })
    }

    /// A user attribute (`request.userAttributes[name]`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes.get(name)
    }

    /// The app client id (`callerContext.clientId`).
    pub fn client_id(&self) -> Option<&str> {
        self.caller_context.client_id.as_deref()
    }
}
