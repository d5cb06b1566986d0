//! The pre token generation request, decoded from any event shape Cognito and local emulators
//! send (`null`, `{}` or missing optional parts, the AWS doc errata, unknown trigger sources).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::raw::{Member, RawEvent, Shape};
use crate::error::TriggerError;
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

/// `callerContext`: who asked for the tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallerContext {
    /// The SDK version of the caller.
    #[serde(default, rename = "awsSdkVersion", deserialize_with = "nullish")]
    pub aws_sdk_version: Option<String>,
    /// The app client id (the ID token's `aud`, the access token's `client_id`).
    #[serde(default, deserialize_with = "nullish")]
    pub client_id: Option<String>,
}

/// `request.groupConfiguration`: the user's current groups and IAM roles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupConfiguration {
    /// The groups the user belongs to.
    #[serde(default, rename = "groupsToOverride", deserialize_with = "nullish")]
    pub groups: Vec<String>,
    /// Every IAM role attached to those groups.
    #[serde(default, rename = "iamRolesToOverride", deserialize_with = "nullish")]
    pub iam_roles: Vec<String>,
    /// The role of the highest-precedence group.
    #[serde(default, deserialize_with = "string_or_first")]
    pub preferred_role: Option<String>,
}

/// A pre token generation event, as the handler sees it.
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
pub struct PreTokenGeneration {
    /// The event version (`"1"` → V1_0, `"2"` → V2_0, `"3"` → V3_0, cognito-local's `"0"` → V1_0);
    /// `None` when the event has no `version`.
    pub version: Option<Version>,
    /// Why the trigger runs.
    pub trigger_source: TriggerSource,
    /// The AWS region of the user pool.
    pub region: String,
    /// The user pool id.
    pub user_pool_id: String,
    /// The user's username (absent for machine-to-machine grants).
    pub user_name: Option<String>,
    /// The caller: app client id and SDK version.
    pub caller_context: CallerContext,
    /// The user's attributes (`request.userAttributes`).
    pub user_attributes: BTreeMap<String, String>,
    /// The user's current groups and roles (`request.groupConfiguration`).
    pub groups: GroupConfiguration,
    /// Key/value pairs from the caller (`request.clientMetadata`).
    pub client_metadata: BTreeMap<String, String>,
    /// The requested scopes (`request.scopes`, V2_0 and V3_0 events).
    pub scopes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest {
    #[serde(default, deserialize_with = "nullish")]
    user_attributes: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "group_configuration")]
    group_configuration: GroupConfiguration,
    #[serde(default, deserialize_with = "nullish")]
    client_metadata: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "nullish")]
    scopes: Vec<String>,
}

/// The top level of an event, read from its raw members without decoding `request`: what
/// every invocation needs. [`Envelope::decode`] reads the rest when the handler needs it.
pub(crate) struct Envelope<'a> {
    pub(crate) version: Option<Version>,
    pub(crate) trigger_source: TriggerSource,
    event: &'a RawEvent,
    members: &'a [Member],
    request: &'a str,
}

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
    TriggerError::invalid_event(format!("at `{path}`: {message}"))
}

/// Decodes `T` from `text`; on failure decodes again, tracking the path, for the message.
fn decode_at<'a, T: Deserialize<'a>>(text: &'a str, prefix: &str) -> Result<T, TriggerError> {
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

/// A top-level string member (`version`, `triggerSource`): a string or `null`. The member is
/// its own path, so there is nothing to track. The raw value is valid JSON already: a string
/// token without escapes is its own text between the quotes.
fn top_level_str<'a>(text: &'a str, key: &str) -> Result<Option<Cow<'a, str>>, TriggerError> {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => Ok(Some(Cow::Borrowed(plain))),
        _ => serde_json::from_str::<Option<String>>(text)
            .map(|s| s.map(Cow::Owned))
            .map_err(|e| decode_error(key, &e)),
    }
}

