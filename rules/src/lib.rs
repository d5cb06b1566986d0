//! Amazon Cognito's pre token generation rules, as one table.
//!
//! The `#[pre_token_generation]` macro checks static overrides with these functions at compile
//! time; the `cognito-triggers` runtime checks dynamic overrides and the simulator checks any
//! response with the very same functions at run time. Nothing else in the project decides what
//! a trigger may write.
//!
//! Sources: the Cognito developer guide, "Pre token generation Lambda trigger", claims and
//! scopes reference. Where Cognito does not document a behaviour, the rule fails closed.

#![forbid(unsafe_code)]

use std::fmt;

/// The pool's `LambdaVersion` for the pre token generation trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(non_camel_case_types)]
pub enum Version {
    /// ID token claims and group overrides (Amplify `defineAuth` default).
    V1_0,
    /// V1 plus access token claims, scopes and non-string claim values.
    V2_0,
    /// V2 plus machine-to-machine (client credentials) access tokens.
    V3_0,
}

impl Version {
    /// Every version, in order.
    pub const ALL: [Version; 3] = [Version::V1_0, Version::V2_0, Version::V3_0];

    /// Parses the configuration name (`"V1_0"`, `"V2_0"`, `"V3_0"`).
    pub fn from_config(name: &str) -> Option<Version> {
        Version::ALL.into_iter().find(|v| v.config_name() == name)
    }

    /// The configuration name, as in `LambdaVersion`.
    pub fn config_name(self) -> &'static str {
        match self {
            Version::V1_0 => "V1_0",
            Version::V2_0 => "V2_0",
            Version::V3_0 => "V3_0",
        }
    }

    /// The event's `version` field Cognito sends for this configuration.
    pub fn event_version(self) -> &'static str {
        match self {
            Version::V1_0 => "1",
            Version::V2_0 => "2",
            Version::V3_0 => "3",
        }
    }

    /// Parses an event's `version` field. `"0"` is what cognito-local sends (a V1 emulator).
    pub fn from_event(version: &str) -> Option<Version> {
        match version {
            "0" | "1" => Some(Version::V1_0),
            "2" => Some(Version::V2_0),
            "3" => Some(Version::V3_0),
            _ => None,
        }
    }

    /// Whether the access token (claims and scopes) can be customized.
    pub fn customizes_access_token(self) -> bool {
        self != Version::V1_0
    }

    /// Whether claim values other than strings are accepted.
    pub fn accepts_complex_values(self) -> bool {
        self != Version::V1_0
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.config_name())
    }
}

/// Which token a claim goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// The ID token.
    Id,
    /// The access token.
    Access,
}

impl Token {
    /// `"ID token"` / `"access token"`, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Token::Id => "ID token",
            Token::Access => "access token",
        }
    }
}

/// The JSON kind of a claim value, as far as the rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
    /// An array; `scalars_only` is false when an element is an array, object or null.
    Array {
        /// Every element is a string, number or boolean.
        scalars_only: bool,
    },
    /// A JSON object.
    Object,
}

impl ValueKind {
    fn describe(self) -> &'static str {
        match self {
            ValueKind::String => "a string",
            ValueKind::Number => "a number",
            ValueKind::Bool => "a boolean",
            ValueKind::Null => "null",
            ValueKind::Array { .. } => "an array",
            ValueKind::Object => "an object",
        }
    }
}

/// A broken rule: what Cognito does or forbids, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// What is wrong, in Cognito's terms.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
}

