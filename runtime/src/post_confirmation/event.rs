//! The post confirmation event, borrowed from the received text.

use std::borrow::Cow;

use serde::Deserialize;

use cognito_triggers_rules::lifecycle::post_confirmation::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, CallerContext, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{read_with, Envelope};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked post confirmation (`triggerSource` without its
    /// `PostConfirmation_` prefix).
    pub enum PostConfirmationSource, prefix SOURCE_PREFIX, {
        /// A user confirmed their sign-up (`ConfirmSignUp`, `AdminConfirmSignUp`, managed
        /// login).
        ConfirmSignUp,
        /// A user confirmed a password reset (`ConfirmForgotPassword`).
        ConfirmForgotPassword,
    }
}

/// A post confirmation event: the user is confirmed already; an error reaches the client but
/// does not undo the confirmation.
///
/// ```
/// use cognito_triggers::{PostConfirmation, PostConfirmationSource};
///
/// let text = r#"{"triggerSource": "PostConfirmation_ConfirmForgotPassword", "userName": "jane",
///     "userPoolId": "us-east-1_EXAMPLE", "request": {"userAttributes": {"email": "jane@example.com"}},
///     "response": {}}"#;
/// PostConfirmation::read(text, |event| {
///     assert_eq!(event.trigger_source, PostConfirmationSource::ConfirmForgotPassword);
///     assert!(event.client_metadata.is_empty());
/// })
/// .unwrap();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PostConfirmation<'a> {
    /// Why the trigger runs.
    pub trigger_source: PostConfirmationSource,
    /// The AWS region of the user pool.
    pub region: Cow<'a, str>,
    /// The user pool id.
    pub user_pool_id: Cow<'a, str>,
    /// The user's username.
    pub user_name: Cow<'a, str>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext,
    /// The confirmed user's attributes (`request.userAttributes`; a `null` value reads as
    /// absent).
    pub user_attributes: StringMap<'a>,
    /// `ClientMetadata` of the confirming call (`request.clientMetadata`).
    pub client_metadata: StringMap<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
    user_attributes: StringMap<'a>,
    #[serde(default, borrow)]
    client_metadata: StringMap<'a>,
}

impl<'a> PostConfirmation<'a> {
    /// Decodes the event from its envelope.
    pub(crate) fn decode(envelope: &Envelope<'a>) -> Result<PostConfirmation<'a>, TriggerError> {
        let request: WireRequest<'a> = envelope.request()?;
        Ok(PostConfirmation {
            trigger_source: PostConfirmationSource::from_wire(&envelope.trigger_source),
            region: envelope.text("region")?,
            user_pool_id: envelope.text("userPoolId")?,
            user_name: envelope.text("userName")?,
            caller_context: envelope.member("callerContext")?,
            user_attributes: request.user_attributes,
            client_metadata: request.client_metadata,
        })
    }

    /// Decodes an event from its JSON text and passes it to `f` (the event borrows the text).
    pub fn read<T>(
        json: &str,
        f: impl FnOnce(&PostConfirmation<'_>) -> T,
    ) -> Result<T, TriggerError> {
        read_with(json, |envelope| Ok(f(&PostConfirmation::decode(envelope)?)))
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
