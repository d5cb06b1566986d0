//! [`Trigger`]: what `#[pre_token_generation]` generates — the static overrides, the user's
//! function and the configuration, with the code that runs them on Lambda and locally.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Once, OnceLock};
use std::task::{Context, Poll};

use serde_json::Value;

use crate::error::{ErrorKind, TriggerError};
use serde_json::value::RawValue;

use crate::pre_token::event::{decode_error, Envelope};
use crate::pre_token::raw::{RawAnswer, RawEvent};
use crate::pre_token::response::{build_response, Skipped};
use crate::{GroupsChange, Overrides, PreTokenGeneration, TriggerSource, Version};

/// The boxed error a handler may return.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The future of one handler call.
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = Result<Overrides, BoxError>> + 'a>>;

/// The user's function, adapted by the macro to one signature.
pub type HandlerFn = for<'a> fn(&'a PreTokenGeneration) -> HandlerFuture<'a>;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum Handler {
    /// `fn handler(event: &PreTokenGeneration) -> ..`: the event is decoded for it.
    WithEvent(HandlerFn),
    /// `fn handler() -> ..`: the event is decoded only as far as the overrides need.
    WithoutEvent(fn() -> HandlerFuture<'static>),
}

/// The part of a trigger that reads the event: decoding it (`request`, caller, user) and
/// writing a response for that user. The macro gives it to a trigger whose function or
/// overrides read the event; a trigger without it (the function takes no event and returns
/// nothing, the overrides are the same for every user) answers from its cached response and
/// never links the decoder.
#[derive(Clone, Copy)]
pub struct EventReader {
    decode: for<'a> fn(&Envelope<'a>) -> Result<PreTokenGeneration, TriggerError>,
    respond: RespondFn,
}

/// Writes the `response` for one user: the event (decoded already, or now) and the function's
/// overrides over the static ones.
type RespondFn = for<'a> fn(
    &Trigger,
    &Envelope<'a>,
    Option<PreTokenGeneration>,
    &Overrides,
) -> Result<Arc<RawValue>, TriggerError>;

impl EventReader {
    /// Decodes the whole event into [`PreTokenGeneration`].
    pub const FULL: EventReader = EventReader {
        decode: |envelope| envelope.decode(),
        respond: |trigger, envelope, decoded, dynamic| {
            let decoded = match decoded {
                Some(decoded) => decoded,
                None => envelope.decode()?,
            };
            to_raw(&trigger.response_for(&decoded, dynamic)?)
        },
    };
}

/// The configuration the macro writes for one trigger.
#[derive(Clone, Copy)]
pub struct TriggerConfig {
    /// The function's name, for messages.
    pub name: &'static str,
    /// The pool's `LambdaVersion` the handler is written for.
    pub version: Version,
    /// Trigger sources (short names) the overrides apply to; `None` means all.
    pub triggers: Option<&'static [&'static str]>,
    /// `groups(allow = [..])`: the only groups the function may give a user; `None` means any.
    pub allowed_groups: Option<&'static [&'static str]>,
    /// Called once per cold start, before the first event.
    pub init: Option<fn()>,
    /// The static overrides of the attribute.
    pub overrides: fn() -> Overrides,
    /// The user's function.
    pub handler: Handler,
    /// Reads the event for the function or the overrides; `None` when neither reads it
    /// (no parameter, no result, overrides that do not depend on the user).
    pub reader: Option<EventReader>,
}

/// A serialized static response and what it left out, or why it cannot be built.
type CachedResponse = Result<(Arc<RawValue>, Skipped), String>;

/// The static overrides, with what can be prepared once.
struct Statics {
    overrides: Overrides,
    /// Whether the overrides read the event (`attr(..)`, group edits, carried-over roles).
    read_event: bool,
    /// The serialized `response` per event shape, for overrides that do not read the event:
    /// `[V1, V2/V3, V2/V3 client credentials]`.
    responses: [OnceLock<CachedResponse>; 3],
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
    statics: OnceLock<Statics>,
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

    fn statics(&self) -> &Statics {
        self.statics.get_or_init(|| {
            let overrides = (self.config.overrides)();
            Statics {
                read_event: overrides.reads_event(),
                overrides,
                responses: Default::default(),
            }
        })
    }

    /// The attribute's overrides, built once.
    pub fn static_overrides(&self) -> &Overrides {
        &self.statics().overrides
    }

    pub(crate) fn cold_start(&self) {
        self.init.call_once(|| {
            if let Some(init) = self.config.init {
                init();
            }
            self.statics();
        });
    }

    fn applies_to_source(&self, source: &TriggerSource) -> bool {
        self.config
            .triggers
            .is_none_or(|names| names.contains(&source.short_name()))
    }

    /// Whether the overrides apply to this event's trigger source.
    pub fn applies_to(&self, event: &PreTokenGeneration) -> bool {
        self.applies_to_source(&event.trigger_source)
    }

