//! [`Trigger`]: what `#[pre_token_generation]` generates — the static overrides, the user's
//! function and the configuration — run by the engine.

use std::sync::{Arc, Once, OnceLock};

use serde_json::value::RawValue;
use serde_json::Value;

use super::event::{decode, event_version};
use super::response::{build, Skipped};
use super::wire::Response as WireResponse;
use crate::engine::error::TriggerError;
use crate::engine::event::{Envelope, RawAnswer, RawEvent};
use crate::engine::{block_on, AnyTrigger, BoxError, BoxFuture, Common, Kind, Response};
use crate::{GroupsChange, Overrides, PreTokenGeneration, TriggerSource, Version};

/// The future of one handler call.
pub type HandlerFuture<'a> = BoxFuture<'a, Result<Overrides, BoxError>>;

/// The user's function, adapted by the macro to one signature.
pub type HandlerFn = for<'e, 'a> fn(&'e PreTokenGeneration<'a>) -> HandlerFuture<'e>;

/// Decodes the event and writes a response for that user. The macro links it only into
/// triggers that read the event, so a trigger whose response is the same for every user
/// never links the decoder.
#[derive(Clone, Copy)]
pub struct EventReader {
    decode: for<'a> fn(&Envelope<'a>) -> Result<PreTokenGeneration<'a>, TriggerError>,
    respond:
        fn(&Trigger, &PreTokenGeneration<'_>, &Overrides) -> Result<WireResponse, TriggerError>,
}

impl EventReader {
    /// Decodes the whole event into [`PreTokenGeneration`].
    pub const FULL: EventReader = EventReader {
        decode,
        respond: Trigger::response_for,
    };
}

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum Handler {
    /// `fn handler(event: &PreTokenGeneration<'_>) -> ..`: the event is decoded for it.
    WithEvent(HandlerFn, EventReader),
    /// `fn handler() -> ..` with overrides that read the event (`attr(..)`, group edits,
    /// carried-over roles) or a result that may: the event is decoded when the response is
    /// written.
    WithoutEvent(fn() -> HandlerFuture<'static>, EventReader),
    /// `fn handler()` returning nothing, with overrides that are the same for every user: the
    /// response is written once per event shape and never reads the event.
    Static(fn() -> HandlerFuture<'static>),
}

/// The configuration the macro writes for one trigger.
pub struct TriggerConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// The pool's `LambdaVersion` the handler is written for.
    pub version: Version,
    /// `groups(allow = [..])`: the only groups the function may give a user; `None` means any.
    pub allowed_groups: Option<&'static [&'static str]>,
    /// The static overrides of the attribute.
    pub overrides: fn() -> Overrides,
    /// The user's function.
    pub handler: Handler,
}

/// A serialized static response and what it left out, or why it cannot be built.
type CachedResponse = Result<(Arc<RawValue>, Skipped), String>;

/// The static overrides, with what can be prepared once.
struct Statics {
    overrides: Overrides,
    /// Whether the overrides read the event (`rules::response_reads_event`).
    read_event: bool,
    /// The serialized `response` per event shape, for overrides that do not read the event:
    /// `[V1, V2/V3, V2/V3 client credentials]`.
    responses: [OnceLock<CachedResponse>; 3],
}

const KIND: Kind = Kind {
    name: "PreTokenGeneration",
    title: "pre token generation",
    source_prefix: cognito_triggers_rules::TRIGGER_SOURCE_PREFIX,
};

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
    warned_v1: Once,
}

