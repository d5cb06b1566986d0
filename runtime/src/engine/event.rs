//! The envelope every Cognito trigger event shares, read with serde_json's public API alone:
//! the received text is checked once (a [`RawValue`], what the Lambda runtime hands over), its
//! top-level members are read as borrowed `(name, &RawValue)` pairs, and the answer is written
//! as a map of those same raw values in their order with `response` replaced. serde_json writes
//! a `RawValue` as is, so everything inside a member comes back byte for byte.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::decode::{decode_at, decode_error, Name};
use super::error::TriggerError;

/// An event as the Lambda loop receives it: its JSON text, checked once and kept as received.
pub struct RawEvent(Box<RawValue>);

impl RawEvent {
    /// Reads an event from its JSON text.
    pub fn from_slice(bytes: &[u8]) -> Result<RawEvent, serde_json::Error> {
        serde_json::from_slice(bytes).map(RawEvent)
    }

    /// The event's text.
    pub fn text(&self) -> &str {
        self.0.get()
    }
}

impl<'de> Deserialize<'de> for RawEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawEvent)
    }
}

/// What goes back to Cognito: the event's members as received, with `response` replaced.
pub struct RawAnswer(Box<RawValue>);

impl RawAnswer {
    /// The answer as JSON text.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.get().as_bytes().to_vec()
    }

    /// The answer's text.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The event unchanged.
    pub(crate) fn unchanged(event: RawEvent) -> RawAnswer {
        RawAnswer(event.0)
    }
}

impl Serialize for RawAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The top-level members of an object, in order.
struct Members<'a>(Vec<(Name<'a>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(entry) = map.next_entry::<Name<'de>, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// The envelope of an event: the members every trigger has, read without decoding `request`.
/// A trigger decodes `request` (and whatever else it needs) from here.
pub struct Envelope<'a> {
    members: Vec<(Name<'a>, &'a RawValue)>,
    /// `version`, as sent (`"1"`; cognito-local sends `"0"`); `None` when absent or `null`.
    pub(crate) version: Option<Cow<'a, str>>,
    /// `triggerSource`, as sent; empty when absent or `null`.
    pub(crate) trigger_source: Cow<'a, str>,
    /// `request`: always an object.
    pub(crate) request: &'a RawValue,
}

/// What a JSON text is, from its first byte, for "must be a JSON object, got ..".
fn kind_of(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

const VERSION: usize = 0;
const TRIGGER_SOURCE: usize = 1;
const REQUEST: usize = 2;
const RESPONSE: usize = 3;

impl<'a> Envelope<'a> {
    /// Reads the envelope of `event`.
    pub(crate) fn read(event: &'a RawEvent) -> Result<Envelope<'a>, TriggerError> {
        let text = event.text();
        if !text.starts_with('{') {
            return Err(TriggerError::invalid_event(format!(
                "the event must be a JSON object, got {}",
                kind_of(text)
            )));
        }
        let Members(members) = serde_json::from_str(text).map_err(|e| decode_error("", &e))?;
        let mut found: [Option<&'a RawValue>; 4] = [None; 4];
        for (name, value) in &members {
            let slot = match &*name.0 {
                "version" => VERSION,
                "triggerSource" => TRIGGER_SOURCE,
                "request" => REQUEST,
                "response" => RESPONSE,
                _ => continue,
            };
            if found[slot].replace(value).is_some() {
                return Err(TriggerError::invalid_event(format!(
                    "duplicate field `{}`",
                    name.0
                )));
            }
        }
        let request = match found[REQUEST] {
            Some(raw) if raw.get().starts_with('{') => raw,
            Some(raw) if raw.get() != "null" => {
                return Err(TriggerError::invalid_event(
                    "`request` must be a JSON object",
                ))
            }
            _ => {
                return Err(TriggerError::invalid_event(
                    "the event has no `request` object",
                ))
            }
        };
        let version = found[VERSION]
            .map(|raw| top_level_str(raw.get(), "version"))
            .transpose()?
            .flatten();
        let trigger_source = found[TRIGGER_SOURCE]
            .map(|raw| top_level_str(raw.get(), "triggerSource"))
            .transpose()?
            .flatten()
            .unwrap_or_default();
        Ok(Envelope {
            members,
            version,
            trigger_source,
            request,
        })
    }

    /// One top-level member, decoded; absent or `null` reads as the default.
    pub(crate) fn member<T: Deserialize<'a> + Default>(
        &self,
        key: &str,
    ) -> Result<T, TriggerError> {
        match self.members.iter().find(|(name, _)| name.0 == key) {
            Some((_, raw)) => Ok(decode_at::<Option<T>>(raw.get(), key)?.unwrap_or_default()),
            None => Ok(T::default()),
        }
    }

    /// `request`, decoded as `T`; errors name the path inside `request`.
    pub(crate) fn request<T: Deserialize<'a>>(&self) -> Result<T, TriggerError> {
        decode_at(self.request.get(), "request.")
    }

    /// The short trigger source: `triggerSource` without `prefix`.
    pub(crate) fn short_source(&self, prefix: &str) -> &str {
        self.trigger_source
            .strip_prefix(prefix)
            .unwrap_or(&self.trigger_source)
    }

    /// The answer: these members in their order, with `response` replaced (or appended).
    pub(crate) fn answer(&self, response: &RawValue) -> Result<RawAnswer, TriggerError> {
        serde_json::value::to_raw_value(&Answer {
            members: &self.members,
            response,
        })
        .map(RawAnswer)
        .map_err(|e| TriggerError::internal(format!("cannot write the answer: {e}")))
    }
}

/// The members with `response` replaced, written as a map of raw values.
struct Answer<'m, 'a> {
    members: &'m [(Name<'a>, &'a RawValue)],
    response: &'m RawValue,
}

impl Serialize for Answer<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len() + 1))?;
        let mut replaced = false;
        for (name, value) in self.members {
            if name.0 == "response" {
                map.serialize_entry("response", self.response)?;
                replaced = true;
            } else {
                map.serialize_entry(&*name.0, value)?;
            }
        }
        if !replaced {
            map.serialize_entry("response", self.response)?;
        }
        map.end()
    }
}