impl Violation {
    /// A broken rule without a hint.
    pub fn new(message: impl Into<String>) -> Self {
        Violation {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}

/// A claim Cognito generates itself and never lets a trigger add, change or remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReservedClaim {
    /// The claim name.
    pub name: &'static str,
}

/// Claims no trigger may add, override or suppress (claims and scopes reference, rows marked
/// "No"). `c_hash` is not in Cognito's table; it is an OIDC-generated claim, so it is reserved
/// here to fail closed.
pub const RESERVED_CLAIMS: &[ReservedClaim] = &[
    ReservedClaim { name: "acr" },
    ReservedClaim { name: "amr" },
    ReservedClaim { name: "at_hash" },
    ReservedClaim { name: "aud" },
    ReservedClaim { name: "auth_time" },
    ReservedClaim { name: "azp" },
    ReservedClaim { name: "c_hash" },
    ReservedClaim { name: "client_id" },
    ReservedClaim {
        name: "cognito:username",
    },
    ReservedClaim { name: "device_key" },
    ReservedClaim { name: "event_id" },
    ReservedClaim { name: "exp" },
    ReservedClaim { name: "iat" },
    ReservedClaim { name: "identities" },
    ReservedClaim { name: "iss" },
    ReservedClaim { name: "jti" },
    ReservedClaim { name: "nbf" },
    ReservedClaim { name: "nonce" },
    ReservedClaim { name: "origin_jti" },
    ReservedClaim { name: "sub" },
    ReservedClaim { name: "token_use" },
    ReservedClaim { name: "username" },
    ReservedClaim { name: "version" },
];

/// The group claims, writable only through `groupOverrideDetails`.
pub const GROUP_CLAIMS: [&str; 3] = ["cognito:groups", "cognito:roles", "cognito:preferred_role"];

/// ID token claims that must not hold an array or object (Cognito's note on complex values).
pub const SIMPLE_ONLY_ID_CLAIMS: [&str; 4] = [
    "email_verified",
    "phone_number_verified",
    "updated_at",
    "address",
];

/// Trigger source names without their `TokenGeneration_` prefix.
pub const TRIGGER_SOURCES: [&str; 6] = [
    "HostedAuth",
    "Authentication",
    "NewPasswordChallenge",
    "AuthenticateDevice",
    "RefreshTokens",
    "ClientCredentials",
];

/// The prefix Cognito puts before every pre token generation trigger source.
pub const TRIGGER_SOURCE_PREFIX: &str = "TokenGeneration_";

/// Longest group name Cognito accepts.
pub const MAX_GROUP_NAME_LEN: usize = 128;

/// The reserved-claim row for `name`, if any.
pub fn reserved_claim(name: &str) -> Option<&'static ReservedClaim> {
    RESERVED_CLAIMS.iter().find(|c| c.name == name)
}

fn check_name(name: &str) -> Result<(), Violation> {
    if name.is_empty() {
        return Err(Violation::new("a claim name cannot be empty"));
    }
    Ok(())
}

fn reserved(name: &str, action: &str) -> Violation {
    Violation::new(format!(
        "`{name}` is generated by Cognito and cannot be {action} by a trigger"
    ))
}

/// Checks that `name` may be added to or overridden in `token`.
///
/// `aud` in the access token is allowed by Cognito only with the app client id as its value;
/// callers that know the value check it with [`check_access_aud`].
pub fn check_claim_add(token: Token, name: &str) -> Result<(), Violation> {
    check_name(name)?;
    if name == "scope" {
        return Err(Violation::new(
            "`scope` cannot be written as a claim: Cognito builds it from the scopes",
        )
        .hint("use `access_token(scopes(add = [..]))` (version V2_0 or V3_0)"));
    }
    if token == Token::Access && name == "aud" {
        return Ok(());
    }
    if GROUP_CLAIMS.contains(&name) {
        return Err(Violation::new(format!(
            "`{name}` cannot be written as a claim: Cognito takes group claims from `groupOverrideDetails`"
        ))
        .hint(match name {
            "cognito:groups" => "use `groups = [..]` or `groups(add = [..], remove = [..])`",
            "cognito:roles" => "use `iam_roles = [..]`",
            _ => "use `preferred_role = \"arn:..\"`",
        }));
    }
    if reserved_claim(name).is_some() {
        return Err(reserved(name, "added or overridden"));
    }
    if name.starts_with("cognito:") {
        return Err(Violation::new(format!(
            "`{name}`: claims with the `cognito:` prefix cannot be added or overridden by a trigger"
        )));
    }
    if name.starts_with("dev:") {
        return Err(Violation::new(format!(
            "`{name}`: `dev:` attributes can only be suppressed, never added or overridden"
        )));
    }
    Ok(())
}

