//! [`CustomMessageTrigger`]: what `#[custom_message]` generates, run by the engine.

use std::borrow::Cow;

use cognito_triggers_rules::custom_message::Channel;

use super::event::CustomMessage;
use super::render::{fill, problem};
pub use super::render::{Block, Locale, Template, Templates};
use super::response::{Message, Response as Answer};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{BoxError, BoxFuture, Common, Kind, Response};

/// The future of one call of the user's function.
pub type MessageFuture<'a> = BoxFuture<'a, Result<Message, BoxError>>;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum CustomMessageHandler {
    /// `fn handler(event: &CustomMessage) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e CustomMessage<'a>) -> MessageFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> MessageFuture<'static>),
}

/// The configuration the macro writes for one `#[custom_message]`.
pub struct CustomMessageConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// The blocks, parsed and checked at compile time.
    pub templates: Templates,
    /// The user's function.
    pub handler: CustomMessageHandler,
}

const KIND: Kind = Kind {
    name: "CustomMessage",
    title: "custom message",
    source_prefix: cognito_triggers_rules::custom_message::SOURCE_PREFIX,
};

/// A custom message trigger: `#[custom_message] fn handler` defines it as `static HANDLER`.
///
/// ```
/// use cognito_triggers::custom_message;
///
/// #[custom_message(sign_up(subject = "Welcome", email = "<p>Hi {given_name}, your code is {####}</p>"), main = false)]
/// fn handler() {}
///
/// let event = r#"{"triggerSource": "CustomMessage_SignUp", "userName": "jane",
///     "request": {"userAttributes": {"given_name": "<Jane>"}, "codeParameter": "{####}"},
///     "response": {"smsMessage": null, "emailMessage": null, "emailSubject": null}}"#;
/// let answered: serde_json::Value = serde_json::from_str(&HANDLER.invoke_blocking(event).unwrap()).unwrap();
/// assert_eq!(answered["response"]["emailMessage"], "<p>Hi &lt;Jane&gt;, your code is {####}</p>");
/// assert_eq!(answered["response"]["smsMessage"], serde_json::Value::Null);
/// ```
pub struct CustomMessageTrigger {
    config: CustomMessageConfig,
}

impl CustomMessageTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: CustomMessageConfig) -> CustomMessageTrigger {
        CustomMessageTrigger { config }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let (event, dynamic) = match config.handler {
            CustomMessageHandler::WithEvent(f) => {
                let event = CustomMessage::decode(envelope)?;
                let dynamic = config.common.call(f(&event)).await?;
                (event, dynamic)
            }
            // The blocks read the user's attributes, the placeholders and the username only.
            CustomMessageHandler::WithoutEvent(f) => (
                CustomMessage::decode_for_attribute(envelope)?,
                config.common.call(f()).await?,
            ),
        };
        let answer = self.answer(&event, dynamic);
        if answer == Answer::default() {
            // Nothing to change: Cognito's configured messages, and the event as received.
            return Ok(None);
        }
        serde_json::value::to_raw_value(&answer)
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))
    }

    /// The function's messages over the block of the event's source and locale, each checked;
    /// a message that fails a check is left to Cognito's configuration, with a warning.
    fn answer(&self, event: &CustomMessage<'_>, dynamic: Message) -> Answer {
        let block = self
            .config
            .templates
            .block(event.trigger_source.short_name(), event.locale());
        let (subject, body) = match dynamic.email {
            Some((subject, body)) => (Some(subject.into()), Some(body.into())),
            None => match block {
                Some(block) => (
                    block.subject.map(|t| fill(t, event, Channel::Subject)),
                    block.email.map(|t| fill(t, event, Channel::Email)),
                ),
                None => (None, None),
            },
        };
        let sms = dynamic.sms.map(Cow::Owned).or_else(|| {
            block
                .and_then(|b| b.sms)
                .map(|t| fill(t, event, Channel::Sms))
        });
        let mut answer = Answer {
            sms_message: sms,
            email_message: body,
            email_subject: subject,
        };
        let email_problem = [
            (answer.email_subject.as_deref(), Channel::Subject),
            (answer.email_message.as_deref(), Channel::Email),
        ]
        .into_iter()
        .find_map(|(text, channel)| Some((channel, problem(text?, channel, event)?)));
        if let Some((channel, reason)) = email_problem {
            warn(event, channel, &reason);
            answer.email_subject = None;
            answer.email_message = None;
        }
        if let Some(reason) = answer
            .sms_message
            .as_deref()
            .and_then(|text| problem(text, Channel::Sms, event))
        {
            warn(event, Channel::Sms, &reason);
            answer.sms_message = None;
        }
        answer
    }
}

/// One warning line without the message's text (it holds codes' places and user attributes).
fn warn(event: &CustomMessage<'_>, channel: Channel, reason: &str) {
    tracing::warn!(
        trigger_source = %event.trigger_source,
        "the {} is not sent: {reason}; Cognito sends its configured message instead",
        channel.describe()
    );
}

crate::engine::source::trigger_impl!(CustomMessageTrigger, KIND);

/// The return types a custom message function may have.
#[diagnostic::on_unimplemented(
    message = "a custom message function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "return nothing, `Message`, or `Result<Message, E>` / `Result<(), E>` where `E: std::error::Error + Send + Sync + 'static`"
)]
pub trait IntoMessage {
    /// Converts the function's result.
    fn into_message(self) -> Result<Message, BoxError>;
}

impl IntoMessage for () {
    fn into_message(self) -> Result<Message, BoxError> {
        Ok(Message::default())
    }
}

impl IntoMessage for Message {
    fn into_message(self) -> Result<Message, BoxError> {
        Ok(self)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoMessage for Result<Message, E> {
    fn into_message(self) -> Result<Message, BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoMessage for Result<(), E> {
    fn into_message(self) -> Result<Message, BoxError> {
        self.map(|()| Message::default())
            .map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_message<T: IntoMessage>(value: T) -> Result<Message, BoxError> {
    value.into_message()
}
