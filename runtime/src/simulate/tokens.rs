//! The token simulator: the ID and access token claims Cognito would issue for an event once
//! a trigger's response is applied.
//!
//! Base claims are built as Cognito builds them (`sub`, `iss` from region and pool id,
//! `aud`/`client_id` from `callerContext`, `cognito:username`, groups and roles, `token_use`,
//! times, ids, `scope`, the user's attributes); then the response is applied with Cognito's
//! rules: suppress beats add, groups replace `cognito:groups` in both tokens, roles and the
//! preferred role go to the ID token, scopes form one space-joined `scope`. A forbidden write is
//! an error naming the claim and the rule (stricter than Cognito, which does not document them).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use cognito_triggers_rules::{Token, Version, Violation};

use crate::pre_token::event::json_kind;
use crate::pre_token::wire::{GroupOverride, Response, TokenGeneration};
use crate::{PreTokenGeneration, TriggerSource};

/// How long simulated tokens live (Cognito's default, one hour).
pub const TOKEN_LIFETIME_SECS: u64 = 3600;

/// The claims of the tokens Cognito would issue.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tokens {
    /// The ID token; `None` for machine-to-machine grants, which get only an access token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Map<String, Value>>,
    /// The access token.
    pub access_token: Map<String, Value>,
}

/// A response Cognito would not accept (or that this project refuses: see the rule table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimulationError {
    message: String,
}

impl SimulationError {
    fn new(message: impl Into<String>) -> Self {
        SimulationError {
            message: message.into(),
        }
    }

