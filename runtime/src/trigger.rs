//! [`Trigger`]: what `#[pre_token_generation]` generates — the static overrides, the user's
//! function and the configuration, with the code that runs them on Lambda and locally.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Once, OnceLock};
use std::task::{Context, Poll};

use serde_json::Value;

use crate::error::{ErrorKind, TriggerError};
use crate::pre_token::event::json_kind;
use crate::pre_token::response::{build_response, Skipped};
use crate::{Overrides, PreTokenGeneration, Version};

/// The boxed error a handler may return.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The future of one handler call.
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = Result<Overrides, BoxError>> + 'a>>;

/// The user's function, adapted by the macro to one signature.
pub type HandlerFn = for<'a> fn(&'a PreTokenGeneration) -> HandlerFuture<'a>;

/// The configuration the macro writes for one trigger.
#[derive(Clone, Copy)]
pub struct TriggerConfig {
    /// The function's name, for messages.
    pub name: &'static str,
    /// The pool's `LambdaVersion` the handler is written for.
    pub version: Version,
    /// Trigger sources (short names) the overrides apply to; `None` means all.
    pub triggers: Option<&'static [&'static str]>,
    /// Called once per cold start, before the first event.
    pub init: Option<fn()>,
    /// The static overrides of the attribute.
    pub overrides: fn() -> Overrides,
    /// The user's function.
    pub handler: HandlerFn,
}

/// A pre token generation trigger: the static overrides of the attribute and the user's
/// function. `#[pre_token_generation] fn handler` defines it as `static HANDLER`.
///
/// ```
/// use cognito_triggers::pre_token_generation;
///
/// #[pre_token_generation(groups = ["admins"], claims(tier = "gold"), main = false)]
/// async fn handler() {}
///
/// let event = cognito_triggers::sample_event(cognito_triggers::Version::V1_0);
/// let answered = HANDLER.invoke_blocking(event).unwrap();
/// let details = &answered["response"]["claimsOverrideDetails"];
/// assert_eq!(details["claimsToAddOrOverride"]["tier"], "gold");
/// assert_eq!(details["groupOverrideDetails"]["groupsToOverride"][0], "admins");
/// ```
pub struct Trigger {
    config: TriggerConfig,
    statics: OnceLock<Overrides>,
    init: Once,
    warned_v1: Once,
}

impl Trigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: TriggerConfig) -> Trigger {
        Trigger {
            config,
            statics: OnceLock::new(),
            init: Once::new(),
            warned_v1: Once::new(),
        }
    }

    /// The function's name.
    pub fn name(&self) -> &'static str {
        self.config.name
    }

    /// The `LambdaVersion` the handler is written for.
    pub fn version(&self) -> Version {
        self.config.version
    }

    /// The attribute's overrides, built once.
    pub fn static_overrides(&self) -> &Overrides {
        self.statics.get_or_init(self.config.overrides)
    }

    pub(crate) fn cold_start(&self) {
        self.init.call_once(|| {
            if let Some(init) = self.config.init {
                init();
            }
            self.static_overrides();
        });
    }

    /// Whether the overrides apply to this event's trigger source.
    pub fn applies_to(&self, event: &PreTokenGeneration) -> bool {
        self.config
            .triggers
            .is_none_or(|names| names.contains(&event.trigger_source.short_name()))
    }

    /// Runs the handler on a decoded event and returns the `response` object to send back, or
    /// `None` when the trigger does not apply to the event's trigger source.
    pub async fn respond(&self, event: &PreTokenGeneration) -> Result<Option<Value>, TriggerError> {
        self.cold_start();
        if !self.applies_to(event) {
            return Ok(None);
        }
        let dynamic = CatchUnwind((self.config.handler)(event))
            .await
            .map_err(|_| {
                TriggerError::new(
                    ErrorKind::HandlerPanic,
                    "the trigger handler failed unexpectedly",
                )
            })?
            .map_err(|e| TriggerError::new(ErrorKind::Handler, e.to_string()))?;
        let overrides = if dynamic.is_empty() {
            None
        } else {
            Some(self.static_overrides().clone().merge(&dynamic))
        };
        let overrides = overrides
            .as_ref()
            .unwrap_or_else(|| self.static_overrides());
        let (response, skipped) = build_response(self.config.version, event, overrides)?;
        self.report(event, &skipped);
        Ok(Some(response))
    }

    fn report(&self, event: &PreTokenGeneration, skipped: &Skipped) {
        if skipped.access_token_on_v1 || !skipped.complex_values_on_v1.is_empty() {
            self.warned_v1.call_once(|| {
                tracing::warn!(
                    handler = self.config.name,
                    "`{}` is written for {} but received a version 1 event: access token changes and \
                     non-string claims are left out. Set the user pool's pre token generation \
                     LambdaVersion to {} (Amplify Gen 2: in amplify/backend.ts, \
                     userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.{}))",
                    self.config.name,
                    self.config.version,
                    self.config.version,
                    self.config.version,
                );
            });
        }
        if skipped.id_token_on_m2m {
            tracing::debug!(
                trigger_source = %event.trigger_source,
                "machine-to-machine grant: ID token and group changes skipped"
            );
        }
    }

    /// Handles one whole event, as Lambda delivers it, and returns the whole event with its
    /// `response` filled in — exactly what goes back to Cognito.
    pub async fn invoke(&self, mut event: Value) -> Result<Value, TriggerError> {
        let decoded = PreTokenGeneration::from_value(&event)?;
        if let Some(response) = self.respond(&decoded).await? {
            match event.as_object_mut() {
                Some(object) => {
                    object.insert("response".into(), response);
                }
                None => {
                    return Err(TriggerError::invalid_event(format!(
                        "the event must be a JSON object, got {}",
                        json_kind(&event)
                    )))
                }
            }
        }
        Ok(event)
    }

    /// [`Trigger::invoke`] on a fresh single-threaded runtime, for tests and tools.
    pub fn invoke_blocking(&self, event: Value) -> Result<Value, TriggerError> {
        block_on(self.invoke(event))
    }

    /// The entry point of the generated `fn main`: the Lambda runtime loop when
    /// `AWS_LAMBDA_RUNTIME_API` is set, local mode otherwise.
    pub fn main(&'static self) -> std::process::ExitCode {
        if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
            crate::lambda::run(self)
        } else {
            crate::local::run(self, std::env::args().collect())
        }
    }
}

/// Routes panic reports through `tracing`: at `error` on Lambda (one structured log line), at
/// `debug` in local mode, where the one error line on stderr already says what failed.
pub(crate) fn report_panics_at(level: tracing::Level) {
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if level == tracing::Level::ERROR {
            tracing::error!(%place, "panic in the trigger: {info}");
        } else {
            tracing::debug!(%place, "panic in the trigger: {info}");
        }
    }));
}

pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        // Creating a current-thread runtime only fails when the OS refuses basic resources.
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(1)
        }
    }
}

/// Turns a panic while polling the inner future into an `Err`.
struct CatchUnwind<F>(F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}
