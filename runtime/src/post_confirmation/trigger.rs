//! [`PostConfirmationTrigger`]: what `#[post_confirmation]` generates, run by the engine.

use cognito_triggers_rules::check_group_name;

use super::event::PostConfirmation;
use crate::engine::env::Strings;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{BoxError, Common, Kind, Response};
pub use crate::post_authentication::trigger::OutcomeFuture;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum PostConfirmationHandler {
    /// `fn handler(event: &PostConfirmation) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e PostConfirmation<'a>) -> OutcomeFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> OutcomeFuture<'static>),
}

/// `add_to_groups = [..]`: the groups a confirmed user joins (`AdminAddUserToGroup`).
#[derive(Clone, Copy)]
pub struct AddToGroups {
    /// The group names.
    pub groups: Strings,
    /// The short trigger sources it acts on: `ConfirmSignUp` unless `triggers = [..]` is
    /// given (`None`: every source `triggers` lets through).
    pub sources: Option<&'static [&'static str]>,
}

/// Implemented when the `sdk` feature is on: `add_to_groups` needs it.
#[diagnostic::on_unimplemented(
    message = "`add_to_groups` calls AdminAddUserToGroup through the AWS SDK for Rust, which needs the `sdk` feature of cognito-triggers",
    label = "needs the `sdk` feature",
    note = "enable it: `cognito-triggers = {{ version = \"0.1\", features = [\"sdk\"] }}`"
)]
pub trait SdkFeature {}

/// The type that implements [`SdkFeature`] when the feature is on.
pub struct Sdk;

#[cfg(feature = "sdk")]
impl SdkFeature for Sdk {}

/// `add_to_groups` in generated code: compiles only with the `sdk` feature.
pub const fn add_to_groups<F: SdkFeature>(add: AddToGroups) -> Option<AddToGroups> {
    Some(add)
}

/// The configuration the macro writes for one `#[post_confirmation]`.
pub struct PostConfirmationConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `add_to_groups`.
    pub add_to_groups: Option<AddToGroups>,
    /// The user's function.
    pub handler: PostConfirmationHandler,
}

const KIND: Kind = Kind {
    name: "PostConfirmation",
    title: "post confirmation",
    source_prefix: cognito_triggers_rules::lifecycle::post_confirmation::SOURCE_PREFIX,
};

/// A post confirmation trigger: `#[post_confirmation] fn handler` defines it as
/// `static HANDLER`. The event goes back unchanged; an error reaches the client, but the user
/// stays confirmed.
///
/// ```
/// use cognito_triggers::{post_confirmation, Deny, PostConfirmation, PostConfirmationSource};
///
/// #[post_confirmation(main = false)]
/// fn handler(event: &PostConfirmation) -> Result<(), Deny> {
///     match event.trigger_source {
///         PostConfirmationSource::ConfirmSignUp => Ok(()),
///         _ => Err(Deny::new("only sign-ups")),
///     }
/// }
///
/// let event = r#"{"triggerSource": "PostConfirmation_ConfirmForgotPassword", "request": {}}"#;
/// assert_eq!(HANDLER.invoke_blocking(event).unwrap_err().message(), "only sign-ups");
/// ```
pub struct PostConfirmationTrigger {
    config: PostConfirmationConfig,
    #[cfg(feature = "sdk")]
    client: super::groups::LazyClient,
}

impl PostConfirmationTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: PostConfirmationConfig) -> PostConfirmationTrigger {
        PostConfirmationTrigger {
            config,
            #[cfg(feature = "sdk")]
            client: super::groups::LazyClient::new(),
        }
    }

    /// The groups to join for this event: none unless `add_to_groups` acts on its source.
    pub(crate) fn groups_for(&self, short_source: &str) -> Result<Vec<&'static str>, TriggerError> {
        match &self.config.add_to_groups {
            Some(add) if add.sources.is_none_or(|s| s.contains(&short_source)) => {
                add.groups.items(check_group)
            }
            _ => Ok(Vec::new()),
        }
    }

    /// Reads and checks what can be read at cold start (`env("..")` lists).
    fn prepare_checks(&self) {
        if let Some(add) = &self.config.add_to_groups {
            add.groups.prepare(check_group);
        }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let groups = self.groups_for(envelope.short_source(KIND.source_prefix))?;
        let user = match groups.is_empty() {
            true => None,
            false => Some(User {
                pool: envelope.text("userPoolId")?,
                name: envelope.text("userName")?,
                region: envelope.text("region")?,
            }),
        };
        let event;
        let function = match config.handler {
            PostConfirmationHandler::WithEvent(f) => {
                event = PostConfirmation::decode(envelope)?;
                f(&event)
            }
            PostConfirmationHandler::WithoutEvent(f) => f(),
        };
        // The groups first, then the function (a future runs nothing until polled); one
        // `timeout` bounds both.
        let work = async {
            if let Some(user) = &user {
                self.add_to_groups(user, &groups).await?;
            }
            function.await
        };
        config.common.call(Box::pin(work)).await?;
        Ok(None)
    }

    #[cfg(feature = "sdk")]
    async fn add_to_groups(&self, user: &User<'_>, groups: &[&str]) -> Result<(), BoxError> {
        if crate::engine::in_local_mode() {
            tracing::info!(
                "local mode makes no calls to AWS: AdminAddUserToGroup ({}) not called",
                groups.join(", ")
            );
            return Ok(());
        }
        let client = self.client.get(&user.region).await;
        super::groups::add(client, &user.pool, &user.name, groups).await
    }

    #[cfg(not(feature = "sdk"))]
    async fn add_to_groups(&self, _: &User<'_>, _: &[&str]) -> Result<(), BoxError> {
        // The macro refuses `add_to_groups` without the feature; a hand-written configuration
        // gets this error.
        Err("`add_to_groups` needs the `sdk` feature of cognito-triggers".into())
    }
}

crate::engine::source::trigger_impl!(PostConfirmationTrigger, KIND, prepare = prepare_checks);

/// The user a group call is for.
#[cfg_attr(not(feature = "sdk"), allow(dead_code))]
pub(crate) struct User<'a> {
    pub(crate) pool: std::borrow::Cow<'a, str>,
    pub(crate) name: std::borrow::Cow<'a, str>,
    pub(crate) region: std::borrow::Cow<'a, str>,
}

fn check_group(name: &str) -> Result<(), String> {
    check_group_name(name).map_err(|v| v.to_string())
}
