//! Decoding the parts of an event: strings and string maps borrowed from the received text,
//! `callerContext`, and error messages that say where and what without quoting values.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::error::TriggerError;

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

/// A JSON object of strings (`userAttributes`, `clientMetadata`, `validationData`), in the
/// event's order, borrowed from the event's text where no escape forces a copy. `null` and
/// absent read as empty; a name given twice is an error (which of the two would Cognito use?).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringMap<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'a> StringMap<'a> {
    /// The same map, owning its strings.
    pub fn into_owned(self) -> StringMap<'static> {
        StringMap(
            self.0
                .into_iter()
                .map(|(k, v)| (owned(k), owned(v)))
                .collect(),
        )
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    /// Whether `name` is present.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The names and values, in the event's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v.as_ref()))
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for StringMap<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(MapVisitor {
            skip_nulls: false,
            keep: |_| true,
        })
    }
}

/// A [`StringMap`] in which a `null` value reads as an absent name (a 2016 report shows
/// `"phone_number": null` in post confirmation's `userAttributes`): for the triggers whose
/// attributes only feed checks and the function.
pub(crate) fn string_map_skipping_nulls<'de, D>(deserializer: D) -> Result<StringMap<'de>, D::Error>
where
    D: Deserializer<'de>,
{
    string_map_of(deserializer, |_| true)
}

/// [`string_map_skipping_nulls`] holding only the names `keep` accepts: the values of the
/// others are skipped, not decoded (for checks that read a few attributes).
pub(crate) fn string_map_of<'de, D>(
    deserializer: D,
    keep: fn(&str) -> bool,
) -> Result<StringMap<'de>, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_option(MapVisitor {
        skip_nulls: true,
        keep,
    })
}

/// How many names of one map are checked for a repeat one by one (a real event has at most a
/// few dozen attributes); past it, through a hash set.
const SCAN_UP_TO: usize = 32;

struct MapVisitor {
    skip_nulls: bool,
    keep: fn(&str) -> bool,
}

impl<'de> Visitor<'de> for MapVisitor {
    type Value = StringMap<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of strings or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(StringMap::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(StringMap::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // No allocation for an empty object (`clientMetadata: {}`).
        let mut entries: Vec<(Cow<'de, str>, Cow<'de, str>)> = Vec::new();
        // The names kept so far, once there are more than a real event has (a hostile event
        // with thousands must not cost their square): a name is checked against the earlier
        // ones one by one up to `SCAN_UP_TO`, through this set past it.
        let mut seen: Option<HashSet<Cow<'de, str>>> = None;
        while let Some(Name(key)) = map.next_key::<Name<'de>>()? {
            if !(self.keep)(&key) {
                map.next_value::<de::IgnoredAny>()?;
                continue;
            }
            if entries.capacity() == 0 {
                entries.reserve(8);
            }
            let value = if self.skip_nulls {
                map.next_value::<Option<Name<'de>>>()?
            } else {
                Some(map.next_value::<Name<'de>>()?)
            };
            if entries.len() == SCAN_UP_TO && seen.is_none() {
                seen = Some(entries.iter().map(|(k, _)| k.clone()).collect());
            }
            let duplicate = match &seen {
                None => entries.iter().any(|(k, _)| *k == key),
                Some(seen) => seen.contains(key.as_ref()),
            };
            if duplicate {
                return Err(de::Error::custom(format_args!("duplicate name `{key}`")));
            }
            if let Some(Name(value)) = value {
                if let Some(seen) = &mut seen {
                    seen.insert(key.clone());
                }
                entries.push((key, value));
            }
        }
        Ok(StringMap(entries))
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
    fn a_repeated_name_is_found_before_and_past_the_scan_limit() {
        // `n` names `a0`, `a1`, ..; `repeat = Some((i, j))` names the `j`-th one like the `i`-th.
        let map = |n: usize, repeat: Option<(usize, usize)>, nulls: bool| {
            let members: Vec<String> = (0..n)
                .map(|k| {
                    let name = match repeat {
                        Some((i, j)) if j == k => format!("a{i}"),
                        _ => format!("a{k}"),
                    };
                    let value = if nulls && k % 2 == 1 {
                        "null".into()
                    } else {
                        format!("\"v{k}\"")
                    };
                    format!("\"{name}\": {value}")
                })
                .collect();
            format!("{{{}}}", members.join(","))
        };
        // How many names were kept, or the error.
        fn read(text: &str, nulls: bool) -> Result<usize, String> {
            let mut d = serde_json::Deserializer::from_str(text);
            match nulls {
                true => string_map_skipping_nulls(&mut d),
                false => StringMap::deserialize(&mut d),
            }
            .map(|m| m.len())
            .map_err(|e| e.to_string())
        }
        for n in [
            2,
            SCAN_UP_TO - 1,
            SCAN_UP_TO,
            SCAN_UP_TO + 1,
            5 * SCAN_UP_TO,
        ] {
            assert_eq!(read(&map(n, None, false), false), Ok(n));
            for (i, j) in [(0, 1), (0, n - 1), (n / 2, n - 1), (n - 2, n - 1)] {
                if i >= j {
                    continue;
                }
                let error = read(&map(n, Some((i, j)), false), false).unwrap_err();
                assert!(
                    error.starts_with(&format!("duplicate name `a{i}`")),
                    "n = {n}, {i} and {j}: {error}"
                );
            }
            // With nulls skipped, a name whose first value was `null` may come again.
            let text = map(n, Some((1, n - 1)), true);
            assert_eq!(read(&text, true), Ok(n.div_ceil(2)), "n = {n}");
        }
        // The first repeat in the event's order is the one named, past the limit too.
        let mut members: Vec<String> = (0..100).map(|k| format!("\"a{k}\": \"v\"")).collect();
        members[70] = "\"a3\": \"v\"".into();
        members[80] = "\"a60\": \"v\"".into();
        let error = read(&format!("{{{}}}", members.join(",")), false).unwrap_err();
        assert!(error.starts_with("duplicate name `a3`"), "{error}");
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
