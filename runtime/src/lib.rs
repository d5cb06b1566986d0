//! Amazon Cognito Lambda triggers as a declarative, compile-time-checked attribute.
//!
//! ```no_run
//! use cognito_triggers::pre_token_generation;
//!
//! #[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"))]
//! async fn handler() {}
//! ```
//!
//! The attribute checks the overrides against Cognito's rules at compile time, generates the
//! typed handler, a `static HANDLER: Trigger` and `fn main`: the Lambda runtime loop under
//! `AWS_LAMBDA_RUNTIME_API`, local mode otherwise (`--event PATH`, `--claims`, `--help`).
//!
//! A function body returns dynamic overrides, merged over the static ones (dynamic wins):
//!
//! ```
//! use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration};
//!
//! #[pre_token_generation(claims(source = "static"), main = false)]
//! fn handler(event: &PreTokenGeneration) -> Overrides {
//!     match event.attribute("custom:tenant") {
//!         Some(tenant) => Overrides::default().id_claim("tenant", tenant),
//!         None => Overrides::default(),
//!     }
//! }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
#[cfg(feature = "jwt")]
mod jwt;
mod lambda;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
mod log;
mod pre_token;
mod simulate;
#[cfg(feature = "testing")]
pub mod testing;
mod trigger;

#[doc(inline)]
pub use cognito_triggers_macros::pre_token_generation;
pub use cognito_triggers_rules::{self as rules, Version};
pub use error::{ErrorKind, TriggerError};
#[cfg(feature = "jwt")]
pub use jwt::{JwtError, SignedTokens, SigningKey};
pub use pre_token::event::{CallerContext, GroupConfiguration, PreTokenGeneration, TriggerSource};
pub use pre_token::overrides::{ClaimSource, GroupsChange, Overrides, TokenChanges};
pub use pre_token::raw::{RawAnswer, RawEvent};
pub use pre_token::response::{build_response, Skipped};
pub use simulate::{simulate, simulate_at, SimulationError, Tokens, TOKEN_LIFETIME_SECS};
pub use trigger::{
    BoxError, EventReader, Handler, HandlerFn, HandlerFuture, Trigger, TriggerConfig,
};

/// A built-in sample event of `version`: a sign-in (`TokenGeneration_Authentication`) for
/// V1_0 and V2_0, a machine-to-machine grant (`TokenGeneration_ClientCredentials`) for V3_0.
pub fn sample_event(version: Version) -> serde_json::Value {
    let text = match version {
        Version::V1_0 => include_str!("samples/v1.json"),
        Version::V2_0 => include_str!("samples/v2.json"),
        Version::V3_0 => include_str!("samples/v3.json"),
    };
    serde_json::from_str(text).unwrap_or_default()
}

/// What generated code uses. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::trigger::{
        BoxError, EventReader, Handler, HandlerFuture, Trigger, TriggerConfig,
    };
    pub use crate::{ClaimSource, Overrides, PreTokenGeneration, Version};
    pub use ::core;
    pub use ::serde_json;
    pub use ::std;

    /// The return types a trigger function may have.
    #[diagnostic::on_unimplemented(
        message = "a pre token generation function cannot return `{Self}`",
        label = "this return type is not accepted",
        note = "return nothing, `Overrides`, or `Result<Overrides, E>` where `E: std::error::Error + Send + Sync + 'static` (sync or async)"
    )]
    pub trait IntoOverrides {
        /// Converts the function's result.
        fn into_overrides(self) -> Result<Overrides, BoxError>;
    }

    impl IntoOverrides for () {
        fn into_overrides(self) -> Result<Overrides, BoxError> {
            Ok(Overrides::default())
        }
    }

    impl IntoOverrides for Overrides {
        fn into_overrides(self) -> Result<Overrides, BoxError> {
            Ok(self)
        }
    }

    impl<E: std::error::Error + Send + Sync + 'static> IntoOverrides for Result<Overrides, E> {
        fn into_overrides(self) -> Result<Overrides, BoxError> {
            self.map_err(|e| Box::new(e) as BoxError)
        }
    }

    impl<E: std::error::Error + Send + Sync + 'static> IntoOverrides for Result<(), E> {
        fn into_overrides(self) -> Result<Overrides, BoxError> {
            self.map(|()| Overrides::default())
                .map_err(|e| Box::new(e) as BoxError)
        }
    }

    /// Converts the function's result, with the trait bound checked on the user's tokens.
    pub fn into_overrides<T: IntoOverrides>(value: T) -> Result<Overrides, BoxError> {
        value.into_overrides()
    }

    /// The event type the function's parameter must be.
    #[diagnostic::on_unimplemented(
        message = "a pre token generation function takes `&PreTokenGeneration`, not `{Self}`",
        label = "expected `&PreTokenGeneration`",
        note = "accepted forms: `fn handler()` or `fn handler(event: &PreTokenGeneration)`, sync or async"
    )]
    pub trait EventParam {}

    impl EventParam for &PreTokenGeneration {}

    /// Checks the parameter type on the user's tokens.
    pub fn event_param<T: EventParam>(value: T) -> T {
        value
    }

    /// Checks the `init` function's type on the user's tokens.
    pub const fn init_fn(f: fn()) -> fn() {
        f
    }
}