impl Trigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: TriggerConfig) -> Trigger {
        Trigger {
            config,
            statics: OnceLock::new(),
            warned_v1: Once::new(),
        }
    }

    /// The function's name.
    pub fn name(&self) -> &'static str {
        self.config.common.name()
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

    /// Whether the overrides apply to this event's trigger source.
    pub fn applies_to(&self, event: &PreTokenGeneration<'_>) -> bool {
        self.config
            .common
            .applies_to(event.trigger_source.short_name())
    }

    /// Checks the groups the function gives the user against `groups(allow = [..])`: a group
    /// the user is not in already must be listed.
    fn check_dynamic_groups(
        &self,
        event: &PreTokenGeneration<'_>,
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
    pub async fn respond(
        &self,
        event: &PreTokenGeneration<'_>,
    ) -> Result<Option<Value>, TriggerError> {
        self.any().cold_start();
        if !self.applies_to(event) {
            return Ok(None);
        }
        let future = match self.config.handler {
            Handler::WithEvent(f, _) => f(event),
            Handler::WithoutEvent(f, _) | Handler::Static(f) => f(),
        };
        let dynamic = self.config.common.call(future).await?;
        let response = self.response_for(event, &dynamic)?;
        serde_json::to_value(&response)
            .map(Some)
            .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))
    }

    /// The response for a decoded event: the function's overrides checked against
    /// `groups(allow)` and merged over the static ones, then written by the rules.
    fn response_for(
        &self,
        event: &PreTokenGeneration<'_>,
        dynamic: &Overrides,
    ) -> Result<WireResponse, TriggerError> {
        self.check_dynamic_groups(event, dynamic)?;
        let merged;
        let overrides = if dynamic.is_empty() {
            self.static_overrides()
        } else {
            merged = self.static_overrides().clone().merge(dynamic);
            &merged
        };
        let (response, skipped) = build(self.config.version, event, overrides)?;
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
            build(self.config.version, &event, self.static_overrides())
                .and_then(|(response, skipped)| Ok((Arc::from(to_raw(&response)?), skipped)))
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

    async fn respond_raw<'a>(
        &'a self,
        envelope: &'a Envelope<'a>,
    ) -> Result<Option<Response>, TriggerError> {
        let shape = event_version(envelope)?.unwrap_or(self.config.version);
        let source = || TriggerSource::from_wire(&envelope.trigger_source);
        let (dynamic, decoded, reader) = match self.config.handler {
            Handler::WithEvent(f, reader) => {
                let event = (reader.decode)(envelope)?;
                let dynamic = self.config.common.call(f(&event)).await?;
                (dynamic, Some(event), Some(reader))
            }
            Handler::WithoutEvent(f, reader) => {
                (self.config.common.call(f()).await?, None, Some(reader))
            }
            Handler::Static(f) => (self.config.common.call(f()).await?, None, None),
        };
        let reader = match reader {
            Some(reader) if !dynamic.is_empty() || self.statics().read_event => reader,
            // Nothing depends on the user: the response prepared for this event shape.
            _ => {
                return self
                    .cached_response(shape, &source())
                    .map(|r| Some(Response::Shared(r)))
            }
        };
        let event = match decoded {
            Some(event) => event,
            None => (reader.decode)(envelope)?,
        };
        let response = (reader.respond)(self, &event, &dynamic)?;
        Ok(Some(Response::Owned(to_raw(&response)?)))
    }

    fn any(&self) -> &(dyn AnyTrigger + 'static) {
        self
    }

    /// Handles one event as the Lambda loop receives it and returns what goes back to Cognito:
    /// the event's members as received, with `response` replaced.
    ///
    /// The top level is always read; `request` is decoded only when the function takes the
    /// event or the overrides read it (`attr(..)`, group edits, carried-over roles).
    pub async fn invoke_raw<'a>(&self, event: RawEvent<'a>) -> Result<RawAnswer<'a>, TriggerError> {
        self.any().handle_raw(event).await
    }

    /// What the Lambda loop does with an event's payload: [`Trigger::invoke_raw`] on the
    /// payload's bytes, read in place, the answer as one raw JSON value.
    pub async fn invoke_payload(&self, payload: &[u8]) -> Result<Box<RawValue>, TriggerError> {
        AnyTrigger::invoke_payload(self, payload).await
    }

    /// [`Trigger::invoke_raw`] on JSON text: the event in, the answered event out.
    pub async fn invoke_bytes(&self, input: &[u8]) -> Result<Vec<u8>, TriggerError> {
        self.any().handle_bytes(input).await
    }

    fn report(&self, source: &TriggerSource, skipped: &Skipped) {
        if skipped.access_token_on_v1 || !skipped.complex_values_on_v1.is_empty() {
            self.warned_v1.call_once(|| {
                tracing::warn!(
                    handler = self.name(),
                    "`{}` is written for {} but received a version 1 event: access token changes and \
                     non-string claims are left out. Set the user pool's pre token generation \
                     LambdaVersion to {} (Amplify Gen 2: in amplify/backend.ts, \
                     userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.{}))",
                    self.name(),
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
        let input = serde_json::to_vec(&event)
            .map_err(|e| TriggerError::internal(format!("cannot write JSON: {e}")))?;
        let output = self.invoke_bytes(&input).await?;
        serde_json::from_slice(&output)
            .map_err(|e| TriggerError::internal(format!("invalid answer: {e}")))
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
        crate::serve(&[self])
    }
}

impl AnyTrigger for Trigger {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn common(&self) -> &Common {
        &self.config.common
    }

    fn prepare(&self) {
        self.statics();
    }

    fn respond<'a>(
        &'a self,
        envelope: &'a Envelope<'a>,
    ) -> BoxFuture<'a, Result<Option<Response>, TriggerError>> {
        Box::pin(self.respond_raw(envelope))
    }

    #[cfg(any(debug_assertions, feature = "local"))]
    fn local(&self) -> &dyn crate::engine::LocalMode {
        self
    }
}

fn to_raw(value: &WireResponse) -> Result<Box<RawValue>, TriggerError> {
    serde_json::value::to_raw_value(value)
        .map_err(|e| TriggerError::internal(format!("cannot write JSON: {e}")))
}
