//! The pre token generation request, decoded from any event shape Cognito and local emulators
//! send (`null`, `{}` or missing optional parts, the AWS doc errata, unknown trigger sources).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use super::groups::group_configuration;
pub use super::groups::GroupConfiguration;
use crate::engine::decode::{owned, str_list, CallerContext, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::{Envelope, RawEvent};
use crate::Version;

/// Why Cognito invoked the trigger (`triggerSource`, without its `TokenGeneration_` prefix).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TriggerSource {
    /// Sign-in from the managed login (hosted UI) pages.
    HostedAuth,
    /// Sign-in through the SDK or API authentication flows.
    Authentication,
    /// An admin-created user set a new password.
    NewPasswordChallenge,
    /// A remembered device authenticated.
    AuthenticateDevice,
    /// Tokens are refreshed.
    RefreshTokens,
    /// A machine-to-machine client credentials grant (V3_0 only): there is only an access token.
    ClientCredentials,
    /// A trigger source this version of the crate does not know, as sent.
    Other(String),
}

impl TriggerSource {
    /// Decodes the wire value (`"TokenGeneration_RefreshTokens"`).
    pub fn from_wire(value: &str) -> TriggerSource {
        let short = value
            .strip_prefix(cognito_triggers_rules::TRIGGER_SOURCE_PREFIX)
            .unwrap_or(value);
        match short {
            "HostedAuth" => TriggerSource::HostedAuth,
            "Authentication" => TriggerSource::Authentication,
            "NewPasswordChallenge" => TriggerSource::NewPasswordChallenge,
            "AuthenticateDevice" => TriggerSource::AuthenticateDevice,
            "RefreshTokens" => TriggerSource::RefreshTokens,
            "ClientCredentials" => TriggerSource::ClientCredentials,
            _ => TriggerSource::Other(value.to_owned()),
        }
    }

    /// The name without prefix, as the attribute's `triggers = [..]` spells it.
    pub fn short_name(&self) -> &str {
        match self {
            TriggerSource::HostedAuth => "HostedAuth",
            TriggerSource::Authentication => "Authentication",
            TriggerSource::NewPasswordChallenge => "NewPasswordChallenge",
            TriggerSource::AuthenticateDevice => "AuthenticateDevice",
            TriggerSource::RefreshTokens => "RefreshTokens",
            TriggerSource::ClientCredentials => "ClientCredentials",
            TriggerSource::Other(raw) => raw,
        }
    }
}

impl fmt::Display for TriggerSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TriggerSource::Other(raw) => f.write_str(raw),
            known => write!(
                f,
                "{}{}",
                cognito_triggers_rules::TRIGGER_SOURCE_PREFIX,
                known.short_name()
            ),
        }
    }
}

/// A pre token generation event, as the handler sees it. Strings are borrowed from the received
/// event where no escape forces a copy; [`PreTokenGeneration::from_json`] returns one that owns
/// them.
///
/// ```
/// use cognito_triggers::{PreTokenGeneration, TriggerSource};
///
/// let event = PreTokenGeneration::from_json(r#"{
///     "version": "1", "triggerSource": "TokenGeneration_Authentication",
///     "region": "us-east-1", "userPoolId": "us-east-1_EXAMPLE", "userName": "JaneDoe",
///     "callerContext": {"clientId": "1example23456789"},
///     "request": {"userAttributes": {"custom:tenant": "acme"}, "groupConfiguration": null}
/// }"#).unwrap();
/// assert_eq!(event.trigger_source, TriggerSource::Authentication);
/// assert_eq!(event.attribute("custom:tenant"), Some("acme"));
/// assert!(event.groups.groups.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreTokenGeneration<'a> {
    /// The event version (`"1"` → V1_0, `"2"` → V2_0, `"3"` → V3_0, cognito-local's `"0"` → V1_0);
    /// `None` when the event has no `version`.
    pub version: Option<Version>,
    /// Why the trigger runs.
    pub trigger_source: TriggerSource,
    /// The AWS region of the user pool.
    pub region: Cow<'a, str>,
    /// The user pool id.
    pub user_pool_id: Cow<'a, str>,
    /// The user's username (absent for machine-to-machine grants).
    pub user_name: Option<Cow<'a, str>>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext<'a>,
    /// The user's attributes (`request.userAttributes`), in the event's order.
    pub user_attributes: StringMap<'a>,
    /// The user's current groups and roles (`request.groupConfiguration`).
    pub groups: GroupConfiguration<'a>,
    /// Key/value pairs from the caller (`request.clientMetadata`).
    pub client_metadata: StringMap<'a>,
    /// The requested scopes (`request.scopes`, V2_0 and V3_0 events).
    pub scopes: Vec<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    #[serde(default, borrow)]
    user_attributes: StringMap<'a>,
    #[serde(default, borrow, deserialize_with = "group_configuration")]
    group_configuration: GroupConfiguration<'a>,
    #[serde(default, borrow)]
    client_metadata: StringMap<'a>,
    #[serde(default, borrow, deserialize_with = "str_list")]
    scopes: Vec<Cow<'a, str>>,
}

