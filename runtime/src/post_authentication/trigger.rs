//! [`PostAuthenticationTrigger`]: what `#[post_authentication]` generates, run by the engine.

use super::event::PostAuthentication;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{Common, Kind, Response};

pub use crate::engine::outcome::OutcomeFuture;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum PostAuthenticationHandler {
    /// `fn handler(event: &PostAuthentication) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e PostAuthentication<'a>) -> OutcomeFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> OutcomeFuture<'static>),
}

/// The configuration the macro writes for one `#[post_authentication]`.
pub struct PostAuthenticationConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// The user's function.
    pub handler: PostAuthenticationHandler,
}

const KIND: Kind = Kind {
    name: "PostAuthentication",
    title: "post authentication",
    source_prefix: cognito_triggers_rules::lifecycle::post_authentication::SOURCE_PREFIX,
};

/// A post authentication trigger: `#[post_authentication] fn handler` defines it as
/// `static HANDLER`. The event goes back unchanged; an error keeps the user from signing in.
///
/// ```
/// use cognito_triggers::{post_authentication, PostAuthentication};
///
/// #[post_authentication(main = false)]
/// fn handler(event: &PostAuthentication) {
///     assert_eq!(event.user_name, "jane");
/// }
///
/// // The event comes back as received (here without whitespace between its members).
/// let event = r#"{"triggerSource":"PostAuthentication_Authentication","userName":"jane","request":{},"response":{}}"#;
/// assert_eq!(HANDLER.invoke_blocking(event).unwrap(), event);
/// ```
pub struct PostAuthenticationTrigger {
    config: PostAuthenticationConfig,
}

impl PostAuthenticationTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: PostAuthenticationConfig) -> PostAuthenticationTrigger {
        PostAuthenticationTrigger { config }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let common = &self.config.common;
        match self.config.handler {
            PostAuthenticationHandler::WithEvent(f) => {
                let event = PostAuthentication::decode(envelope)?;
                common.call(f(&event)).await?;
            }
            PostAuthenticationHandler::WithoutEvent(f) => common.call(f()).await?,
        }
        Ok(None)
    }
}

crate::engine::source::trigger_impl!(PostAuthenticationTrigger, KIND);
