//! [`PreSignUpTrigger`]: what `#[pre_sign_up]` generates, run by the engine.

use super::event::PreSignUp;
use super::response::SignUp;
pub use super::rules::{Checks, DomainRule};
use crate::engine::decode::StringMap;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{BoxError, BoxFuture, Common, Kind, Response};

/// The future of one call of the user's function.
pub type SignUpFuture<'a> = BoxFuture<'a, Result<SignUp, BoxError>>;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum PreSignUpHandler {
    /// `fn handler(event: &PreSignUp) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e PreSignUp<'a>) -> SignUpFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> SignUpFuture<'static>),
}

/// The configuration the macro writes for one `#[pre_sign_up]`.
pub struct PreSignUpConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `email_domains`, `require`, `min_age`, `message`.
    pub checks: Checks,
    /// `auto_confirm`, `auto_verify`.
    pub flags: SignUp,
    /// The user's function.
    pub handler: PreSignUpHandler,
}

const KIND: Kind = Kind {
    name: "PreSignUp",
    title: "pre sign-up",
    source_prefix: cognito_triggers_rules::pre_sign_up::SOURCE_PREFIX,
};

/// A pre sign-up trigger: `#[pre_sign_up] fn handler` defines it as `static HANDLER`.
///
/// ```
/// use cognito_triggers::pre_sign_up;
///
/// #[pre_sign_up(email_domains(allow = ["example.com"]), auto_confirm = true, main = false)]
/// fn handler() {}
///
/// let event = r#"{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email": "jane@evil-example.com"}}}"#;
/// let refused = HANDLER.invoke_blocking(event).unwrap_err();
/// assert_eq!(refused.message(), "Sign-ups with this email domain are not allowed");
/// ```
pub struct PreSignUpTrigger {
    config: PreSignUpConfig,
}

impl PreSignUpTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: PreSignUpConfig) -> PreSignUpTrigger {
        PreSignUpTrigger { config }
    }

    /// Reads and checks what can be read at cold start (`env("..")` lists).
    fn prepare_checks(&self) {
        self.config.checks.prepare();
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let (dynamic, flags_for) = match config.handler {
            // The whole event for a function that takes it.
            PreSignUpHandler::WithEvent(f) => {
                let event = PreSignUp::decode(envelope)?;
                self.check(&event.user_attributes)?;
                let dynamic = config.common.call(f(&event)).await?;
                (dynamic, attribute_flags(Some(&event.user_attributes)))
            }
            // Otherwise only the attributes, and only when a check or a flag reads them.
            PreSignUpHandler::WithoutEvent(f) => {
                let reads = config.checks.any()
                    || config.flags.verifies_email()
                    || config.flags.verifies_phone();
                let attributes = match reads {
                    true => Some(PreSignUp::user_attributes(envelope)?),
                    false => None,
                };
                if let Some(attributes) = &attributes {
                    self.check(attributes)?;
                }
                let dynamic = config.common.call(f()).await?;
                (dynamic, attribute_flags(attributes.as_ref()))
            }
        };
        let (has_email, has_phone) = flags_for;
        let response = config.flags.or(dynamic).response(has_email, has_phone);
        response.to_raw().map(|raw| Some(Response::Shared(raw)))
    }

    /// The attribute's checks: a failure refuses the sign-up with its text.
    fn check(&self, attributes: &StringMap<'_>) -> Result<(), TriggerError> {
        match self.config.checks.refusal(attributes)? {
            Some(text) => Err(TriggerError::new(crate::ErrorKind::Handler, text)),
            None => Ok(()),
        }
    }
}

crate::engine::source::trigger_impl!(PreSignUpTrigger, KIND, prepare = prepare_checks);

/// Whether the user has a non-empty `email` and `phone_number` (what auto-verifying needs).
fn attribute_flags(attributes: Option<&StringMap<'_>>) -> (bool, bool) {
    let has = |name| {
        attributes
            .and_then(|a| a.get(name))
            .is_some_and(|v| !v.is_empty())
    };
    (has("email"), has("phone_number"))
}

/// The return types a pre sign-up function may have.
#[diagnostic::on_unimplemented(
    message = "a pre sign-up function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "return nothing, `SignUp`, or `Result<SignUp, E>` / `Result<(), E>` where `E: std::error::Error + Send + Sync + 'static` (`cognito_triggers::Deny` refuses with its text)"
)]
pub trait IntoSignUp {
    /// Converts the function's result.
    fn into_sign_up(self) -> Result<SignUp, BoxError>;
}

impl IntoSignUp for () {
    fn into_sign_up(self) -> Result<SignUp, BoxError> {
        Ok(SignUp::default())
    }
}

impl IntoSignUp for SignUp {
    fn into_sign_up(self) -> Result<SignUp, BoxError> {
        Ok(self)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoSignUp for Result<SignUp, E> {
    fn into_sign_up(self) -> Result<SignUp, BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoSignUp for Result<(), E> {
    fn into_sign_up(self) -> Result<SignUp, BoxError> {
        self.map(|()| SignUp::default())
            .map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_sign_up<T: IntoSignUp>(value: T) -> Result<SignUp, BoxError> {
    value.into_sign_up()
}