/// The event version as a [`Version`] (`"1"`, `"2"`, `"3"`, cognito-local's `"0"`).
pub(crate) fn event_version(envelope: &Envelope<'_>) -> Result<Option<Version>, TriggerError> {
    match envelope.version.as_deref() {
        None => Ok(None),
        Some(v) => Version::from_event(v).map(Some).ok_or_else(|| {
            TriggerError::invalid_event(format!(
                "unsupported event version `{}` (expected \"1\", \"2\" or \"3\")",
                v.chars().take(16).collect::<String>()
            ))
        }),
    }
}

/// The whole typed event, borrowed from the envelope.
pub(crate) fn decode<'a>(envelope: &Envelope<'a>) -> Result<PreTokenGeneration<'a>, TriggerError> {
    let version = event_version(envelope)?;
    let request: WireRequest<'a> = envelope.request()?;
    Ok(PreTokenGeneration {
        version,
        trigger_source: TriggerSource::from_wire(&envelope.trigger_source),
        region: envelope.text("region")?,
        user_pool_id: envelope.text("userPoolId")?,
        user_name: envelope.optional_text("userName")?,
        caller_context: envelope.caller_context()?,
        user_attributes: request.user_attributes,
        groups: request.group_configuration,
        client_metadata: request.client_metadata,
        scopes: request.scopes,
    })
}

impl PreTokenGeneration<'_> {
    /// Decodes an event from its JSON text.
    pub fn from_json(json: &str) -> Result<PreTokenGeneration<'static>, TriggerError> {
        let event = RawEvent::read(json.as_bytes())?;
        Ok(decode(&Envelope::read(&event)?)?.into_owned())
    }

    /// Decodes an event from a JSON value (the whole event Lambda delivers).
    pub fn from_value(value: &Value) -> Result<PreTokenGeneration<'static>, TriggerError> {
        PreTokenGeneration::from_json(&value.to_string())
    }

    /// The same event, owning its strings.
    pub fn into_owned(self) -> PreTokenGeneration<'static> {
        PreTokenGeneration {
            version: self.version,
            trigger_source: self.trigger_source,
            region: owned(self.region),
            user_pool_id: owned(self.user_pool_id),
            user_name: self.user_name.map(owned),
            caller_context: self.caller_context.into_owned(),
            user_attributes: self.user_attributes.into_owned(),
            groups: self.groups.into_owned(),
            client_metadata: self.client_metadata.into_owned(),
            scopes: self.scopes.into_iter().map(owned).collect(),
        }
    }

    /// An event with nothing but its version and trigger source, for responses that do not
    /// depend on the user.
    pub(crate) fn bare(
        version: Version,
        trigger_source: TriggerSource,
    ) -> PreTokenGeneration<'static> {
        PreTokenGeneration {
            version: Some(version),
            trigger_source,
            region: Cow::Borrowed(""),
            user_pool_id: Cow::Borrowed(""),
            user_name: None,
            caller_context: CallerContext::default(),
            user_attributes: StringMap::default(),
            groups: GroupConfiguration::default(),
            client_metadata: StringMap::default(),
            scopes: Vec::new(),
        }
    }

    /// A user attribute (`request.userAttributes[name]`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes.get(name)
    }

    /// The app client id (`callerContext.clientId`).
    pub fn client_id(&self) -> Option<&str> {
        self.caller_context.client_id.as_deref()
    }

    /// Whether the user belongs to `group`.
    pub fn in_group(&self, group: &str) -> bool {
        self.groups.groups.iter().any(|g| g == group)
    }

    /// The version whose response shape this event needs: its own, or `configured` when the
    /// event does not say.
    pub fn shape_version(&self, configured: Version) -> Version {
        self.version.unwrap_or(configured)
    }
}

pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::{PreTokenGeneration, TriggerSource};
    use crate::Version;

    #[test]
    fn top_level_strings_read_with_and_without_escapes() {
        let read = |version: &str, source: &str| {
            let json =
                format!(r#"{{"version": {version}, "triggerSource": {source}, "request": {{}}}}"#);
            PreTokenGeneration::from_json(&json).map(|e| (e.version, e.trigger_source))
        };
        assert_eq!(
            read(r#""2""#, r#""TokenGeneration_HostedAuth""#).unwrap(),
            (Some(Version::V2_0), TriggerSource::HostedAuth)
        );
        assert_eq!(
            read(r#""\u0031""#, r#""TokenGeneration_Refresh\u0054okens""#).unwrap(),
            (Some(Version::V1_0), TriggerSource::RefreshTokens)
        );
        assert_eq!(read("null", "null").unwrap().0, None);
        assert_eq!(
            read("2", r#""x""#).unwrap_err().message(),
            "at `version`: invalid type: integer, expected a string"
        );
        assert_eq!(
            read(r#""1""#, "[]").unwrap_err().message(),
            "at `triggerSource`: invalid type: sequence, expected a string"
        );
        // Control characters from the event are shown escaped: messages stay one line.
        assert_eq!(
            read(r#""1\n\u0000""#, r#""x""#).unwrap_err().message(),
            r#"unsupported event version `1\n\0` (expected "1", "2" or "3")"#
        );
        let json = r#"{"request": {"userAttributes": {"a\nb\u0007": 1}}}"#;
        assert_eq!(
            PreTokenGeneration::from_json(json).unwrap_err().message(),
            "at `request.userAttributes.a\\nb\\u{7}`: invalid type: integer, expected a string"
        );
    }
}
