//! The `response` of pre token generation as typed structs: each wire name is spelled once,
//! here. The writer serializes them; the simulator deserializes them; both check them with
//! [`Response::check`], the one rule sequence of a response.

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer};
use serde::Serialize;
use serde_json::{Map, Value};

use cognito_triggers_rules::{self as rules, Token, Version, Violation};

use super::response::value_kind;
use crate::engine::decode::nullish;

/// `response`: one of the two shapes, by event version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Response {
    /// V1 events.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "object")]
    pub(crate) claims_override_details: Option<V1Details>,
    /// V2 and V3 events.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "object")]
    pub(crate) claims_and_scope_override_details: Option<V2Details>,
}

/// `claimsOverrideDetails`: the ID token's claims and the groups.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct V1Details {
    #[serde(flatten)]
    pub(crate) id: TokenGeneration,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub(crate) group_override_details: Option<Option<GroupOverride>>,
}

/// `claimsAndScopeOverrideDetails`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct V2Details {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "object")]
    pub(crate) id_token_generation: Option<TokenGeneration>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "object")]
    pub(crate) access_token_generation: Option<AccessTokenGeneration>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub(crate) group_override_details: Option<Option<GroupOverride>>,
}

/// `idTokenGeneration`, and the claims of V1's details and of `accessTokenGeneration`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct TokenGeneration {
    #[serde(skip_serializing_if = "Map::is_empty", deserialize_with = "nullish")]
    pub(crate) claims_to_add_or_override: Map<String, Value>,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "nullish")]
    pub(crate) claims_to_suppress: Vec<String>,
}

/// `accessTokenGeneration`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct AccessTokenGeneration {
    #[serde(flatten)]
    pub(crate) claims: TokenGeneration,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "nullish")]
    pub(crate) scopes_to_add: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "nullish")]
    pub(crate) scopes_to_suppress: Vec<String>,
}

/// `groupOverrideDetails`: the user's groups and roles as the tokens will carry them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct GroupOverride {
    #[serde(deserialize_with = "nullish")]
    pub(crate) groups_to_override: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) iam_roles_to_override: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) preferred_role: Option<String>,
}

/// An object, or `null`/`{}`/`[]`-like emptiness read as absent.
fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) if items.is_empty() => Ok(None),
        Some(Value::Object(map)) if map.is_empty() => Ok(None),
        Some(value) => T::deserialize(value)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

/// Present (even as `null` or empty: Cognito then removes the groups) or absent.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    object(deserializer).map(Some)
}

/// Where a broken rule is, for messages: `ID token`, `groups`, `scopes`, ...
pub(crate) type Place = &'static str;

impl TokenGeneration {
    /// The claims one token gets and loses, checked for `token` under `version`.
    fn check(
        &self,
        version: Version,
        token: Token,
        client_id: Option<&str>,
    ) -> Result<(), (Place, Violation)> {
        let place = token.describe();
        for (name, value) in &self.claims_to_add_or_override {
            rules::check_claim_add(token, name).map_err(|v| (place, v))?;
            if token == Token::Access && name == "aud" {
                rules::check_access_aud(value.as_str(), client_id).map_err(|v| (place, v))?;
            }
            rules::check_claim_value(version, token, name, value_kind(value))
                .map_err(|v| (place, v))?;
        }
        for name in &self.claims_to_suppress {
            rules::check_claim_suppress(name).map_err(|v| (place, v))?;
        }
        Ok(())
    }
}

impl GroupOverride {
    /// Group names (except the user's own `current` ones, which Cognito gave them) and role
    /// ARNs. (Cognito's own V2 sample has a preferred role outside the roles, so that is not a
    /// rule of the response; the writer refuses it for the roles a handler sets.)
    fn check(&self, current: &[Cow<'_, str>]) -> Result<(), (Place, Violation)> {
        for group in self
            .groups_to_override
            .iter()
            .filter(|g| !current.iter().any(|c| c == g.as_str()))
        {
            rules::check_group_name(group).map_err(|v| ("groups", v))?;
        }
        for role in self.iam_roles_to_override.iter().flatten() {
            rules::check_role_arn(role).map_err(|v| ("iam_roles", v))?;
        }
        if let Some(role) = &self.preferred_role {
            rules::check_role_arn(role).map_err(|v| ("preferred_role", v))?;
        }
        Ok(())
    }
}

/// The parts of a response, whichever its shape.
pub(crate) struct Parts<'r> {
    /// The ID token's claims added and suppressed.
    pub(crate) id: Option<&'r TokenGeneration>,
    pub(crate) access: Option<&'r AccessTokenGeneration>,
    /// `Some(None)`: `groupOverrideDetails` is `null` (Cognito removes the groups).
    pub(crate) groups: Option<Option<&'r GroupOverride>>,
}

impl Response {
    /// The parts Cognito reads from a response to an event of `version`: V1 events read
    /// `claimsOverrideDetails`, V2/V3 events `claimsAndScopeOverrideDetails`; the other shape
    /// is an error (Cognito would ignore it).
    pub(crate) fn parts(&self, version: Version) -> Result<Parts<'_>, Violation> {
        let v2 = version.customizes_access_token();
        let (ignored, key) = if v2 {
            (
                self.claims_override_details.is_some(),
                "claimsAndScopeOverrideDetails",
            )
        } else {
            (
                self.claims_and_scope_override_details.is_some(),
                "claimsOverrideDetails",
            )
        };
        if ignored {
            let other = if v2 {
                "claimsOverrideDetails"
            } else {
                "claimsAndScopeOverrideDetails"
            };
            return Err(Violation::new(format!(
                "a version {} event is answered with `{key}`, but the response has `{other}`, which Cognito ignores",
                version.event_version()
            )));
        }
        Ok(
            match (
                &self.claims_override_details,
                &self.claims_and_scope_override_details,
            ) {
                (Some(v1), _) if !v2 => Parts {
                    id: Some(&v1.id),
                    access: None,
                    groups: v1.group_override_details.as_ref().map(Option::as_ref),
                },
                (_, Some(details)) if v2 => Parts {
                    id: details.id_token_generation.as_ref(),
                    access: details.access_token_generation.as_ref(),
                    groups: details.group_override_details.as_ref().map(Option::as_ref),
                },
                _ => Parts {
                    id: None,
                    access: None,
                    groups: None,
                },
            },
        )
    }

    /// The rule sequence of a response, applied by the writer to what it wrote and by the
    /// simulator to what it reads: claims added (reserved names, `cognito:`, `dev:`, value
    /// types of the version, the access token's `aud`), claims suppressed, scopes, groups and
    /// roles.
    pub(crate) fn check(
        &self,
        version: Version,
        client_id: Option<&str>,
        current_groups: &[Cow<'_, str>],
    ) -> Result<(), (Place, Violation)> {
        let parts = self.parts(version).map_err(|v| ("response", v))?;
        if let Some(id) = parts.id {
            id.check(version, Token::Id, client_id)?;
        }
        if let Some(access) = parts.access {
            access.claims.check(version, Token::Access, client_id)?;
            for scope in access
                .scopes_to_add
                .iter()
                .chain(&access.scopes_to_suppress)
            {
                rules::check_scope(scope).map_err(|v| ("scopes", v))?;
            }
        }
        if let Some(Some(groups)) = parts.groups {
            groups.check(current_groups)?;
        }
        Ok(())
    }
}