/// Checks an `aud` claim in the access token: Cognito accepts it only when it equals the app
/// client id of the session.
pub fn check_access_aud(value: Option<&str>, client_id: Option<&str>) -> Result<(), Violation> {
    match (value, client_id) {
        (Some(v), Some(c)) if v == c => Ok(()),
        _ => Err(Violation::new(
            "`aud` in the access token must be the app client id of the session",
        )
        .hint("set it from `event.client_id()` in the handler body")),
    }
}

/// Checks that `name` may be suppressed from `token`.
/// The rules are the same for both tokens.
pub fn check_claim_suppress(name: &str) -> Result<(), Violation> {
    check_name(name)?;
    if name == "scope" {
        return Err(Violation::new(
            "`scope` cannot be suppressed as a claim: Cognito builds it from the scopes",
        )
        .hint("use `access_token(scopes(suppress = [..]))` (version V2_0 or V3_0)"));
    }
    if name == "cognito:groups" || name.starts_with("dev:") {
        return Ok(());
    }
    if name == "cognito:roles" || name == "cognito:preferred_role" {
        return Err(Violation::new(format!(
            "`{name}` cannot be suppressed on its own"
        ))
        .hint("suppress `cognito:groups`, which also removes `cognito:roles` and `cognito:preferred_role`"));
    }
    if reserved_claim(name).is_some() {
        return Err(reserved(name, "suppressed"));
    }
    if name.starts_with("cognito:") {
        return Err(Violation::new(format!(
            "`{name}`: claims with the `cognito:` prefix cannot be suppressed (only `cognito:groups` can)"
        )));
    }
    Ok(())
}

/// Checks that a value of `kind` may be written to claim `name` of `token` under `version`.
pub fn check_claim_value(
    version: Version,
    token: Token,
    name: &str,
    kind: ValueKind,
) -> Result<(), Violation> {
    if kind == ValueKind::Null {
        return Err(Violation::new(format!(
            "claim `{name}`: null is not a claim value Cognito accepts"
        ))
        .hint("suppress the claim instead"));
    }
    if !version.accepts_complex_values() && kind != ValueKind::String {
        return Err(Violation::new(format!(
            "claim `{name}` is {}, but version V1_0 events only carry string claim values",
            kind.describe()
        ))
        .hint("write it as a string, or set `version = \"V2_0\"` and the pool's LambdaVersion to V2_0"));
    }
    if let ValueKind::Array {
        scalars_only: false,
    } = kind
    {
        return Err(Violation::new(format!(
            "claim `{name}`: an array claim may hold only strings, numbers and booleans"
        )));
    }
    if token == Token::Id
        && SIMPLE_ONLY_ID_CLAIMS.contains(&name)
        && matches!(kind, ValueKind::Array { .. } | ValueKind::Object)
    {
        return Err(Violation::new(format!(
            "`{name}` in the ID token cannot hold {}: Cognito rejects complex values for it",
            kind.describe()
        )));
    }
    Ok(())
}

/// Checks that `token` can be customized under `version`.
pub fn check_token_customizable(version: Version, token: Token) -> Result<(), Violation> {
    if token == Token::Access && !version.customizes_access_token() {
        return Err(Violation::new(
            "version V1_0 events cannot customize the access token (only its groups)",
        )
        .hint("set `version = \"V2_0\"` and the pool's LambdaVersion to V2_0"));
    }
    Ok(())
}

