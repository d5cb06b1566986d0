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

use serde::Serialize;
use serde_json::{Map, Value};

use cognito_triggers_rules::{self as rules, Token, Version, Violation};

use crate::pre_token::event::json_kind;
use crate::pre_token::response::value_kind;
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
pub fn simulate(event: &PreTokenGeneration, response: &Value) -> Result<Tokens, SimulationError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    simulate_at(event, response, now)
}

/// [`simulate`] with a fixed issue time (Unix seconds), for reproducible output.
pub fn simulate_at(
    event: &PreTokenGeneration,
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
        event.scopes.clone()
    };

    let response = Response::read(version, response)?;
    if let (Some(groups), false) = (&response.groups, m2m) {
        apply_groups(groups, id.as_mut(), &mut access)?;
    }
    if let Some(id) = id.as_mut() {
        apply_token(version, Token::Id, &response.id, id, event)?;
    }
    if version.customizes_access_token() {
        apply_token(version, Token::Access, &response.access, &mut access, event)?;
        for scope in &response.scopes_suppress {
            rules::check_scope(scope).map_err(|v| SimulationError::rule("scopesToSuppress", v))?;
            scopes.retain(|s| s != scope);
        }
        for scope in &response.scopes_add {
            rules::check_scope(scope).map_err(|v| SimulationError::rule("scopesToAdd", v))?;
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

#[derive(Default)]
struct TokenPart {
    add: Map<String, Value>,
    suppress: Vec<String>,
}

#[derive(Default)]
struct Response {
    id: TokenPart,
    access: TokenPart,
    scopes_add: Vec<String>,
    scopes_suppress: Vec<String>,
    /// `Some(None)`: an empty or null `groupOverrideDetails` (Cognito removes the groups).
    groups: Option<Option<Map<String, Value>>>,
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn object<'a>(
    value: &'a Value,
    place: &str,
) -> Result<Option<&'a Map<String, Value>>, SimulationError> {
    match value {
        Value::Object(m) => Ok(Some(m)),
        v if is_empty(v) => Ok(None),
        other => Err(SimulationError::new(format!(
            "`{place}` must be an object, got {}",
            json_kind(other)
        ))),
    }
}

fn strings(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, SimulationError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    SimulationError::new(format!(
                        "`{key}` must hold strings, got {}",
                        json_kind(item)
                    ))
                })
            })
            .collect(),
        Some(other) => Err(SimulationError::new(format!(
            "`{key}` must be an array of strings, got {}",
            json_kind(other)
        ))),
    }
}

fn token_part(map: &Map<String, Value>) -> Result<TokenPart, SimulationError> {
    let add = match map.get("claimsToAddOrOverride") {
        Some(v) => object(v, "claimsToAddOrOverride")?
            .cloned()
            .unwrap_or_default(),
        None => Map::new(),
    };
    Ok(TokenPart {
        add,
        suppress: strings(map, "claimsToSuppress")?,
    })
}

impl Response {
    fn read(version: Version, response: &Value) -> Result<Response, SimulationError> {
        let Some(response) = object(response, "response")? else {
            return Ok(Response::default());
        };
        let (key, other) = if version.customizes_access_token() {
            ("claimsAndScopeOverrideDetails", "claimsOverrideDetails")
        } else {
            ("claimsOverrideDetails", "claimsAndScopeOverrideDetails")
        };
        if response.get(other).is_some_and(|v| !is_empty(v)) {
            return Err(SimulationError::new(format!(
                "a version {} event is answered with `{key}`, but the response has `{other}`, which Cognito ignores",
                version.event_version()
            )));
        }
        let Some(details) = response
            .get(key)
            .map(|v| object(v, key))
            .transpose()?
            .flatten()
        else {
            return Ok(Response::default());
        };
        let mut out = Response::default();
        if version.customizes_access_token() {
            if let Some(id) = details.get("idTokenGeneration") {
                if let Some(id) = object(id, "idTokenGeneration")? {
                    out.id = token_part(id)?;
                }
            }
            if let Some(access) = details.get("accessTokenGeneration") {
                if let Some(access) = object(access, "accessTokenGeneration")? {
                    out.access = token_part(access)?;
                    out.scopes_add = strings(access, "scopesToAdd")?;
                    out.scopes_suppress = strings(access, "scopesToSuppress")?;
                }
            }
        } else {
            out.id = token_part(details)?;
        }
        if let Some(groups) = details.get("groupOverrideDetails") {
            out.groups = Some(object(groups, "groupOverrideDetails")?.cloned());
        }
        Ok(out)
    }
}

