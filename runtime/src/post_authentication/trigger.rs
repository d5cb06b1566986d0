//! [`PostAuthenticationTrigger`]: what `#[post_authentication]` generates, run by the engine.

use super::event::PostAuthentication;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{AnyTrigger, BoxError, BoxFuture, Common, Kind, Response};

/// The future of one call of the user's function.
pub type OutcomeFuture<'a> = BoxFuture<'a, Result<(), BoxError>>;

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
/// let event = r#"{"triggerSource": "PostAuthentication_Authentication", "userName": "jane", "request": {}, "response": {}}"#;
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

    /// The function's name.
    pub fn name(&self) -> &'static str {
        self.config.common.name()
    }

    /// Handles one event given as JSON text on a fresh single-threaded runtime and returns the
    /// answered event's text, for tests and tools.
    pub fn invoke_blocking(&self, event: &str) -> Result<String, TriggerError> {
        crate::engine::invoke_blocking(self, event)
    }

    /// The entry point of the generated `fn main`.
    pub fn main(&'static self) -> std::process::ExitCode {
        crate::serve(&[self])
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

impl AnyTrigger for PostAuthenticationTrigger {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn common(&self) -> &Common {
        &self.config.common
    }

    fn respond<'a>(
        &'a self,
        envelope: &'a Envelope<'a>,
    ) -> BoxFuture<'a, Result<Option<Response>, TriggerError>> {
        Box::pin(self.respond_to(envelope))
    }

    #[cfg(any(debug_assertions, feature = "local"))]
    fn local(&self) -> &dyn crate::engine::LocalMode {
        self
    }
}
