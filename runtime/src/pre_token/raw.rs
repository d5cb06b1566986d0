//! The event as the Lambda loop receives it: its JSON text, kept as received, with the place
//! of each top-level member; the answer written back as the same text with `response`
//! replaced.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::de::{Deserializer, Error as _};
use serde::ser::{Error as _, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::scan;

/// An event kept as its JSON text: decoding it checks the JSON once (`serde_json`, as a
/// [`RawValue`]) and finds where each top-level member is; nothing is decoded until a handler
/// needs it.
pub struct RawEvent {
    text: Box<str>,
    pub(crate) shape: Shape,
}

pub(crate) enum Shape {
    Object(Vec<Member>),
    /// Not an object: what it was, for the error message.
    Other(&'static str),
}

/// A top-level member: its name and where its value is in the event's text.
pub(crate) struct Member {
    pub(crate) key: Key,
    value: Range<usize>,
}

impl RawEvent {
    /// Reads an event from its JSON text.
    pub fn from_slice(bytes: &[u8]) -> Result<RawEvent, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The text of a member's value.
    pub(crate) fn value(&self, member: &Member) -> &str {
        self.text.get(member.value.clone()).unwrap_or("null")
    }

    fn read(text: Box<str>) -> Option<RawEvent> {
        let shape = match text.as_bytes().first() {
            Some(b'{') => Shape::Object(
                scan::members(&text)?
                    .into_iter()
                    .map(|span| {
                        Some(Member {
                            key: Key::read(text.get(span.key)?, span.key_escaped)?,
                            value: span.value,
                        })
                    })
                    .collect::<Option<_>>()?,
            ),
            Some(b'[') => Shape::Other("an array"),
            Some(b'"') => Shape::Other("a string"),
            Some(b't' | b'f') => Shape::Other("a boolean"),
            Some(b'n') => Shape::Other("null"),
            _ => Shape::Other("a number"),
        };
        Some(RawEvent { text, shape })
    }
}

impl<'de> Deserialize<'de> for RawEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text: Box<str> = Box::<RawValue>::deserialize(deserializer)?.into();
        // `serde_json` has checked the text: the scanner finds the members of any valid object.
        RawEvent::read(text).ok_or_else(|| D::Error::custom("the event's members cannot be read"))
    }
}

/// A member name: the names of the event's documented members without an allocation, any
/// other name as received.
pub(crate) enum Key {
    Known(&'static str),
    Other(String),
}

impl Key {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Known(name) => name,
            Key::Other(name) => name,
        }
    }

    /// A key from its text between the quotes; escapes decoded.
    fn read(raw: &str, escaped: bool) -> Option<Key> {
        let name = if escaped {
            Cow::Owned(serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()?)
        } else {
            Cow::Borrowed(raw)
        };
        // The top-level members of a pre token generation event.
        Some(Key::Known(match &*name {
            "version" => "version",
            "triggerSource" => "triggerSource",
            "region" => "region",
            "userPoolId" => "userPoolId",
            "userName" => "userName",
            "callerContext" => "callerContext",
            "request" => "request",
            "response" => "response",
            _ => return Some(Key::Other(name.into_owned())),
        }))
    }
}

/// What goes back to Cognito: the event's text as received, with the value of `response`
/// replaced (or the member appended).
pub struct RawAnswer {
    pub(crate) event: RawEvent,
    /// The new `response`; `None` returns the event unchanged.
    pub(crate) response: Option<Arc<RawValue>>,
}

impl RawAnswer {
    /// The answer as JSON text.
    pub fn to_vec(&self) -> Vec<u8> {
        self.text().into_bytes()
    }

    fn text(&self) -> String {
        let text = &*self.event.text;
        let (Some(response), Shape::Object(members)) = (&self.response, &self.event.shape) else {
            return text.to_owned();
        };
        let response = response.get();
        let mut out = String::with_capacity(text.len() + response.len() + 12);
        match members.iter().find(|m| m.key.as_str() == "response") {
            Some(member) => {
                out.push_str(text.get(..member.value.start).unwrap_or("{"));
                out.push_str(response);
                out.push_str(text.get(member.value.end..).unwrap_or("}"));
            }
            None => {
                out.push_str(text.strip_suffix('}').unwrap_or("{"));
                if !members.is_empty() {
                    out.push(',');
                }
                out.push_str("\"response\":");
                out.push_str(response);
                out.push('}');
            }
        }
        out
    }
}

/// The name under which `serde_json` serializes a `RawValue`: a struct by this name with one
/// field by this name, whose string value it writes as JSON text, unquoted.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// JSON text that serializes as itself, the way a [`RawValue`] does.
struct RawText<'a>(&'a str);

impl Serialize for RawText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        raw.serialize_field(RAW_VALUE_TOKEN, self.0)?;
        raw.end()
    }
}

/// Whether this `serde_json` writes [`RawText`] as JSON text; checked once. If a version did
/// not, answers would go through `RawValue::from_string`, which checks the text again.
fn raw_text_is_written_as_json() -> bool {
    static WRITTEN: OnceLock<bool> = OnceLock::new();
    *WRITTEN.get_or_init(|| serde_json::to_string(&RawText("[0]")).is_ok_and(|s| s == "[0]"))
}

impl Serialize for RawAnswer {
    /// Serializes as the answer's JSON text (as a [`RawValue`] would): the text is not
    /// checked or decoded again.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.text();
        if raw_text_is_written_as_json() {
            RawText(&text).serialize(serializer)
        } else {
            RawValue::from_string(text)
                .map_err(S::Error::custom)?
                .serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_writes_raw_text_as_json() {
        assert!(raw_text_is_written_as_json());
        let text = r#"{"a": [1, "\u00e9"]}"#;
        assert_eq!(serde_json::to_string(&RawText(text)).unwrap(), text);
        assert_eq!(
            serde_json::to_value(RawText(text)).unwrap(),
            serde_json::json!({"a": [1, "é"]})
        );
    }

    #[test]
    fn keys_are_read_with_their_escapes_decoded() {
        let event =
            RawEvent::from_slice(br#"{"\u0072equest":{},"k\"ey":1,"userName":"u"}"#).unwrap();
        let Shape::Object(members) = &event.shape else {
            panic!("an object")
        };
        let keys: Vec<_> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["request", "k\"ey", "userName"]);
        assert!(matches!(members[0].key, Key::Known("request")));
        assert_eq!(event.value(&members[2]), "\"u\"");
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
            assert!(
                matches!(event.shape, Shape::Other(k) if k == kind),
                "{text}"
            );
        }
    }
}
