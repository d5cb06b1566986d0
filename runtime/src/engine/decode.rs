//! Decoding the parts of an event: strings and string maps borrowed from the received text,
//! `callerContext`, and error messages that say where and what without quoting values.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::error::TriggerError;

mod string_map;
pub use string_map::StringMap;
pub(crate) use string_map::{string_map_of, string_map_skipping_nulls};

/// A string borrowed from the event's text unless it holds an escape.
pub(crate) struct Name<'a>(pub(crate) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Name<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// An optional string (`null` or absent reads as `None`), borrowed from the event's text
/// unless it holds an escape. serde's own `Option<Cow<str>>` always copies, even with
/// `#[serde(borrow)]` (its borrowing reaches a `Cow` field only, not one inside an `Option`).
pub(crate) fn optional_str<'de: 'a, 'a, D>(
    deserializer: D,
) -> Result<Option<Cow<'a, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Option::<Name<'de>>::deserialize(deserializer)?.map(|name| name.0))
}

/// A string, `null` or absent reading as empty, borrowed like [`optional_str`].
pub(crate) fn str_or_empty<'de: 'a, 'a, D>(deserializer: D) -> Result<Cow<'a, str>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(optional_str(deserializer)?.unwrap_or_default())
}

/// A list of strings (`null` or absent reads as empty), each borrowed like [`optional_str`].
pub(crate) fn str_list<'de: 'a, 'a, D>(deserializer: D) -> Result<Vec<Cow<'a, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    let names = Option::<Vec<Name<'de>>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(names.into_iter().map(|name| name.0).collect())
}

/// A string that owns its text.
pub(crate) fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// `callerContext`: who called Cognito, borrowed from the received text. Both fields may be
/// `null` or absent (an admin action in the console has no client).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallerContext<'a> {
    /// The SDK version of the caller.
    #[serde(
        default,
        borrow,
        rename = "awsSdkVersion",
        deserialize_with = "optional_str"
    )]
    pub aws_sdk_version: Option<Cow<'a, str>>,
    /// The app client id (for pre token generation: the ID token's `aud`, the access token's `client_id`).
    #[serde(default, borrow, deserialize_with = "optional_str")]
    pub client_id: Option<Cow<'a, str>>,
}

impl CallerContext<'_> {
    /// The same caller, owning its strings.
    pub fn into_owned(self) -> CallerContext<'static> {
        CallerContext {
            aws_sdk_version: self.aws_sdk_version.map(owned),
            client_id: self.client_id.map(owned),
        }
    }
}

/// A decoding error as an [`ErrorKind::InvalidEvent`](super::error::ErrorKind) error: where
/// (`path`) and what, without the values (they may be user data).
pub(crate) fn decode_error(path: &str, error: &serde_json::Error) -> TriggerError {
    use serde_json::error::Category;
    if matches!(
        error.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return TriggerError::invalid_event(format!("the event is not valid JSON: {error}"));
    }
    let message = error.to_string();
    // serde_json appends " at line L column C": the path says where, more usefully.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let message = if message.starts_with("invalid ") {
        without_values(message)
    } else {
        message.to_owned()
    };
    if path.is_empty() {
        // The event itself (a member name): no path to name.
        return TriggerError::invalid_event(message);
    }
    TriggerError::invalid_event(format!("at `{path}`: {message}"))
}

/// Decodes `T` from `text`; on failure decodes again, tracking the path, for the message.
pub(crate) fn decode_at<'a, T: Deserialize<'a>>(
    text: &'a str,
    prefix: &str,
) -> Result<T, TriggerError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match T::deserialize(&mut deserializer).and_then(|v| deserializer.end().map(|()| v)) {
        Ok(value) => Ok(value),
        Err(error) => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(e) => e.path().to_string(),
                Ok(_) => String::new(),
            };
            let path = match (prefix, path.as_str()) {
                (_, ".") | (_, "") => prefix.trim_end_matches('.').to_owned(),
                ("", path) => path.to_owned(),
                (prefix, path) if prefix.ends_with('.') || path.starts_with('[') => {
                    format!("{prefix}{path}")
                }
                (prefix, path) => format!("{prefix}.{path}"),
            };
            Err(decode_error(&path, &error))
        }
    }
}

/// serde's "invalid type: string \"secret\", expected .." quotes the value; error messages go
/// back to Cognito and may reach end users, so the value is cut out.
fn without_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('`');
        out.push_str(&rest[..start]);
        match rest[start + 1..].find(quote) {
            Some(len) => rest = &rest[start + 1 + len + 1..],
            None => {
                rest = "";
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
    }
    out.push_str(rest);
    out
}

/// `null` (or absent) reads as the default.
pub(crate) fn nullish<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_lose_values() {
        assert_eq!(
            without_values("invalid type: string \"s3cret\", expected a sequence"),
            "invalid type: string, expected a sequence"
        );
        assert_eq!(
            without_values("invalid type: integer `42`, expected a string"),
            "invalid type: integer, expected a string"
        );
        assert_eq!(without_values("expected a string"), "expected a string");
    }

    #[test]
    fn optional_strings_are_borrowed_unless_escaped() {
        #[derive(Deserialize)]
        struct Request<'a> {
            #[serde(default, borrow, deserialize_with = "optional_str")]
            a: Option<Cow<'a, str>>,
            #[serde(default, borrow, deserialize_with = "str_or_empty")]
            b: Cow<'a, str>,
        }
        let read = |text| serde_json::from_str::<Request<'_>>(text).unwrap();
        let plain = read(r#"{"a": "{####}", "b": "x"}"#);
        assert!(matches!(plain.a, Some(Cow::Borrowed("{####}"))));
        assert!(matches!(plain.b, Cow::Borrowed("x")));
        let escaped = read(r#"{"a": "\u00e9", "b": null}"#);
        assert!(matches!(escaped.a.as_deref(), Some("\u{e9}")));
        assert!(matches!(escaped.a, Some(Cow::Owned(_))));
        assert_eq!(escaped.b, "");
        let absent = read(r#"{"a": null}"#);
        assert_eq!((absent.a, absent.b), (None, Cow::Borrowed("")));
        assert!(serde_json::from_str::<Request<'_>>(r#"{"a": 1}"#).is_err());
    }
}
