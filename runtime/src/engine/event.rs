//! The envelope every Cognito trigger event shares, read with serde_json's public API alone:
//! the payload's bytes, as the Lambda runtime API delivers them, are checked once, and their
//! top-level members are read in that same pass as borrowed `(name, &RawValue)` pairs; the
//! answer is written as a map of those same raw values in their order with `response`
//! replaced. serde_json writes a `RawValue` as is, so everything inside a member comes back
//! byte for byte.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::decode::decode_error;
use super::error::TriggerError;

mod envelope;
pub(crate) use envelope::read_with;
pub use envelope::Envelope;

/// An event as the Lambda loop receives it: its top-level members, each name with its value as
/// received, borrowed from the payload and read in the one pass that checks the JSON.
pub struct RawEvent<'a>(Shape<'a>);

enum Shape<'a> {
    Object(Vec<(Key<'a>, &'a RawValue)>),
    /// Not an object: what it was, for the error message.
    Other(&'static str),
}

/// A member name: borrowed from the payload unless it holds an escape.
type Key<'a> = Cow<'a, str>;

/// One of the envelope's names, recognised from its bytes.
fn known_key(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"version" => "version",
        b"triggerSource" => "triggerSource",
        b"region" => "region",
        b"userPoolId" => "userPoolId",
        b"userName" => "userName",
        b"callerContext" => "callerContext",
        b"request" => "request",
        b"response" => "response",
        _ => return None,
    })
}

/// A top-level member name, read as bytes: serde_json checks the UTF-8 of a name read as a
/// string, and the envelope's own names, plain ASCII, need no check (BENCHMARKS.md, "Sixth
/// round: the payload read in place").
struct MemberName<'a>(Key<'a>);

impl<'a> MemberName<'a> {
    /// A name that is not one of the envelope's: UTF-8 and, stricter than JSON, no control
    /// character even escaped (serde_json's byte reading does not refuse a raw one; a name
    /// with escapes arrives decoded, where both look the same; no Cognito event has one).
    fn checked<E: de::Error>(name: &[u8]) -> Result<&str, E> {
        if name.iter().any(|b| *b < 0x20) {
            return Err(E::custom("control character in a member name"));
        }
        std::str::from_utf8(name).map_err(|_| E::custom("a member name is not valid UTF-8"))
    }
}

impl<'de> Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
                let name = match known_key(v) {
                    Some(name) => name,
                    None => MemberName::checked(v)?,
                };
                Ok(MemberName(Cow::Borrowed(name)))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(MemberName::checked(v)?.to_owned())))
            }
        }
        deserializer.deserialize_bytes(NameVisitor)
    }
}

impl<'a> RawEvent<'a> {
    /// Reads an event from its JSON text (the payload's bytes).
    pub fn from_slice(bytes: &'a [u8]) -> Result<RawEvent<'a>, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// [`RawEvent::from_slice`], a failure as the `InvalidEvent` error Cognito is sent.
    pub(crate) fn read(bytes: &'a [u8]) -> Result<RawEvent<'a>, TriggerError> {
        RawEvent::from_slice(bytes).map_err(|e| decode_error("", &e))
    }
}

impl<'de> Deserialize<'de> for RawEvent<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventVisitor;
        impl<'de> Visitor<'de> for EventVisitor {
            type Value = RawEvent<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(10));
                while let Some(MemberName(name)) = map.next_key()? {
                    members.push((name, map.next_value::<&'de RawValue>()?));
                }
                Ok(RawEvent(Shape::Object(members)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(RawEvent(Shape::Other("an array")))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("a string")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("a boolean")))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("null")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("a number")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("a number")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(RawEvent(Shape::Other("a number")))
            }
        }
        deserializer.deserialize_any(EventVisitor)
    }
}

/// A `response` to send back: written for this event, or prepared once and shared.
pub enum Response {
    /// Written for this event.
    Owned(Box<RawValue>),
    /// Prepared once (a response that is the same for every user).
    Shared(Arc<RawValue>),
}

