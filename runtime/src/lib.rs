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

mod custom_auth;
mod custom_message;
mod engine;
mod inbound_federation;
#[cfg(feature = "jwt")]
mod jwt;
mod post_authentication;
mod post_confirmation;
mod pre_authentication;
mod pre_sign_up;
mod pre_token;
mod senders;
mod simulate;
#[cfg(feature = "testing")]
pub mod testing;
mod user_migration;

#[doc(inline)]
pub use cognito_triggers_macros::{
    create_auth_challenge, custom_email_sender, custom_message, custom_sms_sender,
    define_auth_challenge, inbound_federation, post_authentication, post_confirmation,
    pre_authentication, pre_sign_up, pre_token_generation, user_migration, verify_auth_challenge,
};
pub use cognito_triggers_rules::{self as rules, Version};
pub use custom_auth::create::{
    CreateAuthChallenge, CreateAuthChallengeSource, CreateAuthChallengeTrigger,
};
pub use custom_auth::define::{
    DefineAuthChallenge, DefineAuthChallengeSource, DefineAuthChallengeTrigger,
};
pub use custom_auth::session::ChallengeResult;
pub use custom_auth::verify::{
    VerifyAuthChallenge, VerifyAuthChallengeSource, VerifyAuthChallengeTrigger,
};
pub use custom_message::event::{CustomMessage, CustomMessageSource};
pub use custom_message::response::{escape_html, Message};
pub use custom_message::trigger::CustomMessageTrigger;
pub use engine::decode::{CallerContext, StringMap};
pub use engine::error::{Deny, ErrorKind, TriggerError};
pub use engine::event::{RawAnswer, RawEvent};
pub use engine::{in_local_mode, serve, AnyTrigger, BoxError};
pub use inbound_federation::event::{
    InboundFederation, InboundFederationSource, ProviderAttributes, ProviderType,
};
pub use inbound_federation::trigger::{AttributeMap, InboundFederationTrigger};
#[cfg(feature = "jwt")]
pub use jwt::{JwtError, SignedTokens, SigningKey};
pub use post_authentication::event::{PostAuthentication, PostAuthenticationSource};
pub use post_authentication::trigger::PostAuthenticationTrigger;
pub use post_confirmation::event::{PostConfirmation, PostConfirmationSource};
pub use post_confirmation::trigger::PostConfirmationTrigger;
pub use pre_authentication::event::{PreAuthentication, PreAuthenticationSource};
pub use pre_authentication::trigger::PreAuthenticationTrigger;
pub use pre_sign_up::event::{PreSignUp, PreSignUpSource};
pub use pre_sign_up::response::SignUp;
pub use pre_sign_up::trigger::PreSignUpTrigger;
pub use pre_token::event::{GroupConfiguration, PreTokenGeneration, TriggerSource};
pub use pre_token::overrides::{ClaimSource, GroupsChange, Overrides, TokenChanges};
pub use pre_token::response::{build_response, Skipped};
pub use pre_token::trigger::Trigger;
pub use senders::email::{CustomEmailSender, CustomEmailSenderSource};
pub use senders::sms::{CustomSmsSender, CustomSmsSenderSource};
pub use senders::trigger::{CustomEmailSenderTrigger, CustomSmsSenderTrigger};
pub use simulate::auth::{
    serve_custom_auth, simulate_auth, AuthOutcome, AuthRound, AuthSimulation, CODE_ANSWER,
};
pub use simulate::{simulate, simulate_at, SimulationError, Tokens, TOKEN_LIFETIME_SECS};
pub use user_migration::event::{Password, UserMigration, UserMigrationSource};
pub use user_migration::response::{FinalStatus, MigratedUser};
pub use user_migration::trigger::UserMigrationTrigger;

/// A built-in sample event of `version`: a sign-in (`TokenGeneration_Authentication`) for
/// V1_0 and V2_0, a machine-to-machine grant (`TokenGeneration_ClientCredentials`) for V3_0.
pub fn sample_event(version: Version) -> serde_json::Value {
    let text = match version {
        Version::V1_0 => include_str!("pre_token/samples/v1.json"),
        Version::V2_0 => include_str!("pre_token/samples/v2.json"),
        Version::V3_0 => include_str!("pre_token/samples/v3.json"),
    };
    serde_json::from_str(text).unwrap_or_default()
}