    async fn call(&self, event: Option<&PreTokenGeneration>) -> Result<Overrides, TriggerError> {
        let future = match (self.config.handler, event) {
            (Handler::WithEvent(f), Some(event)) => f(event),
            (Handler::WithoutEvent(f), _) => f(),
            (Handler::WithEvent(_), None) => {
                return Err(TriggerError::new(
                    ErrorKind::Handler,
                    "the handler needs the event",
                ))
            }
        };
        CatchUnwind(future)
            .await
            .map_err(|_| {
                TriggerError::new(
                    ErrorKind::HandlerPanic,
                    "the trigger handler failed unexpectedly",
                )
            })?
            .map_err(|e| TriggerError::new(ErrorKind::Handler, e.to_string()))
    }

    /// Checks the groups the function gives the user against `groups(allow = [..])`: a group
    /// the user is not in already must be listed.
    fn check_dynamic_groups(
        &self,
        event: &PreTokenGeneration,
        dynamic: &Overrides,
    ) -> Result<(), TriggerError> {
        let Some(allowed) = self.config.allowed_groups else {
            return Ok(());
        };
        let given: &[String] = match dynamic.group_change() {
            GroupsChange::Keep => &[],
            GroupsChange::Replace(list) => list,
            GroupsChange::Edit { add, .. } => add,
        };
        match given
            .iter()
            .find(|g| !allowed.contains(&g.as_str()) && !event.in_group(g))
        {
            Some(group) => Err(TriggerError::rule(format!(
                "groups: `{group}` is not one of the groups this trigger may assign (groups(allow = [..]))"
            ))),
            None => Ok(()),
        }
    }

    /// Runs the handler on a decoded event and returns the `response` object to send back, or
    /// `None` when the trigger does not apply to the event's trigger source.
    pub async fn respond(&self, event: &PreTokenGeneration) -> Result<Option<Value>, TriggerError> {
        self.cold_start();
        if !self.applies_to(event) {
            return Ok(None);
        }
        let dynamic = self.call(Some(event)).await?;
        self.response_for(event, &dynamic).map(Some)
    }

    /// The response for a decoded event: the function's overrides checked against
    /// `groups(allow)` and merged over the static ones, then written by the rules.
    fn response_for(
        &self,
        event: &PreTokenGeneration,
        dynamic: &Overrides,
    ) -> Result<Value, TriggerError> {
        self.check_dynamic_groups(event, dynamic)?;
        let merged;
        let overrides = if dynamic.is_empty() {
            self.static_overrides()
        } else {
            merged = self.static_overrides().clone().merge(dynamic);
            &merged
        };
        let (response, skipped) = build_response(self.config.version, event, overrides)?;
        self.report(&event.trigger_source, &skipped);
        Ok(response)
    }

    /// The serialized response of the static overrides for an event shape, built once.
    fn cached_response(
        &self,
        shape: Version,
        source: &TriggerSource,
    ) -> Result<Arc<RawValue>, TriggerError> {
        let m2m = *source == TriggerSource::ClientCredentials;
        let slot = match (shape, m2m) {
            (Version::V1_0, _) => 0,
            (_, false) => 1,
            (_, true) => 2,
        };
        let cached = self.statics().responses[slot].get_or_init(|| {
            let event = PreTokenGeneration::bare(shape, source.clone());
            build_response(self.config.version, &event, self.static_overrides())
                .and_then(|(response, skipped)| Ok((to_raw(&response)?, skipped)))
                .map_err(|e| e.message().to_owned())
        });
        match cached {
            Ok((response, skipped)) => {
                self.report(source, skipped);
                Ok(Arc::clone(response))
            }
            Err(message) => Err(TriggerError::rule(message.clone())),
        }
    }

    /// Handles one event as the Lambda loop receives it and returns what goes back to Cognito:
    /// the event's members exactly as received, with `response` replaced.
    ///
    /// The top level is always read; `request` is decoded only when the function takes the
    /// event or the overrides read it (`attr(..)`, group edits, carried-over roles).
    pub async fn invoke_raw(&self, event: RawEvent) -> Result<RawAnswer, TriggerError> {
        let envelope = Envelope::read(&event)?;
        self.cold_start();
        if !self.applies_to_source(&envelope.trigger_source) {
            return Ok(RawAnswer {
                event,
                response: None,
            });
        }
        let shape = envelope.version.unwrap_or(self.config.version);
        let decoded = match (self.config.handler, self.config.reader) {
            (Handler::WithEvent(_), Some(reader)) => Some((reader.decode)(&envelope)?),
            _ => None,
        };
        let dynamic = self.call(decoded.as_ref()).await?;
        let response = if dynamic.is_empty() && !self.statics().read_event {
            self.cached_response(shape, &envelope.trigger_source)?
        } else {
            match self.config.reader {
                Some(reader) => (reader.respond)(self, &envelope, decoded, &dynamic)?,
                // The macro leaves the reader out only when nothing reads the event.
                None => {
                    return Err(TriggerError::new(
                        ErrorKind::Handler,
                        "this trigger was built without an event reader, but its overrides read the event",
                    ))
                }
            }
        };
        Ok(RawAnswer {
            event,
            response: Some(response),
        })
    }