impl Response {
    fn raw(&self) -> &RawValue {
        match self {
            Response::Owned(raw) => raw,
            Response::Shared(raw) => raw,
        }
    }
}

/// What goes back to Cognito: the event's members as received, in their order, with
/// `response` replaced (or appended). serde_json writes each member's raw value as is.
pub struct RawAnswer<'a> {
    event: RawEvent<'a>,
    response: Option<Response>,
}

impl<'a> RawAnswer<'a> {
    /// The answer to `event`: its members with `response` replaced, or the event unchanged.
    pub(crate) fn new(event: RawEvent<'a>, response: Option<Response>) -> RawAnswer<'a> {
        RawAnswer { event, response }
    }

    /// The answer as JSON text.
    pub fn to_vec(&self) -> Vec<u8> {
        // Writing raw values and string names into a `Vec` cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The answer as one raw JSON value that owns its text (what the Lambda loop hands to
    /// `lambda_runtime`, which writes it as is): written once, not checked again.
    pub fn to_raw_value(&self) -> Result<Box<RawValue>, TriggerError> {
        serde_json::value::to_raw_value(self)
            .map_err(|e| TriggerError::internal(format!("cannot write the answer: {e}")))
    }
}

impl Serialize for RawAnswer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Shape::Object(members) = &self.event.0 else {
            // An answer is made only for an object event (`Envelope::read` refuses the rest).
            return serializer.serialize_unit();
        };
        let extra = usize::from(self.response.is_some());
        let mut map = serializer.serialize_map(Some(members.len() + extra))?;
        let mut replaced = false;
        for (name, value) in members {
            match &self.response {
                Some(response) if name == "response" => {
                    map.serialize_entry("response", response.raw())?;
                    replaced = true;
                }
                _ => map.serialize_entry(name, value)?,
            }
        }
        if let (Some(response), false) = (&self.response, replaced) {
            map.serialize_entry("response", response.raw())?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(input: &str) -> String {
        let event = RawEvent::from_slice(input.as_bytes()).unwrap();
        assert!(Envelope::read(&event).is_ok());
        let response = RawValue::from_string("{\"x\":1}".into()).unwrap();
        let answer = RawAnswer::new(event, Some(Response::Owned(response)));
        // What the Lambda runtime sends: the answer serialized by serde_json, the same text.
        let text = String::from_utf8(answer.to_vec()).unwrap();
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
        let keys: Vec<_> = envelope.members.iter().map(|(n, _)| &**n).collect();
        assert_eq!(keys, ["request", "k\"ey", "userName"]);
        assert!(matches!(envelope.members[2].0, Cow::Borrowed(_)));
        assert_eq!(
            envelope.member::<Option<String>>("userName").unwrap(),
            Some("u".into())
        );
    }

    #[test]
    fn member_names_are_json_strings() {
        // Read as bytes, the names keep JSON's rules: no raw control character (with or
        // without an escape elsewhere in the name), UTF-8 only, escapes decoded.
        assert!(RawEvent::from_slice(b"{\"a\x01\":1,\"request\":{}}").is_err());
        assert!(RawEvent::from_slice(b"{\"a\\f\x08\":1,\"request\":{}}").is_err());
        assert!(RawEvent::from_slice(b"{\"\xff\":1,\"request\":{}}").is_err());
        assert!(RawEvent::from_slice(br#"{"\ud800":1,"request":{}}"#).is_err());
        // Stricter than JSON: an escaped control character is refused too.
        let Err(error) = RawEvent::from_slice(br#"{"a\u0001":1,"request":{}}"#) else {
            panic!("an escaped control character in a name is refused");
        };
        assert!(error
            .to_string()
            .starts_with("control character in a member name"));
        let event = RawEvent::from_slice(br#"{"a\u00e9\"":1,"request":{}}"#).unwrap();
        let envelope = Envelope::read(&event).unwrap();
        let keys: Vec<_> = envelope.members.iter().map(|(n, _)| &**n).collect();
        assert_eq!(keys, ["a\u{e9}\"", "request"]);
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