/// Checks a group name: 1 to 128 characters, no whitespace.
pub fn check_group_name(name: &str) -> Result<(), Violation> {
    if name.is_empty() {
        return Err(Violation::new("a group name cannot be empty"));
    }
    if name.chars().count() > MAX_GROUP_NAME_LEN {
        return Err(Violation::new(format!(
            "a group name can have at most {MAX_GROUP_NAME_LEN} characters"
        )));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(Violation::new(format!(
            "group name `{name}` contains whitespace, which Cognito group names cannot"
        )));
    }
    Ok(())
}

/// Checks a scope for `scopesToAdd`/`scopesToSuppress`: not empty, no whitespace.
pub fn check_scope(scope: &str) -> Result<(), Violation> {
    if scope.is_empty() {
        return Err(Violation::new("a scope cannot be empty"));
    }
    if scope.chars().any(char::is_whitespace) {
        return Err(Violation::new(format!(
            "scope `{scope}` contains whitespace: Cognito cannot add scopes with blank spaces"
        )));
    }
    Ok(())
}

/// Checks an IAM role ARN: `arn:<partition>:iam::<12-digit account>:role/<path and name>`.
pub fn check_role_arn(arn: &str) -> Result<(), Violation> {
    let bad = || {
        Violation::new(format!("`{arn}` is not an IAM role ARN"))
            .hint("expected `arn:aws:iam::123456789012:role/name`")
    };
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(bad());
    };
    let partition_ok = partition == "aws" || partition.starts_with("aws-");
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    let name_ok = resource
        .strip_prefix("role/")
        .and_then(|path| path.rsplit('/').next())
        .is_some_and(|name| {
            !name.is_empty()
                && name.len() <= 64
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
        });
    if partition_ok && account_ok && name_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Checks that the preferred role is one of the IAM roles of the same group override.
pub fn check_preferred_role(role: &str, roles: &[String]) -> Result<(), Violation> {
    if roles.iter().any(|r| r == role) {
        Ok(())
    } else {
        Err(Violation::new(
            "the preferred role must be one of the IAM roles",
        ))
    }
}

/// Checks a pre token generation trigger source name given without its `TokenGeneration_`
/// prefix.
pub fn check_trigger_name(name: &str) -> Result<(), Violation> {
    check_source_name(name, TRIGGER_SOURCE_PREFIX, &TRIGGER_SOURCES)
}

/// Checks a trigger source name given without its `prefix` (`PreSignUp_`) against the
/// trigger's `sources`.
pub fn check_source_name(name: &str, prefix: &str, sources: &[&str]) -> Result<(), Violation> {
    if sources.contains(&name) {
        return Ok(());
    }
    let hint = match name.strip_prefix(prefix) {
        Some(short) if sources.contains(&short) => format!("write `{short}`"),
        _ => format!("expected one of {}", sources.join(", ")),
    };
    Err(Violation::new(format!("unknown trigger source `{name}`")).hint(hint))
}

/// Whether the `response` of pre token generation depends on the event, so that it must be
/// written per event rather than once: a claim copied from a user attribute, an access token
/// `aud` (compared with the session's client id), a group edit (it starts from the user's
/// groups), or IAM roles set without groups (the user's groups are carried over). The macro
/// (whether to link the event reader) and the runtime (whether a response can be cached)
/// both decide with this one function.
pub fn response_reads_event(
    claims_from_attributes: bool,
    mut access_claim_names: impl Iterator<Item = impl AsRef<str>>,
    group_edit: bool,
    roles_with_kept_groups: bool,
) -> bool {
    claims_from_attributes
        || access_claim_names.any(|name| name.as_ref() == "aud")
        || group_edit
        || roles_with_kept_groups
}

