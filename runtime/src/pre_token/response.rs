//! Turns [`Overrides`] into the `response` Cognito reads, in the shape of the event received,
//! after checking every write against the rule table.

use std::borrow::Cow;

use serde_json::{Map, Value};

use cognito_triggers_rules::{self as rules, Token, ValueKind, Version, Violation};

use super::event::{PreTokenGeneration, TriggerSource};
use super::overrides::{push_unique, ClaimSource, GroupsChange, Overrides, TokenChanges};
use super::wire::{
    AccessTokenGeneration, GroupOverride, Response, TokenGeneration, V1Details, V2Details,
};
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
    event: &PreTokenGeneration<'_>,
    overrides: &Overrides,
) -> Result<(Value, Skipped), TriggerError> {
    let (response, skipped) = build(configured, event, overrides)?;
    let value = serde_json::to_value(&response)
        .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))?;
    Ok((value, skipped))
}

/// [`build_response`] as the typed response, checked by [`Response::check`] — the same rule
/// sequence the simulator applies.
pub(crate) fn build(
    configured: Version,
    event: &PreTokenGeneration<'_>,
    overrides: &Overrides,
) -> Result<(Response, Skipped), TriggerError> {
    let shape = event.shape_version(configured);
    let m2m = event.trigger_source == TriggerSource::ClientCredentials;
    let mut skipped = Skipped::default();

    let (mut id, mut groups) = ((Map::new(), Vec::new()), None);
    if m2m {
        skipped.id_token_on_m2m = !overrides.id.is_empty()
            || overrides.groups != GroupsChange::Keep
            || overrides.iam_roles.is_some()
            || overrides.preferred_role.is_some();
    } else {
        id = claims(
            configured,
            shape,
            Token::Id,
            &overrides.id,
            event,
            &mut skipped,
        )?;
        groups = group_override(event, overrides)?;
    }

    let mut access = AccessTokenGeneration::default();
    if !overrides.access.is_empty()
        || !overrides.scopes_add.is_empty()
        || !overrides.scopes_suppress.is_empty()
    {
        if shape.customizes_access_token() {
            let (add, suppress) = claims(
                configured,
                shape,
                Token::Access,
                &overrides.access,
                event,
                &mut skipped,
            )?;
            access = AccessTokenGeneration {
                claims: TokenGeneration {
                    claims_to_add_or_override: add,
                    claims_to_suppress: suppress,
                },
                scopes_to_add: overrides.scopes_add.clone(),
                scopes_to_suppress: overrides.scopes_suppress.clone(),
            };
        } else {
            skipped.access_token_on_v1 = true;
        }
    }

    let (add, suppress) = id;
    let id_empty = add.is_empty() && suppress.is_empty();
    let group_override_details = groups.map(Some);
    let response = if shape.customizes_access_token() {
        let details = V2Details {
            id_token_generation: (!id_empty).then_some(TokenGeneration {
                claims_to_add_or_override: add,
                claims_to_suppress: suppress,
            }),
            access_token_generation: (access != AccessTokenGeneration::default()).then_some(access),
            group_override_details,
        };
        let empty = details == V2Details::default();
        Response {
            claims_and_scope_override_details: (!empty).then_some(details),
            ..Response::default()
        }
    } else {
        let details = V1Details {
            id: TokenGeneration {
                claims_to_add_or_override: add,
                claims_to_suppress: suppress,
            },
            group_override_details,
        };
        let empty = details == V1Details::default();
        Response {
            claims_override_details: (!empty).then_some(details),
            ..Response::default()
        }
    };
    response
        .check(shape, event.client_id(), &event.groups.groups)
        .map_err(|(place, v)| violation(place, v))?;
    Ok((response, skipped))
}

/// The claims one token gets and loses: values resolved (user attributes read), and for a
/// V2_0/V3_0 handler on a V1 event, non-string values left out (the event cannot carry them).
fn claims(
    configured: Version,
    shape: Version,
    token: Token,
    changes: &TokenChanges,
    event: &PreTokenGeneration<'_>,
    skipped: &mut Skipped,
) -> Result<(Map<String, Value>, Vec<String>), TriggerError> {
    let mut claims = Map::new();
    for (name, source) in &changes.claims {
        let value = match source {
            ClaimSource::Value(v) => Some(v.clone()),
            ClaimSource::Attribute { name, default } => event
                .attribute(name)
                .map(|v| Value::String(v.to_owned()))
                .or_else(|| default.clone()),
        };
        let Some(value) = value else { continue };
        let kind = value_kind(&value);
        if configured != Version::V1_0
            && shape == Version::V1_0
            && kind != ValueKind::String
            && kind != ValueKind::Null
        {
            // Left out, but a forbidden name is still an error.
            rules::check_claim_add(token, name).map_err(|v| violation(token.describe(), v))?;
            skipped.complex_values_on_v1.push(name.clone());
            continue;
        }
        claims.insert(name.clone(), value);
    }
    Ok((claims, changes.suppress.clone()))
}

/// `groupOverrideDetails`, or `None` when nothing was said about groups or roles.
fn group_override(
    event: &PreTokenGeneration<'_>,
    overrides: &Overrides,
) -> Result<Option<GroupOverride>, TriggerError> {
    let current = &event.groups;
    let (groups, carry_roles) = match &overrides.groups {
        GroupsChange::Keep
            if overrides.iam_roles.is_none() && overrides.preferred_role.is_none() =>
        {
            return Ok(None)
        }
        GroupsChange::Keep => (strings(&current.groups), true),
        GroupsChange::Replace(list) => (list.clone(), false),
        GroupsChange::Edit { add, remove } => {
            let mut list: Vec<String> = current
                .groups
                .iter()
                .filter(|g| !remove.iter().any(|r| r == g.as_ref()))
                .map(|g| g.as_ref().to_owned())
                .collect();
            for group in add {
                push_unique(&mut list, group.clone());
            }
            (list, true)
        }
    };
    let roles = match &overrides.iam_roles {
        Some(roles) => Some(roles.clone()),
        None if carry_roles => Some(strings(&current.iam_roles)),
        None => None,
    };
    let preferred_role = match &overrides.preferred_role {
        Some(role) => Some(role.clone()),
        None if carry_roles => current.preferred_role.as_deref().map(str::to_owned),
        None => None,
    };
    // A preferred role the handler sets must be one of the roles the user ends up with.
    if let (Some(role), Some(roles)) = (&overrides.preferred_role, &roles) {
        rules::check_preferred_role(role, roles).map_err(|v| violation("preferred_role", v))?;
    }
    Ok(Some(GroupOverride {
        groups_to_override: groups,
        iam_roles_to_override: roles.filter(|r| !r.is_empty() || overrides.iam_roles.is_some()),
        preferred_role,
    }))
}

/// The event's strings as the response's own.
fn strings(list: &[Cow<'_, str>]) -> Vec<String> {
    list.iter().map(|s| s.as_ref().to_owned()).collect()
}
