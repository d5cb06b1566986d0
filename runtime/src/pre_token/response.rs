//! Turns [`Overrides`] into the `response` Cognito reads, in the shape of the event received,
//! after checking every write against the rule table.

use serde_json::{Map, Value};

use cognito_triggers_rules::{self as rules, Token, ValueKind, Version, Violation};

use super::event::{PreTokenGeneration, TriggerSource};
use super::overrides::{push_unique, ClaimSource, GroupsChange, Overrides, TokenChanges};
use crate::engine::error::TriggerError;

/// What was left out because the event cannot carry it (a V2_0 handler on a V1 event, or a
/// machine-to-machine event without an ID token).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Access-token changes left out because the event is a V1 event.
    pub access_token_on_v1: bool,
    /// Non-string ID claims left out because the event is a V1 event.
    pub complex_values_on_v1: Vec<String>,
    /// ID-token and group changes left out because the event is a client credentials grant.
    pub id_token_on_m2m: bool,
}

impl Skipped {
    /// Whether anything was left out.
    pub fn is_empty(&self) -> bool {
        *self == Skipped::default()
    }
}

/// Classifies a JSON value for the rule table.
pub fn value_kind(value: &Value) -> ValueKind {
    match value {
        Value::Null => ValueKind::Null,
        Value::Bool(_) => ValueKind::Bool,
        Value::Number(_) => ValueKind::Number,
        Value::String(_) => ValueKind::String,
        Value::Array(items) => ValueKind::Array {
            scalars_only: items
                .iter()
                .all(|v| matches!(v, Value::Bool(_) | Value::Number(_) | Value::String(_))),
        },
        Value::Object(_) => ValueKind::Object,
    }
}

fn violation(what: &str, v: Violation) -> TriggerError {
    TriggerError::rule(format!("{what}: {v}"))
}

/// Builds the `response` object for `event` from `overrides`.
///
/// The response carries only what was asked: no `groupOverrideDetails` unless groups or roles
/// were configured, no `null`s, no empty lists. Every write is checked with the rules of the
/// event's version; a forbidden write is an error, never a silently altered token.
pub fn build_response(
    configured: Version,
    event: &PreTokenGeneration,
    overrides: &Overrides,
) -> Result<(Value, Skipped), TriggerError> {
    let shape = event.shape_version(configured);
    let m2m = event.trigger_source == TriggerSource::ClientCredentials;
    let mut skipped = Skipped::default();

    let mut id = Map::new();
    let mut groups = None;
    if m2m {
        skipped.id_token_on_m2m = !overrides.id.is_empty()
            || overrides.groups != GroupsChange::Keep
            || overrides.iam_roles.is_some()
            || overrides.preferred_role.is_some();
    } else {
        id = token_generation(
            configured,
            shape,
            Token::Id,
            &overrides.id,
            event,
            &mut skipped,
        )?;
        groups = group_override(event, overrides)?;
    }

    let mut access = Map::new();
    if !overrides.access.is_empty()
        || !overrides.scopes_add.is_empty()
        || !overrides.scopes_suppress.is_empty()
    {
        if shape.customizes_access_token() {
            access = token_generation(
                configured,
                shape,
                Token::Access,
                &overrides.access,
                event,
                &mut skipped,
            )?;
            insert_list(
                &mut access,
                "scopesToAdd",
                checked_scopes(&overrides.scopes_add)?,
            );
            insert_list(
                &mut access,
                "scopesToSuppress",
                checked_scopes(&overrides.scopes_suppress)?,
            );
        } else {
            skipped.access_token_on_v1 = true;
        }
    }

    let mut details = Map::new();
    let key = if shape.customizes_access_token() {
        insert_object(&mut details, "idTokenGeneration", id);
        insert_object(&mut details, "accessTokenGeneration", access);
        "claimsAndScopeOverrideDetails"
    } else {
        details = id;
        "claimsOverrideDetails"
    };
    if let Some(groups) = groups {
        details.insert("groupOverrideDetails".into(), groups);
    }
    let mut response = Map::new();
    insert_object(&mut response, key, details);
    Ok((Value::Object(response), skipped))
}

fn insert_object(map: &mut Map<String, Value>, key: &str, value: Map<String, Value>) {
    if !value.is_empty() {
        map.insert(key.into(), Value::Object(value));
    }
}

fn insert_list(map: &mut Map<String, Value>, key: &str, list: Vec<String>) {
    if !list.is_empty() {
        map.insert(key.into(), list.into());
    }
}