/// The closest of `candidates` to a misspelt `input`, within a small edit distance: the
/// "did you mean" of every compile error about a name.
pub fn did_you_mean<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (distance(input, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1) + usize::from(input.len() > 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

pub mod custom_auth;
pub mod custom_message;
pub mod lifecycle;
pub mod migration;
pub mod pre_sign_up;
pub mod senders;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reserved_claim_is_refused_in_both_tokens() {
        for claim in RESERVED_CLAIMS {
            for token in [Token::Id, Token::Access] {
                let add = check_claim_add(token, claim.name);
                if token == Token::Access && claim.name == "aud" {
                    assert!(add.is_ok());
                } else {
                    assert!(add.is_err(), "{} added to {token:?}", claim.name);
                }
                assert!(check_claim_suppress(claim.name).is_err());
            }
        }
    }

    #[test]
    fn cognito_prefix_rules() {
        assert!(check_claim_add(Token::Id, "cognito:groups")
            .unwrap_err()
            .hint
            .unwrap()
            .contains("groups = [..]"));
        assert!(check_claim_add(Token::Id, "cognito:anything").is_err());
        assert!(check_claim_suppress("cognito:groups").is_ok());
        assert!(check_claim_suppress("cognito:roles").is_err());
        assert!(check_claim_suppress("cognito:user_status").is_err());
    }

    #[test]
    fn dev_claims_are_suppress_only() {
        assert!(check_claim_add(Token::Id, "dev:x").is_err());
        assert!(check_claim_suppress("dev:x").is_ok());
    }

    #[test]
    fn ordinary_claims_pass() {
        for name in ["email", "custom:tenant", "family_name", "amplfy_attribute"] {
            assert!(check_claim_add(Token::Id, name).is_ok());
            assert!(check_claim_suppress(name).is_ok());
        }
        assert!(check_claim_add(Token::Id, "").is_err());
    }

    #[test]
    fn value_rules() {
        use ValueKind::*;
        assert!(check_claim_value(Version::V1_0, Token::Id, "a", String).is_ok());
        assert!(check_claim_value(Version::V1_0, Token::Id, "a", Number).is_err());
        assert!(check_claim_value(Version::V2_0, Token::Id, "a", Number).is_ok());
        assert!(check_claim_value(Version::V2_0, Token::Id, "a", Null).is_err());
        assert!(check_claim_value(Version::V2_0, Token::Id, "address", Object).is_err());
        assert!(check_claim_value(Version::V2_0, Token::Access, "address", Object).is_ok());
        assert!(check_claim_value(Version::V2_0, Token::Id, "email_verified", Bool).is_ok());
        let nested = Array {
            scalars_only: false,
        };
        assert!(check_claim_value(Version::V3_0, Token::Access, "a", nested).is_err());
    }

    #[test]
    fn names_and_arns() {
        assert!(check_group_name("amplify_group_1").is_ok());
        assert!(check_group_name("").is_err());
        assert!(check_group_name("a b").is_err());
        assert!(check_group_name(&"x".repeat(129)).is_err());
        assert!(check_group_name(&"x".repeat(128)).is_ok());
        assert!(check_scope("solar-system-data/asteroids.read").is_ok());
        assert!(check_scope("a b").is_err());
        assert!(check_role_arn("arn:aws:iam::123456789012:role/sns_caller1").is_ok());
        assert!(check_role_arn("arn:aws-cn:iam::123456789012:role/path/to/r").is_ok());
        assert!(check_role_arn("arn:aws:iam::12345:role/x").is_err());
        assert!(check_role_arn("arn:aws:iam::123456789012:user/x").is_err());
        assert!(check_role_arn("arn:aws:s3:::bucket").is_err());
        assert!(check_trigger_name("RefreshTokens").is_ok());
        let err = check_trigger_name("TokenGeneration_RefreshTokens").unwrap_err();
        assert_eq!(err.hint.as_deref(), Some("write `RefreshTokens`"));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(
            did_you_mean("usrname", &["username", "email"]),
            Some("username")
        );
    }

    #[test]
    fn versions() {
        assert_eq!(Version::from_event("0"), Some(Version::V1_0));
        assert_eq!(Version::from_event("3"), Some(Version::V3_0));
        assert_eq!(Version::from_event("4"), None);
        assert_eq!(Version::from_config("V2_0"), Some(Version::V2_0));
        assert!(check_token_customizable(Version::V1_0, Token::Access).is_err());
    }
}