    /// [`Trigger::invoke_raw`] on JSON text: the event in, the answered event out.
    pub async fn invoke_bytes(&self, input: &[u8]) -> Result<Vec<u8>, TriggerError> {
        let event = RawEvent::from_slice(input).map_err(|e| decode_error("", &e))?;
        Ok(self.invoke_raw(event).await?.to_vec())
    }

    fn report(&self, source: &TriggerSource, skipped: &Skipped) {
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
                trigger_source = %source,
                "machine-to-machine grant: ID token and group changes skipped"
            );
        }
    }

    /// Handles one whole event, as Lambda delivers it, and returns the whole event with its
    /// `response` filled in — exactly what goes back to Cognito.
    pub async fn invoke(&self, event: Value) -> Result<Value, TriggerError> {
        let input = to_vec(&event)?;
        let output = self.invoke_bytes(&input).await?;
        serde_json::from_slice(&output).map_err(|e| {
            TriggerError::new(ErrorKind::RuleViolation, format!("invalid response: {e}"))
        })
    }

    /// [`Trigger::invoke`] on a fresh single-threaded runtime, for tests and tools.
    pub fn invoke_blocking(&self, event: Value) -> Result<Value, TriggerError> {
        block_on(self.invoke(event))
    }

    /// The entry point of the generated `fn main`: the Lambda runtime loop when
    /// `AWS_LAMBDA_RUNTIME_API` is set, local mode otherwise.
    ///
    /// Local mode is compiled into debug builds (`cargo run`) and, with the `local` feature,
    /// into release builds; a release bootstrap without it stays as small as a hand-written one.
    pub fn main(&'static self) -> std::process::ExitCode {
        if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
            return crate::lambda::run(self);
        }
        #[cfg(any(debug_assertions, feature = "local"))]
        return crate::local::run(self, std::env::args().collect());
        #[cfg(not(any(debug_assertions, feature = "local")))]
        {
            eprintln!(
                "error: AWS_LAMBDA_RUNTIME_API is not set. Local mode (--event, --claims) is in debug \
                 builds (`cargo run`); for release builds enable the `local` feature of cognito-triggers"
            );
            std::process::ExitCode::from(2)
        }
    }
}

fn to_vec(value: &Value) -> Result<Vec<u8>, TriggerError> {
    serde_json::to_vec(value)
        .map_err(|e| TriggerError::new(ErrorKind::RuleViolation, format!("cannot write JSON: {e}")))
}

fn to_raw(value: &Value) -> Result<Arc<RawValue>, TriggerError> {
    serde_json::value::to_raw_value(value)
        .map(Arc::from)
        .map_err(|e| TriggerError::new(ErrorKind::RuleViolation, format!("cannot write JSON: {e}")))
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::value::RawValue;

    use crate::pre_token::raw::{RawAnswer, RawEvent};

    fn answer(input: &str) -> String {
        let event = RawEvent::from_slice(input.as_bytes()).unwrap();
        let response: Arc<RawValue> = RawValue::from_string("{\"x\":1}".into()).unwrap().into();
        let answer = RawAnswer {
            event,
            response: Some(response),
        };
        let text = String::from_utf8(answer.to_vec()).unwrap();
        // What the Lambda runtime sends: the answer serialized by serde_json, the same text.
        assert_eq!(serde_json::to_string(&answer).unwrap(), text);
        text
    }

    #[test]
    fn response_is_replaced_in_place_or_appended() {
        assert_eq!(
            answer(r#"{"request":{},"response":null,"z":2}"#),
            r#"{"request":{},"response":{"x":1},"z":2}"#
        );
        assert_eq!(
            answer(r#"{"response": [] , "request":{ "a" : [1, 2] }}"#),
            r#"{"response": {"x":1} , "request":{ "a" : [1, 2] }}"#
        );
        assert_eq!(answer("{}"), r#"{"response":{"x":1}}"#);
        assert_eq!(answer("{ }"), r#"{ "response":{"x":1}}"#);
        assert_eq!(
            answer("{\"request\":{\"a\":\"}\"}}\n"),
            "{\"request\":{\"a\":\"}\"},\"response\":{\"x\":1}}"
        );
        assert_eq!(
            answer(r#"{"k\"ey":"\u00e9"}"#),
            r#"{"k\"ey":"\u00e9","response":{"x":1}}"#
        );
    }
}
