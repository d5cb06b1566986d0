//! [`StringMap`]: the JSON objects of strings of an event (`userAttributes`,
//! `clientMetadata`, `validationData`), borrowed from the received text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::{owned, Name};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
