//! The engine every trigger shares: the envelope and the answer, the Lambda loop, local mode,
//! errors and panics, logs, `init`, `triggers = [..]`, `timeout`, and [`serve`] for several
//! triggers in one bootstrap. It knows no trigger: each trigger module implements
//! [`AnyTrigger`] and the engine runs it.

pub(crate) mod decode;
pub(crate) mod env;
pub(crate) mod error;
pub(crate) mod event;
pub(crate) mod lambda;
#[cfg(any(debug_assertions, feature = "local"))]
pub(crate) mod local;
pub(crate) mod log;
pub(crate) mod outcome;
mod router;
pub(crate) mod source;

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context, Poll};
use std::time::Duration;

use serde_json::value::RawValue;

use error::{ErrorKind, TriggerError};
use event::{Envelope, RawAnswer, RawEvent};

/// The boxed error a handler may return.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A boxed future borrowing for `'a`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

pub use event::Response;
pub use router::serve;
pub(crate) use router::Router;

/// Set when the process runs in local mode, where triggers make no calls to AWS.
#[cfg(any(debug_assertions, feature = "local"))]
pub(crate) static LOCAL_MODE: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Whether this process runs a trigger in local mode (a bootstrap started without
/// `AWS_LAMBDA_RUNTIME_API`, on a sample or `--event`): functions with side effects (sending
/// an email, calling AWS) say what they would do instead of doing it, as `add_to_groups` does.
/// `false` on Lambda, under `cargo lambda watch`, and in tests that call a trigger directly.
pub fn in_local_mode() -> bool {
    #[cfg(any(debug_assertions, feature = "local"))]
    return LOCAL_MODE.load(std::sync::atomic::Ordering::Relaxed);
    #[cfg(not(any(debug_assertions, feature = "local")))]
    false
}

/// What a kind of trigger is called.
#[derive(Debug)]
pub struct Kind {
    /// The name Cognito uses in its messages (`PreSignUp failed with error ..`).
    pub name: &'static str,
    /// The name in prose: `pre sign-up`.
    pub title: &'static str,
    /// The prefix of its trigger sources: `PreSignUp_`.
    pub source_prefix: &'static str,
}

/// What every trigger attribute configures: the function's name, `triggers = [..]`, `init`,
/// `timeout`. Generated code builds it with [`Common::new`].
pub struct Common {
    name: &'static str,
    triggers: Option<&'static [&'static str]>,
    init: Option<fn()>,
    timeout: Option<Duration>,
    init_once: Once,
    prepare_once: Once,
}

impl Common {
    /// The common configuration of one trigger.
    pub const fn new(
        name: &'static str,
        triggers: Option<&'static [&'static str]>,
        init: Option<fn()>,
        timeout: Option<Duration>,
    ) -> Common {
        Common {
            name,
            triggers,
            init,
            timeout,
            init_once: Once::new(),
            prepare_once: Once::new(),
        }
    }

    /// The function's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether `triggers = [..]` lets this short trigger source through.
    pub fn applies_to(&self, short_source: &str) -> bool {
        self.triggers
            .is_none_or(|names| names.contains(&short_source))
    }

    /// Runs one call of the user's function: a panic becomes an error, and so does a call that
    /// outlives `timeout`.
    pub(crate) async fn call<'a, T>(
        &self,
        future: BoxFuture<'a, Result<T, BoxError>>,
    ) -> Result<T, TriggerError> {
        let guarded = CatchUnwind(future);
        let outcome = match self.timeout {
            None => guarded.await,
            Some(limit) => match tokio::time::timeout(limit, guarded).await {
                Ok(outcome) => outcome,
                Err(_) => {
                    return Err(TriggerError::new(
                        ErrorKind::Timeout,
                        format!(
                            "the trigger did not finish within its timeout of {} ms",
                            limit.as_millis()
                        ),
                    ))
                }
            },
        };
        outcome
            .map_err(|()| {
                TriggerError::new(
                    ErrorKind::HandlerPanic,
                    "the trigger handler failed unexpectedly",
                )
            })?
            .map_err(|e| TriggerError::new(ErrorKind::Handler, e.to_string()))
    }
}

/// A trigger the engine can run: what every trigger attribute generates as a `static`.
/// [`serve`] takes several of them.
pub trait AnyTrigger: Sync {
    /// The kind of trigger.
    fn kind(&self) -> &'static Kind;

    /// The attribute's common configuration.
    fn common(&self) -> &Common;

    /// Prepares what can be prepared once (after `init`, before the first event).
    fn prepare(&self) {}