impl<'a> Envelope<'a> {
    pub(crate) fn read(event: &'a RawEvent) -> Result<Envelope<'a>, TriggerError> {
        let members = match &event.shape {
            Shape::Object(members) => members,
            Shape::Other(kind) => {
                return Err(TriggerError::invalid_event(format!(
                    "the event must be a JSON object, got {kind}"
                )))
            }
        };
        let (mut version, mut trigger_source, mut request) = (None, None, None);
        let mut seen = [false; 4];
        for member in members {
            let key = &member.key;
            let raw = event.value(member);
            let slot = match key.as_str() {
                "version" => 0,
                "triggerSource" => 1,
                "request" => 2,
                "response" => 3,
                _ => continue,
            };
            if std::mem::replace(&mut seen[slot], true) {
                return Err(TriggerError::invalid_event(format!(
                    "duplicate field `{}`",
                    key.as_str()
                )));
            }
            match slot {
                0 => version = top_level_str(raw, "version")?,
                1 => trigger_source = top_level_str(raw, "triggerSource")?,
                2 => request = Some(raw),
                _ => {}
            }
        }
        let request = match request {
            Some(raw) if raw.starts_with('{') => raw,
            Some(raw) if raw != "null" => {
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
        let version = match version.as_deref() {
            None => None,
            Some(v) => Some(Version::from_event(v).ok_or_else(|| {
                TriggerError::invalid_event(format!(
                    "unsupported event version `{}` (expected \"1\", \"2\" or \"3\")",
                    v.chars().take(16).collect::<String>()
                ))
            })?),
        };
        let trigger_source = trigger_source.as_deref().map_or(
            TriggerSource::Other(String::new()),
            TriggerSource::from_wire,
        );
        Ok(Envelope {
            version,
            trigger_source,
            event,
            members,
            request,
        })
    }

    /// One top-level member, decoded; absent reads as the default.
    fn member<T: Deserialize<'a> + Default>(&self, key: &str) -> Result<T, TriggerError> {
        match self.members.iter().find(|m| m.key.as_str() == key) {
            Some(m) => Ok(decode_at::<Option<T>>(self.event.value(m), key)?.unwrap_or_default()),
            None => Ok(T::default()),
        }
    }

    /// The whole typed event.
    pub(crate) fn decode(&self) -> Result<PreTokenGeneration, TriggerError> {
        let request: WireRequest = decode_at(self.request, "request.")?;
        Ok(PreTokenGeneration {
            version: self.version,
            trigger_source: self.trigger_source.clone(),
            region: self.member::<Option<String>>("region")?.unwrap_or_default(),
            user_pool_id: self
                .member::<Option<String>>("userPoolId")?
                .unwrap_or_default(),
            user_name: self.member("userName")?,
            caller_context: self.member("callerContext")?,
            user_attributes: request.user_attributes,
            groups: request.group_configuration,
            client_metadata: request.client_metadata,
            scopes: request.scopes,
        })
    }
}

impl PreTokenGeneration {
    /// Decodes an event from its JSON text.
    pub fn from_json(json: &str) -> Result<PreTokenGeneration, TriggerError> {
        let event = RawEvent::from_slice(json.as_bytes()).map_err(|e| decode_error("", &e))?;
        Envelope::read(&event)?.decode()
    }

    /// Decodes an event from a JSON value (the whole event Lambda delivers).
    pub fn from_value(value: &Value) -> Result<PreTokenGeneration, TriggerError> {
        PreTokenGeneration::from_json(&value.to_string())
    }

    /// An event with nothing but its version and trigger source, for responses that do not
    /// depend on the user.
    pub(crate) fn bare(version: Version, trigger_source: TriggerSource) -> PreTokenGeneration {
        PreTokenGeneration {
            version: Some(version),
            trigger_source,
            region: String::new(),
            user_pool_id: String::new(),
            user_name: None,
            caller_context: CallerContext::default(),
            user_attributes: BTreeMap::new(),
            groups: GroupConfiguration::default(),
            client_metadata: BTreeMap::new(),
            scopes: Vec::new(),
        }
    }

    /// A user attribute (`request.userAttributes[name]`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes.get(name).map(String::as_str)
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

/// `null` (or absent) reads as the default.
fn nullish<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `groupConfiguration`: `null`, an object, or (a 2023 doc erratum) an array holding one object.
fn group_configuration<'de, D>(deserializer: D) -> Result<GroupConfiguration, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Option::<Value>::deserialize(deserializer)?;
    match value {
        None | Some(Value::Null) => Ok(GroupConfiguration::default()),
        Some(object @ Value::Object(_)) => {
            GroupConfiguration::deserialize(object).map_err(de::Error::custom)
        }
        Some(Value::Array(mut list)) if list.len() <= 1 => match list.pop() {
            None => Ok(GroupConfiguration::default()),
            Some(object) => GroupConfiguration::deserialize(object).map_err(de::Error::custom),
        },
        Some(Value::Array(_)) => Err(de::Error::custom(
            "expected one group configuration, got several",
        )),
        Some(other) => Err(de::Error::custom(format!(
            "expected an object, got {}",
            json_kind(&other)
        ))),
    }
}

/// `preferredRole`: a string, `null`, or (an AWS doc erratum) an array of at most one string.
fn string_or_first<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    struct StringOrFirst;

    impl<'de> Visitor<'de> for StringOrFirst {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, null or an array of one string")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(StringOrFirst)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let first: Option<String> = seq.next_element()?;
            if seq.next_element::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom("expected at most one preferred role"));
            }
            Ok(first)
        }
    }

    deserializer.deserialize_any(StringOrFirst)
}

#[cfg(test)]
mod tests {
    use super::{without_values, PreTokenGeneration, TriggerSource};
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
}
