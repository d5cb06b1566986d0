//! [`InboundFederationTrigger`]: what `#[inbound_federation]` generates, run by the engine.

use serde_json::Value;

use cognito_triggers_rules::migration::inbound_federation::{truncate, SOURCE_PREFIX};
use cognito_triggers_rules::migration::{check_writable_attribute, MAX_ATTRIBUTE_CHARS};

use super::event::InboundFederation;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{BoxError, BoxFuture, Common, Kind, Response};
use crate::ErrorKind;

/// Attributes the function sets, over those of `map(..)`.
///
/// ```
/// use cognito_triggers::AttributeMap;
///
/// let extra = AttributeMap::default().attribute("custom:idp", "okta");
/// assert_eq!(extra.attributes().next(), Some(("custom:idp", "okta")));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct AttributeMap {
    attributes: Vec<(String, String)>,
}

impl AttributeMap {
    /// Sets a user pool attribute (the last value given for a name wins).
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> AttributeMap {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// The attributes, in the order given.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// The future of one call of the user's function.
pub type FederationFuture<'a> = BoxFuture<'a, Result<AttributeMap, BoxError>>;

/// The user's function, adapted by the macro.
#[derive(Clone, Copy)]
pub enum InboundFederationHandler {
    /// `fn handler(event: &InboundFederation) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e InboundFederation<'a>) -> FederationFuture<'e>),
    /// `fn handler() -> ..`.
    WithoutEvent(fn() -> FederationFuture<'static>),
}

/// One entry of `map(..)`: a user pool attribute from a claim.
#[derive(Clone, Copy, Debug)]
pub struct Mapping {
    /// The user pool attribute.
    pub attribute: &'static str,
    /// `tokenResponse`, `idToken`, `userInfo` or `samlResponse`.
    pub source: &'static str,
    /// The claim's name in that part.
    pub claim: &'static str,
}

/// The configuration the macro writes for one `#[inbound_federation]`.
pub struct InboundFederationConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `map(attribute = "source.claim", ..)`.
    pub map: &'static [Mapping],
    /// `truncate = N`: longer values are cut to N characters instead of refused.
    pub truncate: Option<usize>,
    /// The user's function.
    pub handler: InboundFederationHandler,
}

const KIND: Kind = Kind {
    name: "InboundFederation",
    title: "inbound federation",
    source_prefix: SOURCE_PREFIX,
};

/// A claim's value as a user pool attribute: strings as they are; numbers, booleans, arrays
/// and objects as their JSON text (Cognito's `address` is such a JSON string); `null` as no
/// value.
pub(crate) fn attribute_value(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Sets `name` to `value`: a later value for the same name wins.
fn upsert(answer: &mut Vec<(String, String)>, name: &str, value: String) {
    match answer.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 = value,
        None => answer.push((name.to_owned(), value)),
    }
}

/// An inbound federation trigger: `#[inbound_federation] fn handler` defines it as
/// `static HANDLER`.
///
/// ```
/// use cognito_triggers::inbound_federation;
///
/// #[inbound_federation(map(email = "idToken.email", "custom:groups" = "samlResponse.groups"), main = false)]
/// fn handler() {}
///
/// let event = r#"{"triggerSource": "InboundFederation_ExternalProvider", "request": {"providerType": "OIDC",
///     "attributes": {"idToken": {"email": "jane@example.com"}}}, "response": {"userAttributesToMap": null}}"#;
/// let answered = HANDLER.invoke_blocking(event).unwrap();
/// assert!(answered.ends_with(r#""response":{"userAttributesToMap":{"email":"jane@example.com"}}}"#));
/// ```
pub struct InboundFederationTrigger {
    config: InboundFederationConfig,
}

impl InboundFederationTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: InboundFederationConfig) -> InboundFederationTrigger {
        InboundFederationTrigger { config }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let event = InboundFederation::decode(envelope)?;
        let extra = match config.handler {
            InboundFederationHandler::WithEvent(f) => config.common.call(f(&event)).await?,
            InboundFederationHandler::WithoutEvent(f) => config.common.call(f()).await?,
        };
        let mut answer: Vec<(String, String)> = Vec::new();
        for mapping in config.map {
            if let Some(value) = event
                .claim(mapping.source, mapping.claim)
                .and_then(attribute_value)
            {
                upsert(&mut answer, mapping.attribute, value);
            }
        }
        for (name, value) in extra.attributes() {
            check_writable_attribute(name).map_err(|v| {
                TriggerError::new(
                    ErrorKind::Handler,
                    format!("the function's attributes: {v}"),
                )
            })?;
            upsert(&mut answer, name, value.to_owned());
        }
        if answer.is_empty() {
            // Nothing to map: Cognito's own attribute mapping applies.
            return Ok(None);
        }
        let limit = config.truncate.unwrap_or(MAX_ATTRIBUTE_CHARS);
        for (name, value) in &mut answer {
            let chars = value.chars().count();
            if chars > limit {
                if config.truncate.is_none() {
                    return Err(TriggerError::new(
                        ErrorKind::Handler,
                        format!("the value for `{name}` has {chars} characters, over Cognito's limit of {MAX_ATTRIBUTE_CHARS} (set `truncate = {MAX_ATTRIBUTE_CHARS}` to cut it)"),
                    ));
                }
                let cut = truncate(value, limit).len();
                value.truncate(cut);
            }
        }
        let map: serde_json::Map<String, Value> = answer
            .into_iter()
            .map(|(n, v)| (n, Value::String(v)))
            .collect();
        serde_json::value::to_raw_value(&serde_json::json!({ "userAttributesToMap": map }))
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|_| TriggerError::internal("cannot write the response"))
    }
}

crate::engine::source::trigger_impl!(InboundFederationTrigger, KIND);

/// The return types an inbound federation function may have.
#[diagnostic::on_unimplemented(
    message = "an inbound federation function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "return nothing, `AttributeMap`, or `Result<AttributeMap, E>` / `Result<(), E>` where `E: std::error::Error + Send + Sync + 'static`"
)]
pub trait IntoAttributeMap {
    /// Converts the function's result.
    fn into_attribute_map(self) -> Result<AttributeMap, BoxError>;
}

impl IntoAttributeMap for () {
    fn into_attribute_map(self) -> Result<AttributeMap, BoxError> {
        Ok(AttributeMap::default())
    }
}

impl IntoAttributeMap for AttributeMap {
    fn into_attribute_map(self) -> Result<AttributeMap, BoxError> {
        Ok(self)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoAttributeMap for Result<AttributeMap, E> {
    fn into_attribute_map(self) -> Result<AttributeMap, BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoAttributeMap for Result<(), E> {
    fn into_attribute_map(self) -> Result<AttributeMap, BoxError> {
        self.map(|()| AttributeMap::default())
            .map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_attribute_map<T: IntoAttributeMap>(value: T) -> Result<AttributeMap, BoxError> {
    value.into_attribute_map()
}
