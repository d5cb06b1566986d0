//! The event as the Lambda loop receives it: its top-level members kept as raw JSON, read in
//! one pass; the answer written back from the same members with `response` replaced.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// An event whose top-level members are kept as raw JSON text, in order: decoding it checks
/// the JSON once and copies each member; nothing inside `request` is decoded until a handler
/// needs it.
pub struct RawEvent {
    pub(crate) shape: Shape,
}

pub(crate) enum Shape {
    Object(Vec<(Key, Box<RawValue>)>),
    /// Not an object: what it was, for the error message.
    Other(&'static str),
}

impl RawEvent {
    /// Reads an event from its JSON text.
    pub fn from_slice(bytes: &[u8]) -> Result<RawEvent, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}

impl<'de> Deserialize<'de> for RawEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventVisitor;

        impl<'de> Visitor<'de> for EventVisitor {
            type Value = RawEvent;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON event")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEvent, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(10));
                while let Some(key) = map.next_key::<Key>()? {
                    let value: Box<RawValue> = map.next_value()?;
                    members.push((key, value));
                }
                Ok(RawEvent {
                    shape: Shape::Object(members),
                })
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEvent, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(other("an array"))
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<RawEvent, E> {
                Ok(other("a string"))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawEvent, E> {
                Ok(other("a boolean"))
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawEvent, E> {
                Ok(other("a number"))
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawEvent, E> {
                Ok(other("a number"))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawEvent, E> {
                Ok(other("a number"))
            }

            fn visit_unit<E: de::Error>(self) -> Result<RawEvent, E> {
                Ok(other("null"))
            }
        }

        deserializer.deserialize_any(EventVisitor)
    }
}

/// A member name: the names of the event's documented members without an allocation, any
/// other name as received.
pub(crate) enum Key {
    Known(&'static str),
    Other(String),
}

/// The top-level members of a pre token generation event.
const KNOWN_KEYS: [&str; 8] = [
    "version",
    "triggerSource",
    "region",
    "userPoolId",
    "userName",
    "callerContext",
    "request",
    "response",
];

impl Key {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Known(name) => name,
            Key::Other(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match KNOWN_KEYS.iter().find(|known| **known == v) {
                    Some(known) => Key::Known(known),
                    None => Key::Other(v.to_owned()),
                })
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

fn other(kind: &'static str) -> RawEvent {
    RawEvent {
        shape: Shape::Other(kind),
    }
}

/// What goes back to Cognito: the event's members as received, with `response` replaced (or
/// appended), serialized without decoding anything again.
pub struct RawAnswer {
    pub(crate) event: RawEvent,
    /// The new `response`; `None` returns the event unchanged.
    pub(crate) response: Option<Arc<RawValue>>,
}

impl RawAnswer {
    /// The answer as JSON text.
    pub fn to_vec(&self) -> Vec<u8> {
        // Writing raw values and string keys into a Vec cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

impl Serialize for RawAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Shape::Object(members) = &self.event.shape else {
            return serializer.serialize_unit();
        };
        let replaced =
            self.response.is_some() && members.iter().any(|(k, _)| k.as_str() == "response");
        let extra = usize::from(self.response.is_some() && !replaced);
        let mut map = serializer.serialize_map(Some(members.len() + extra))?;
        for (key, value) in members {
            match (&self.response, key.as_str()) {
                (Some(response), "response") => map.serialize_entry(key.as_str(), &**response)?,
                _ => map.serialize_entry(key.as_str(), &**value)?,
            }
        }
        if let (Some(response), false) = (&self.response, replaced) {
            map.serialize_entry("response", &**response)?;
        }
        map.end()
    }
}