    /// The `response` for an event that `triggers = [..]` lets through; `None` sends the
    /// event back unchanged.
    fn respond<'a>(
        &'a self,
        envelope: &'a Envelope<'a>,
    ) -> BoxFuture<'a, Result<Option<Response>, TriggerError>>;

    /// Handles one event as the Lambda loop receives it and returns what goes back to Cognito:
    /// the event's members as received, with `response` replaced.
    fn invoke_raw<'a>(
        &'a self,
        event: RawEvent<'a>,
    ) -> impl Future<Output = Result<RawAnswer<'a>, TriggerError>> + 'a
    where
        Self: Sized + 'static,
    {
        let any: &dyn AnyTrigger = self;
        any.handle_raw(event)
    }

    /// What the Lambda loop does with an event's payload: the payload's bytes in (read in
    /// place), the answered event out as the one raw JSON value handed to `lambda_runtime`.
    fn invoke_payload<'a>(
        &'a self,
        payload: &'a [u8],
    ) -> impl Future<Output = Result<Box<RawValue>, TriggerError>> + 'a
    where
        Self: Sized + 'static,
    {
        let any: &dyn AnyTrigger = self;
        any.handle_payload(payload)
    }

    /// [`invoke_raw`](AnyTrigger::invoke_raw) on JSON text: the event in, the answered event
    /// out.
    fn invoke_bytes<'a>(
        &'a self,
        input: &'a [u8],
    ) -> impl Future<Output = Result<Vec<u8>, TriggerError>> + 'a
    where
        Self: Sized + 'static,
    {
        let any: &dyn AnyTrigger = self;
        any.handle_bytes(input)
    }

    /// Local mode: what this trigger adds to `--help`, sample events, readable reports. Only
    /// in builds with local mode (debug builds, or the `local` feature).
    #[doc(hidden)]
    #[cfg(any(debug_assertions, feature = "local"))]
    fn local(&self) -> &dyn LocalMode;
}

/// What local mode needs from a trigger.
#[doc(hidden)]
#[cfg(any(debug_assertions, feature = "local"))]
pub trait LocalMode {
    /// The trigger sources it has sample events for, the first one the default.
    fn sample_sources(&self) -> &'static [&'static str];

    /// The sample event of a trigger source (one of [`LocalMode::sample_sources`]).
    fn sample(&self, source: &str) -> Option<String>;

    /// Options of its own: `(option, help)`.
    fn options(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// What to print for `event` (a sample, or `--event` with options of its own): the answer
    /// and what it means for the user. An error is printed as one line, exit 1.
    fn report(&self, event: &str, options: &[String]) -> Result<String, String>;
}

impl dyn AnyTrigger {
    /// Runs `init` once per process. The bootstrap calls it before it installs its logger, so
    /// that a subscriber `init` installs is the one used.
    pub(crate) fn run_init(&self) {
        self.common().init_once.call_once(|| {
            if let Some(init) = self.common().init {
                init();
            }
        });
    }

    /// Runs `init` and [`AnyTrigger::prepare`] once per process.
    pub(crate) fn cold_start(&self) {
        self.run_init();
        self.common().prepare_once.call_once(|| self.prepare());
    }

    /// Handles one event as the Lambda loop receives it: the event's members as received,
    /// with `response` replaced.
    pub(crate) async fn handle_raw<'a>(
        &self,
        event: RawEvent<'a>,
    ) -> Result<RawAnswer<'a>, TriggerError> {
        let envelope = Envelope::read(&event)?;
        let response = self.response_to(&envelope).await?;
        drop(envelope);
        Ok(RawAnswer::new(event, response))
    }

    /// The `response` for an event already read: `None` when `triggers = [..]` leaves its
    /// trigger source out.
    async fn response_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        self.cold_start();
        let short = envelope.short_source(self.kind().source_prefix);
        if self.common().applies_to(short) {
            self.respond(envelope).await
        } else {
            Ok(None)
        }
    }

    /// [`handle_raw`](Self::handle_raw) on a payload's bytes, read in place; the answer as the
    /// one raw JSON value the Lambda loop hands to `lambda_runtime`.
    pub(crate) async fn handle_payload(
        &self,
        payload: &[u8],
    ) -> Result<Box<RawValue>, TriggerError> {
        self.handle_raw(RawEvent::read(payload)?)
            .await?
            .to_raw_value()
    }

    /// [`handle_payload`](Self::handle_payload) as bytes: what local mode prints and
    /// `invoke_bytes` returns is what the Lambda loop sends.
    pub(crate) async fn handle_bytes(&self, input: &[u8]) -> Result<Vec<u8>, TriggerError> {
        Ok(self.handle_payload(input).await?.get().as_bytes().to_vec())
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

/// Handles one event given as JSON text on a fresh single-threaded runtime and returns the
/// answered event's text: the `invoke_blocking` of every trigger.
pub(crate) fn invoke_blocking(
    trigger: &(dyn AnyTrigger + 'static),
    event: &str,
) -> Result<String, TriggerError> {
    let out = block_on(trigger.handle_bytes(event.as_bytes()))?;
    String::from_utf8(out).map_err(|e| TriggerError::internal(e.to_string()))
}

/// Runs `future` on a fresh single-threaded runtime.
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