fn apply_groups(
    groups: &Option<Map<String, Value>>,
    id: Option<&mut Map<String, Value>>,
    access: &mut Map<String, Value>,
) -> Result<(), SimulationError> {
    let empty = Map::new();
    let groups = groups.as_ref().unwrap_or(&empty);
    let names = strings(groups, "groupsToOverride")?;
    for name in &names {
        rules::check_group_name(name).map_err(|v| SimulationError::rule("groupsToOverride", v))?;
    }
    let roles = strings(groups, "iamRolesToOverride")?;
    for role in &roles {
        rules::check_role_arn(role).map_err(|v| SimulationError::rule("iamRolesToOverride", v))?;
    }
    let preferred = match groups.get("preferredRole") {
        None | Some(Value::Null) => None,
        Some(Value::String(role)) => {
            rules::check_role_arn(role).map_err(|v| SimulationError::rule("preferredRole", v))?;
            Some(role.clone())
        }
        Some(other) => {
            return Err(SimulationError::new(format!(
                "`preferredRole` must be a string, got {}",
                json_kind(other)
            )))
        }
    };
    set_or_remove(access, "cognito:groups", &names);
    if let Some(id) = id {
        set_or_remove(id, "cognito:groups", &names);
        set_or_remove(id, "cognito:roles", &roles);
        match preferred {
            Some(role) => id.insert("cognito:preferred_role".into(), role.into()),
            None => id.shift_remove("cognito:preferred_role"),
        };
    }
    Ok(())
}

fn set_or_remove(token: &mut Map<String, Value>, claim: &str, list: &[String]) {
    if list.is_empty() {
        token.shift_remove(claim);
    } else {
        token.insert(claim.into(), list.into());
    }
}

fn apply_token(
    version: Version,
    token: Token,
    part: &TokenPart,
    claims: &mut Map<String, Value>,
    event: &PreTokenGeneration,
) -> Result<(), SimulationError> {
    let place = token.describe();
    for (name, value) in &part.add {
        rules::check_claim_add(token, name).map_err(|v| SimulationError::rule(place, v))?;
        if token == Token::Access && name == "aud" {
            rules::check_access_aud(value.as_str(), event.client_id())
                .map_err(|v| SimulationError::rule(place, v))?;
        }
        rules::check_claim_value(version, token, name, value_kind(value))
            .map_err(|v| SimulationError::rule(place, v))?;
        claims.insert(name.clone(), value.clone());
    }
    for name in &part.suppress {
        rules::check_claim_suppress(name).map_err(|v| SimulationError::rule(place, v))?;
        claims.shift_remove(name);
        if token == Token::Id && name == "cognito:groups" {
            claims.shift_remove("cognito:roles");
            claims.shift_remove("cognito:preferred_role");
        }
    }
    Ok(())
}

fn issuer(event: &PreTokenGeneration) -> String {
    format!(
        "https://cognito-idp.{}.amazonaws.com/{}",
        event.region, event.user_pool_id
    )
}

/// A stable, UUID-shaped id derived from the event, so that runs are reproducible.
fn derived_id(event: &PreTokenGeneration, label: &str, issued_at: u64) -> String {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let user = event.user_name.as_deref().unwrap_or_default();
    for part in [
        event.user_pool_id.as_str(),
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

fn base_id_token(event: &PreTokenGeneration, issued_at: u64) -> Map<String, Value> {
    let mut id = Map::new();
    let sub = event.attribute("sub").unwrap_or_default();
    id.insert("sub".into(), sub.into());
    let groups = &event.groups;
    set_or_remove(&mut id, "cognito:groups", &groups.groups);
    id.insert("iss".into(), issuer(event).into());
    if let Some(user) = &event.user_name {
        id.insert("cognito:username".into(), user.clone().into());
    }
    id.insert(
        "origin_jti".into(),
        derived_id(event, "origin_jti", issued_at).into(),
    );
    set_or_remove(&mut id, "cognito:roles", &groups.iam_roles);
    if let Some(role) = &groups.preferred_role {
        id.insert("cognito:preferred_role".into(), role.clone().into());
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
    for (name, value) in &event.user_attributes {
        if name == "sub" || name.starts_with("cognito:") {
            continue;
        }
        let value = match (name.as_str(), value.as_str()) {
            ("email_verified" | "phone_number_verified", "true") => Value::Bool(true),
            ("email_verified" | "phone_number_verified", "false") => Value::Bool(false),
            _ => Value::String(value.clone()),
        };
        id.insert(name.clone(), value);
    }
    id
}

fn base_access_token(event: &PreTokenGeneration, issued_at: u64, m2m: bool) -> Map<String, Value> {
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
        access.insert("username".into(), user.clone().into());
    }
    access
}
