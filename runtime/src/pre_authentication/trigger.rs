//! [`PreAuthenticationTrigger`]: what `#[pre_authentication]` generates, run by the engine.

use cognito_triggers_rules::lifecycle::check_client_id;

use super::event::{is_verified, verified_attributes, PreAuthentication};
use crate::engine::decode::StringMap;
use crate::engine::env::Strings;
use crate::engine::error::{ErrorKind, TriggerError};
use crate::engine::event::Envelope;
use crate::engine::{Common, Kind, Response};
pub use crate::post_authentication::trigger::OutcomeFuture;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum PreAuthenticationHandler {
    /// `fn handler(event: &PreAuthentication) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e PreAuthentication<'a>) -> OutcomeFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> OutcomeFuture<'static>),
}

/// The checks of `#[pre_authentication]`.
#[derive(Clone, Copy)]
pub struct SignInChecks {
    /// `clients(allow = ..)`: the app clients that may sign users in.
    pub clients: Option<Strings>,
    /// `require_verified = [..]`: `email`, `phone_number`.
    pub require_verified: &'static [&'static str],
    /// `message = ".."`: the text of every refusal of these checks.
    pub message: Option<&'static str>,
}

impl SignInChecks {
    fn any(&self) -> bool {
        self.clients.is_some() || !self.require_verified.is_empty()
    }

    /// The refusal text, if a check fails. The same text whether or not the user exists: a
    /// user Cognito did not find (`userNotFound`) has no attributes and so fails
    /// `require_verified` exactly like an existing unverified user.
    fn refusal(
        &self,
        client_id: Option<&str>,
        attributes: &StringMap<'_>,
    ) -> Result<Option<&'static str>, TriggerError> {
        if let Some(clients) = &self.clients {
            let allowed = match client_id {
                Some(id) => {
                    clients.contains(id, |id| check_client_id(id).map_err(|v| v.to_string()))?
                }
                None => false,
            };
            if !allowed {
                return Ok(Some(
                    self.message
                        .unwrap_or("Sign-in from this app is not allowed"),
                ));
            }
        }
        for name in self.require_verified {
            if !is_verified(attributes, name) {
                let default = match *name {
                    "phone_number" => "Verify your phone number before signing in",
                    _ => "Verify your email address before signing in",
                };
                return Ok(Some(self.message.unwrap_or(default)));
            }
        }
        Ok(None)
    }
}

/// The configuration the macro writes for one `#[pre_authentication]`.
pub struct PreAuthenticationConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `clients`, `require_verified`, `message`.
    pub checks: SignInChecks,
    /// The user's function.
    pub handler: PreAuthenticationHandler,
}

const KIND: Kind = Kind {
    name: "PreAuthentication",
    title: "pre authentication",
    source_prefix: cognito_triggers_rules::lifecycle::pre_authentication::SOURCE_PREFIX,
};

/// A pre authentication trigger: `#[pre_authentication] fn handler` defines it as
/// `static HANDLER`. The event goes back unchanged; a failed check or an error refuses the
/// sign-in with its text.
///
/// ```
/// use cognito_triggers::pre_authentication;
///
/// #[pre_authentication(require_verified = ["email"], main = false)]
/// fn handler() {}
///
/// let event = r#"{"triggerSource": "PreAuthentication_Authentication", "request": {"userAttributes": {"email": "jane@example.com", "email_verified": "false"}}}"#;
/// let refused = HANDLER.invoke_blocking(event).unwrap_err();
/// assert_eq!(refused.message(), "Verify your email address before signing in");
/// ```
pub struct PreAuthenticationTrigger {
    config: PreAuthenticationConfig,
}

impl PreAuthenticationTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: PreAuthenticationConfig) -> PreAuthenticationTrigger {
        PreAuthenticationTrigger { config }
    }

    /// Reads and checks what can be read at cold start (`env("..")` lists).
    fn prepare_checks(&self) {
        if let Some(clients) = &self.config.checks.clients {
            clients.prepare(|id| check_client_id(id).map_err(|v| v.to_string()));
        }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        match config.handler {
            PreAuthenticationHandler::WithEvent(f) => {
                let event = PreAuthentication::decode(envelope)?;
                self.check(event.client_id(), &event.user_attributes)?;
                config.common.call(f(&event)).await?;
            }
            // The event is decoded only when a check reads it, and then only what the checks
            // read: the `<name>_verified` attributes and, for `clients`,
            // `callerContext.clientId`.
            PreAuthenticationHandler::WithoutEvent(f) => {
                if config.checks.any() {
                    let client_id = match config.checks.clients {
                        Some(_) => envelope.client_id()?,
                        None => None,
                    };
                    let attributes = match config.checks.require_verified {
                        [] => StringMap::default(),
                        _ => verified_attributes(envelope)?,
                    };
                    self.check(client_id.as_deref(), &attributes)?;
                }
                config.common.call(f()).await?;
            }
        }
        Ok(None)
    }

    fn check(
        &self,
        client_id: Option<&str>,
        attributes: &StringMap<'_>,
    ) -> Result<(), TriggerError> {
        match self.config.checks.refusal(client_id, attributes)? {
            Some(text) => Err(TriggerError::new(ErrorKind::Handler, text)),
            None => Ok(()),
        }
    }
}

crate::engine::source::trigger_impl!(PreAuthenticationTrigger, KIND, prepare = prepare_checks);