/// What generated code uses. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::custom_auth::code::draw;
    pub use crate::custom_auth::create::{
        CodeConfig, CreateAuthChallengeConfig, CreateAuthChallengeHandler,
    };
    pub use crate::custom_auth::define::{DefineAuthChallengeConfig, DefineAuthChallengeHandler};
    pub use crate::custom_auth::verify::{VerifyAuthChallengeConfig, VerifyAuthChallengeHandler};
    pub use crate::custom_message::trigger::{
        into_message, Block, CustomMessageConfig, CustomMessageHandler, IntoMessage, Locale,
        MessageFuture, Template, Templates,
    };
    pub use crate::engine::env::{EnvValue, Strings};
    pub use crate::engine::outcome::OutcomeFuture;
    pub use crate::engine::outcome::{into_outcome, Immediate, IntoOutcome};
    pub use crate::engine::{BoxError, BoxFuture, Common};
    pub use crate::inbound_federation::trigger::{
        into_attribute_map, FederationFuture, InboundFederationConfig, InboundFederationHandler,
        IntoAttributeMap, Mapping,
    };
    pub use crate::post_authentication::trigger::{
        PostAuthenticationConfig, PostAuthenticationHandler,
    };
    pub use crate::post_confirmation::trigger::{add_to_groups, Sdk, SdkFeature};
    pub use crate::post_confirmation::trigger::{
        AddToGroups, PostConfirmationConfig, PostConfirmationHandler,
    };
    pub use crate::pre_authentication::trigger::{
        PreAuthenticationConfig, PreAuthenticationHandler, SignInChecks,
    };
    pub use crate::pre_sign_up::trigger::{
        into_sign_up, Checks, DomainRule, IntoSignUp, PreSignUpConfig, PreSignUpHandler,
        SignUpFuture,
    };
    pub use crate::pre_token::trigger::{EventReader, Handler, HandlerFuture, TriggerConfig};
    #[cfg(feature = "senders")]
    pub use crate::senders::trigger::decrypt_with_raw_aes;
    pub use crate::senders::trigger::{
        sender_key, CustomSenderConfig, EmailSenderHandler, Senders, SendersFeature,
        SmsSenderHandler,
    };
    pub use crate::user_migration::trigger::{
        into_migration, IntoMigration, MigrationFuture, UserMigrationConfig, UserMigrationHandler,
    };
    pub use crate::{
        ClaimSource, CreateAuthChallenge, CreateAuthChallengeTrigger, CustomMessage,
        CustomMessageTrigger, DefineAuthChallenge, DefineAuthChallengeTrigger, Message, Overrides,
        PostAuthentication, PostAuthenticationTrigger, PostConfirmation, PostConfirmationTrigger,
        PreAuthentication, PreAuthenticationTrigger, PreSignUp, PreSignUpTrigger,
        PreTokenGeneration, SignUp, Trigger, VerifyAuthChallenge, VerifyAuthChallengeTrigger,
        Version,
    };
    pub use crate::{
        CustomEmailSender, CustomEmailSenderTrigger, CustomSmsSender, CustomSmsSenderTrigger,
    };
    pub use crate::{InboundFederation, InboundFederationTrigger};
    pub use crate::{UserMigration, UserMigrationTrigger};
    pub use ::core;
    pub use ::serde_json;
    pub use ::std;
    pub use ::std::borrow::Cow;
    pub use cognito_triggers_rules::custom_message::Part;

    pub use crate::pre_token::into::{into_overrides, IntoOverrides};

    /// Checks the `init` function's type on the user's tokens.
    pub const fn init_fn(f: fn()) -> fn() {
        f
    }

    /// A `timeout` in milliseconds.
    pub const fn millis(ms: u64) -> ::core::time::Duration {
        ::core::time::Duration::from_millis(ms)
    }
}