/// A top-level string member (`version`, `triggerSource`): a string or `null`. A string token
/// without escapes is its own text between the quotes.
fn top_level_str<'a>(text: &'a str, key: &str) -> Result<Option<Cow<'a, str>>, TriggerError> {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => Ok(Some(Cow::Borrowed(plain))),
        _ => serde_json::from_str::<Option<String>>(text)
            .map(|s| s.map(Cow::Owned))
            .map_err(|e| decode_error(key, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(input: &str) -> String {
        let event = RawEvent::from_slice(input.as_bytes()).unwrap();
        let envelope = Envelope::read(&event).unwrap();
        let response = RawValue::from_string("{\"x\":1}".into()).unwrap();
        let answer = envelope.answer(&response).unwrap();
        // What the Lambda runtime sends: the answer serialized by serde_json, the same text.
        assert_eq!(serde_json::to_string(&answer).unwrap(), answer.text());
        answer.text().to_owned()
    }

    #[test]
    fn response_is_replaced_in_place_or_appended() {
        assert_eq!(
            answer(r#"{"request":{},"response":null,"z":2}"#),
            r#"{"request":{},"response":{"x":1},"z":2}"#
        );
        assert_eq!(
            answer(r#"{"response": [] , "request":{ "a" : [1, 2] }}"#),
            r#"{"response":{"x":1},"request":{ "a" : [1, 2] }}"#
        );
        assert_eq!(
            answer(r#"{"request":{}}"#),
            r#"{"request":{},"response":{"x":1}}"#
        );
        assert_eq!(
            answer("{\"request\":{\"a\":\"}\"}}\n"),
            "{\"request\":{\"a\":\"}\"},\"response\":{\"x\":1}}"
        );
        // Escaped names are written with serde_json's escapes; values come back as received.
        assert_eq!(
            answer(r#"{"request":{},"k\"ey":"\u00e9"}"#),
            r#"{"request":{},"k\"ey":"\u00e9","response":{"x":1}}"#
        );
    }

    #[test]
    fn keys_are_read_with_their_escapes_decoded() {
        let event =
            RawEvent::from_slice(br#"{"\u0072equest":{},"k\"ey":1,"userName":"u"}"#).unwrap();
        let envelope = Envelope::read(&event).unwrap();
        let keys: Vec<_> = envelope.members.iter().map(|(n, _)| &*n.0).collect();
        assert_eq!(keys, ["request", "k\"ey", "userName"]);
        assert!(matches!(envelope.members[2].0 .0, Cow::Borrowed(_)));
        assert_eq!(
            envelope.member::<Option<String>>("userName").unwrap(),
            Some("u".into())
        );
    }

    #[test]
    fn values_that_are_not_objects_are_named() {
        for (text, kind) in [
            ("[1]", "an array"),
            ("\"x\"", "a string"),
            ("false", "a boolean"),
            ("null", "null"),
            ("-1", "a number"),
        ] {
            let event = RawEvent::from_slice(text.as_bytes()).unwrap();
            let error = Envelope::read(&event).err().unwrap();
            assert_eq!(
                error.message(),
                format!("the event must be a JSON object, got {kind}")
            );
        }
    }
}