fn checked_scopes(scopes: &[String]) -> Result<Vec<String>, TriggerError> {
    for scope in scopes {
        rules::check_scope(scope).map_err(|v| violation("scopes", v))?;
    }
    Ok(scopes.to_vec())
}

/// `claimsToAddOrOverride` and `claimsToSuppress` for one token.
///
/// A handler written for V2_0/V3_0 that receives a V1 event leaves non-string claims out (the
/// event cannot carry them); a V1_0 handler writing one is an error.
fn token_generation(
    configured: Version,
    shape: Version,
    token: Token,
    changes: &TokenChanges,
    event: &PreTokenGeneration,
    skipped: &mut Skipped,
) -> Result<Map<String, Value>, TriggerError> {
    let what = token.describe();
    let mut claims = Map::new();
    for (name, source) in &changes.claims {
        rules::check_claim_add(token, name).map_err(|v| violation(what, v))?;
        let value = match source {
            ClaimSource::Value(v) => Some(v.clone()),
            ClaimSource::Attribute { name, default } => event
                .attribute(name)
                .map(|v| Value::String(v.to_owned()))
                .or_else(|| default.clone()),
        };
        let Some(value) = value else { continue };
        if token == Token::Access && name == "aud" {
            rules::check_access_aud(value.as_str(), event.client_id())
                .map_err(|v| violation(what, v))?;
        }
        let kind = value_kind(&value);
        if configured != Version::V1_0
            && shape == Version::V1_0
            && kind != ValueKind::String
            && kind != ValueKind::Null
        {
            skipped.complex_values_on_v1.push(name.clone());
            continue;
        }
        rules::check_claim_value(shape, token, name, kind).map_err(|v| violation(what, v))?;
        claims.insert(name.clone(), value);
    }
    for name in &changes.suppress {
        rules::check_claim_suppress(name).map_err(|v| violation(what, v))?;
    }
    let mut out = Map::new();
    insert_object(&mut out, "claimsToAddOrOverride", claims);
    insert_list(&mut out, "claimsToSuppress", changes.suppress.clone());
    Ok(out)
}

/// `groupOverrideDetails`, or `None` when nothing was said about groups or roles.
fn group_override(
    event: &PreTokenGeneration,
    overrides: &Overrides,
) -> Result<Option<Value>, TriggerError> {
    let current = &event.groups;
    let (groups, carry_roles) = match &overrides.groups {
        GroupsChange::Keep
            if overrides.iam_roles.is_none() && overrides.preferred_role.is_none() =>
        {
            return Ok(None)
        }
        GroupsChange::Keep => (current.groups.clone(), true),
        GroupsChange::Replace(list) => (list.clone(), false),
        GroupsChange::Edit { add, remove } => {
            let mut list: Vec<String> = current
                .groups
                .iter()
                .filter(|g| !remove.contains(g))
                .cloned()
                .collect();
            for group in add {
                push_unique(&mut list, group.clone());
            }
            (list, true)
        }
    };
    let roles = match &overrides.iam_roles {
        Some(roles) => Some(roles.clone()),
        None if carry_roles => Some(current.iam_roles.clone()),
        None => None,
    };
    let preferred = match &overrides.preferred_role {
        Some(role) => Some(role.clone()),
        None if carry_roles => current.preferred_role.clone(),
        None => None,
    };
    let changed_by_handler = |name: &str| {
        overrides.groups != GroupsChange::Keep && !current.groups.iter().any(|g| g == name)
    };
    for group in &groups {
        if changed_by_handler(group) {
            rules::check_group_name(group).map_err(|v| violation("groups", v))?;
        }
    }
    if let Some(roles) = &overrides.iam_roles {
        for role in roles {
            rules::check_role_arn(role).map_err(|v| violation("iam_roles", v))?;
        }
    }
    if let Some(role) = &overrides.preferred_role {
        rules::check_role_arn(role).map_err(|v| violation("preferred_role", v))?;
        if let Some(roles) = &roles {
            if !roles.contains(role) {
                return Err(TriggerError::rule(
                    "preferred_role: the preferred role must be one of the IAM roles",
                ));
            }
        }
    }
    let mut out = Map::new();
    out.insert("groupsToOverride".into(), groups.into());
    if let Some(roles) = roles.filter(|r| !r.is_empty() || overrides.iam_roles.is_some()) {
        out.insert("iamRolesToOverride".into(), roles.into());
    }
    if let Some(preferred) = preferred {
        out.insert("preferredRole".into(), preferred.into());
    }
    Ok(Some(Value::Object(out)))
}