    fn rule(place: &str, violation: Violation) -> Self {
        SimulationError::new(format!("{place}: {violation}"))
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SimulationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SimulationError {}

/// Simulates the tokens for `event` with `response` applied, issued now.
///
/// `response` is the `response` object of the answered event
/// (`{"claimsOverrideDetails": ..}` or `{"claimsAndScopeOverrideDetails": ..}`).
pub fn simulate(
    event: &PreTokenGeneration<'_>,
    response: &Value,
) -> Result<Tokens, SimulationError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    simulate_at(event, response, now)
}

/// [`simulate`] with a fixed issue time (Unix seconds), for reproducible output.
pub fn simulate_at(
    event: &PreTokenGeneration<'_>,
    response: &Value,
    issued_at: u64,
) -> Result<Tokens, SimulationError> {
    let version = event.version.unwrap_or(Version::V1_0);
    let m2m = event.trigger_source == TriggerSource::ClientCredentials;
    let mut id = (!m2m).then(|| base_id_token(event, issued_at));
    let mut access = base_access_token(event, issued_at, m2m);
    let mut scopes: Vec<String> = if event.scopes.is_empty() && !m2m {
        vec!["aws.cognito.signin.user.admin".to_owned()]
    } else {
        event.scopes.iter().map(|s| s.as_ref().to_owned()).collect()
    };

    let response = read_response(response)?;
    response
        .check(version, event.client_id(), &event.groups.groups)
        .map_err(|(place, v)| SimulationError::rule(place, v))?;
    let parts = response
        .parts(version)
        .map_err(|v| SimulationError::new(v.to_string()))?;
    if let (Some(groups), false) = (parts.groups, m2m) {
        apply_groups(groups, id.as_mut(), &mut access);
    }
    if let (Some(id), Some(changes)) = (id.as_mut(), parts.id) {
        apply_token(Token::Id, changes, id);
    }
    if let Some(changes) = parts.access {
        apply_token(Token::Access, &changes.claims, &mut access);
        scopes.retain(|s| !changes.scopes_to_suppress.contains(s));
        for scope in &changes.scopes_to_add {
            if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
    }
    if scopes.is_empty() {
        access.shift_remove("scope");
    } else {
        access.insert("scope".into(), scopes.join(" ").into());
    }
    Ok(Tokens {
        id_token: id,
        access_token: access,
    })
}

/// The `response` object, read into the typed wire model (`null` and empty read as no change).
fn read_response(response: &Value) -> Result<Response, SimulationError> {
    match response {
        Value::Null => Ok(Response::default()),
        Value::Array(items) if items.is_empty() => Ok(Response::default()),
        Value::Object(_) => Response::deserialize(response)
            .map_err(|e| SimulationError::new(format!("the response cannot be read: {e}"))),
        other => Err(SimulationError::new(format!(
            "`response` must be an object, got {}",
            json_kind(other)
        ))),
    }
}

/// `groupOverrideDetails` replaces the groups of both tokens and the roles of the ID token;
/// `null` removes them.
fn apply_groups(
    groups: Option<&GroupOverride>,
    id: Option<&mut Map<String, Value>>,
    access: &mut Map<String, Value>,
) {
    let none = GroupOverride::default();
    let groups = groups.unwrap_or(&none);
    let names = &groups.groups_to_override;
    let roles = groups.iam_roles_to_override.as_deref().unwrap_or_default();
    set_or_remove(access, "cognito:groups", names);
    if let Some(id) = id {
        set_or_remove(id, "cognito:groups", names);
        set_or_remove(id, "cognito:roles", roles);
        match &groups.preferred_role {
            Some(role) => id.insert("cognito:preferred_role".into(), role.clone().into()),
            None => id.shift_remove("cognito:preferred_role"),
        };
    }
}

fn set_or_remove<S: AsRef<str>>(token: &mut Map<String, Value>, claim: &str, list: &[S]) {
    if list.is_empty() {
        token.shift_remove(claim);
    } else {
        let list = list.iter().map(|s| Value::from(s.as_ref())).collect();
        token.insert(claim.into(), Value::Array(list));
    }
}

/// Claims added, then suppressed (suppress beats add); suppressing `cognito:groups` from the ID
/// token also removes the roles.
fn apply_token(token: Token, changes: &TokenGeneration, claims: &mut Map<String, Value>) {
    for (name, value) in &changes.claims_to_add_or_override {
        claims.insert(name.clone(), value.clone());
    }
    for name in &changes.claims_to_suppress {
        claims.shift_remove(name);
        if token == Token::Id && name == "cognito:groups" {
            claims.shift_remove("cognito:roles");
            claims.shift_remove("cognito:preferred_role");
        }
    }
}

fn issuer(event: &PreTokenGeneration<'_>) -> String {
    format!(
        "https://cognito-idp.{}.amazonaws.com/{}",
        event.region, event.user_pool_id
    )
}

/// A stable, UUID-shaped id derived from the event, so that runs are reproducible.
fn derived_id(event: &PreTokenGeneration<'_>, label: &str, issued_at: u64) -> String {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let user = event.user_name.as_deref().unwrap_or_default();
    for part in [
        event.user_pool_id.as_ref(),
        user,
        label,
        &issued_at.to_string(),
    ] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
    }
    let h = format!("{hash:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn times(claims: &mut Map<String, Value>, issued_at: u64) {
    claims.insert("auth_time".into(), issued_at.into());
    claims.insert("exp".into(), (issued_at + TOKEN_LIFETIME_SECS).into());
    claims.insert("iat".into(), issued_at.into());
}

fn base_id_token(event: &PreTokenGeneration<'_>, issued_at: u64) -> Map<String, Value> {
    let mut id = Map::new();
    let sub = event.attribute("sub").unwrap_or_default();
    id.insert("sub".into(), sub.into());
    let groups = &event.groups;
    set_or_remove(&mut id, "cognito:groups", &groups.groups);
    id.insert("iss".into(), issuer(event).into());
    if let Some(user) = &event.user_name {
        id.insert("cognito:username".into(), user.as_ref().into());
    }
    id.insert(
        "origin_jti".into(),
        derived_id(event, "origin_jti", issued_at).into(),
    );
    set_or_remove(&mut id, "cognito:roles", &groups.iam_roles);
    if let Some(role) = &groups.preferred_role {
        id.insert("cognito:preferred_role".into(), role.as_ref().into());
    }
    if let Some(client) = event.client_id() {
        id.insert("aud".into(), client.into());
    }
    id.insert(
        "event_id".into(),
        derived_id(event, "event_id", issued_at).into(),
    );
    id.insert("token_use".into(), "id".into());
    times(&mut id, issued_at);
    id.insert("jti".into(), derived_id(event, "id_jti", issued_at).into());
    // In name order, as the simulated tokens have always listed them.
    let mut attributes: Vec<(&str, &str)> = event.user_attributes.iter().collect();
    attributes.sort_unstable();
    for (name, value) in attributes {
        if name == "sub" || name.starts_with("cognito:") {
            continue;
        }
        let value = match (name, value) {
            ("email_verified" | "phone_number_verified", "true") => Value::Bool(true),
            ("email_verified" | "phone_number_verified", "false") => Value::Bool(false),
            _ => Value::from(value),
        };
        id.insert(name.into(), value);
    }
    id
}

fn base_access_token(
    event: &PreTokenGeneration<'_>,
    issued_at: u64,
    m2m: bool,
) -> Map<String, Value> {
    let mut access = Map::new();
    let client = event.client_id().unwrap_or_default();
    let sub = if m2m {
        client
    } else {
        event.attribute("sub").unwrap_or_default()
    };
    access.insert("sub".into(), sub.into());
    if !m2m {
        set_or_remove(&mut access, "cognito:groups", &event.groups.groups);
    }
    access.insert("iss".into(), issuer(event).into());
    access.insert("version".into(), 2.into());
    access.insert("client_id".into(), client.into());
    if !m2m {
        access.insert(
            "origin_jti".into(),
            derived_id(event, "origin_jti", issued_at).into(),
        );
    }
    access.insert(
        "event_id".into(),
        derived_id(event, "event_id", issued_at).into(),
    );
    access.insert("token_use".into(), "access".into());
    access.insert("scope".into(), Value::Null);
    times(&mut access, issued_at);
    access.insert(
        "jti".into(),
        derived_id(event, "access_jti", issued_at).into(),
    );
    if let (Some(user), false) = (&event.user_name, m2m) {
        access.insert("username".into(), user.as_ref().into());
    }
    access
}
