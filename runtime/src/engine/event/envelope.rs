//! [`Envelope`]: the members every trigger event has, read from a [`RawEvent`] without
//! decoding `request`.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Key, RawEvent, Shape};
use crate::engine::decode::{decode_at, decode_error, CallerContext};
use crate::engine::error::TriggerError;

/// The envelope of an event: the members every trigger has, read without decoding `request`.
/// A trigger decodes `request` (and whatever else it needs) from here.
pub struct Envelope<'a> {
    pub(super) members: &'a [(Key<'a>, &'a RawValue)],
    /// `version`, as sent (`"1"`; cognito-local sends `"0"`); `None` when absent or `null`.
    pub(crate) version: Option<Cow<'a, str>>,
    /// `triggerSource`, as sent; empty when absent or `null`.
    pub(crate) trigger_source: Cow<'a, str>,
    /// `request`: always an object.
    pub(crate) request: &'a RawValue,
}

const VERSION: usize = 0;
const TRIGGER_SOURCE: usize = 1;
const REQUEST: usize = 2;
const RESPONSE: usize = 3;

impl<'a> Envelope<'a> {
    /// Reads the envelope of `event`.
    pub(crate) fn read(event: &'a RawEvent<'a>) -> Result<Envelope<'a>, TriggerError> {
        let members = match &event.0 {
            Shape::Object(members) => members,
            Shape::Other(kind) => {
                return Err(TriggerError::invalid_event(format!(
                    "the event must be a JSON object, got {kind}"
                )))
            }
        };
        let mut found: [Option<&'a RawValue>; 4] = [None; 4];
        for (name, value) in members {
            let slot = match &**name {
                "version" => VERSION,
                "triggerSource" => TRIGGER_SOURCE,
                "request" => REQUEST,
                "response" => RESPONSE,
                _ => continue,
            };
            if found[slot].replace(*value).is_some() {
                return Err(TriggerError::invalid_event(format!(
                    "duplicate field `{name}`"
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
        match self.members.iter().find(|(name, _)| name == key) {
            Some((_, raw)) => Ok(decode_at::<Option<T>>(raw.get(), key)?.unwrap_or_default()),
            None => Ok(T::default()),
        }
    }

    /// A top-level string (`region`, `userName`): `null` or absent reads as empty.
    pub(crate) fn text(&self, key: &str) -> Result<Cow<'a, str>, TriggerError> {
        Ok(self.optional_text(key)?.unwrap_or_default())
    }

    /// A top-level string that may be absent or `null` (`None`), borrowed from the received
    /// text unless it holds an escape.
    pub(crate) fn optional_text(&self, key: &str) -> Result<Option<Cow<'a, str>>, TriggerError> {
        match self.members.iter().find(|(name, _)| name == key) {
            Some((_, raw)) => top_level_str(raw.get(), key),
            None => Ok(None),
        }
    }

    /// `callerContext`, borrowed from the received text.
    pub(crate) fn caller_context(&self) -> Result<CallerContext<'a>, TriggerError> {
        self.member("callerContext")
    }

    /// `callerContext.clientId` alone, borrowed from the received text unless it holds an
    /// escape: for checks that read nothing else of the caller.
    pub(crate) fn client_id(&self) -> Result<Option<Cow<'a, str>>, TriggerError> {
        /// The one member read (named as the full type for error messages).
        #[derive(Default, Deserialize)]
        struct CallerContext<'a> {
            #[serde(
                default,
                borrow,
                rename = "clientId",
                deserialize_with = "crate::engine::decode::optional_str"
            )]
            client_id: Option<Cow<'a, str>>,
        }
        let caller: CallerContext<'a> = self.member("callerContext")?;
        Ok(caller.client_id)
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
}

/// Reads the envelope of `json` and passes it to `f`: the `read` of every event type.
pub(crate) fn read_with<T>(
    json: &str,
    f: impl FnOnce(&Envelope<'_>) -> Result<T, TriggerError>,
) -> Result<T, TriggerError> {
    let event = RawEvent::read(json.as_bytes())?;
    f(&Envelope::read(&event)?)
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
