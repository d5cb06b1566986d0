//! Values a function computes from caller input (here `clientMetadata`, which any client can
//! send) can never write a reserved claim, a `cognito:` claim, or groups outside what the code
//! allows: every attempt is a `RuleViolation` and no response is written.

use cognito_triggers::rules::RESERVED_CLAIMS;
use cognito_triggers::{
    pre_token_generation, sample_event, ErrorKind, Overrides, PreTokenGeneration, Version,
};
use serde_json::{json, Value};

/// Writes whatever the caller asks: the worst a careless function can do.
#[pre_token_generation(version = "V2_0", main = false)]
fn echo(event: &PreTokenGeneration) -> Overrides {
    let m = &event.client_metadata;
    let claim = m.get("claim").unwrap_or_default().to_owned();
    let value = m.get("value").unwrap_or_default().to_owned();
    match m.get("op") {
        Some("id") => Overrides::default().id_claim(claim, value),
        Some("access") => Overrides::default().access_claim(claim, value),
        Some("suppress_id") => Overrides::default().suppress_id(claim),
        Some("suppress_access") => Overrides::default().suppress_access(claim),
        Some("scope") => Overrides::default().add_scope(value),
        _ => Overrides::default(),
    }
}

fn attempt(op: &str, claim: &str, value: &str) -> Result<Value, cognito_triggers::TriggerError> {
    let mut event = sample_event(Version::V2_0);
    event["request"]["clientMetadata"] = json!({"op": op, "claim": claim, "value": value});
    ECHO.invoke_blocking(event)
}

#[test]
fn reserved_and_cognito_claims_are_never_written() {
    let mut names: Vec<&str> = RESERVED_CLAIMS.iter().map(|c| c.name).collect();
    names.extend([
        "cognito:groups",
        "cognito:roles",
        "cognito:preferred_role",
        "cognito:user_status",
        "cognito:x",
        "scope",
        "",
        "dev:secret",
    ]);
    let mut refused = 0;
    for name in &names {
        for op in ["id", "access", "suppress_id", "suppress_access"] {
            let suppress_allowed = op.starts_with("suppress")
                && (name.starts_with("dev:") || *name == "cognito:groups");
            let aud_in_access = op == "access" && *name == "aud";
            let outcome = attempt(op, name, "attacker");
            if suppress_allowed {
                assert!(outcome.is_ok(), "{op} {name}");
                continue;
            }
            let error = outcome.expect_err(&format!("{op} {name:?} must be refused"));
            assert_eq!(
                error.kind(),
                ErrorKind::RuleViolation,
                "{op} {name}: {error}"
            );
            if !aud_in_access {
                assert!(
                    error.message().contains(&format!("`{name}`")) || name.is_empty(),
                    "{error}"
                );
            }
            refused += 1;
        }
    }
    assert!(refused >= names.len() * 3, "{refused}");
    // The access token `aud` passes only as the client id.
    assert!(attempt("access", "aud", "1example23456789").is_ok());
    // Ordinary claims pass; a scope with a blank does not.
    assert!(attempt("id", "custom:tier", "gold").is_ok());
    assert_eq!(
        attempt("scope", "", "a b").unwrap_err().kind(),
        ErrorKind::RuleViolation
    );
}

/// Assigns the group the caller names: only `readers` may be given.
#[pre_token_generation(groups(allow = ["readers", "writers"]), main = false)]
fn assign(event: &PreTokenGeneration) -> Overrides {
    let m = &event.client_metadata;
    let group = m.get("group").unwrap_or_default().to_owned();
    match m.get("how") {
        Some("replace") => Overrides::default().groups([group, "group-1".to_owned()]),
        Some("remove") => Overrides::default().remove_group(group),
        _ => Overrides::default().add_group(group),
    }
}

fn assign_group(how: &str, group: &str) -> Result<Value, cognito_triggers::TriggerError> {
    let mut event = sample_event(Version::V1_0);
    event["request"]["clientMetadata"] = json!({"how": how, "group": group});
    ASSIGN.invoke_blocking(event)
}

#[test]
fn groups_outside_allow_are_refused() {
    for how in ["add", "replace"] {
        let error = assign_group(how, "admins").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::RuleViolation);
        assert!(
            error
                .message()
                .contains("`admins` is not one of the groups"),
            "{error}"
        );
        let ok = assign_group(how, "readers").unwrap();
        let groups =
            &ok["response"]["claimsOverrideDetails"]["groupOverrideDetails"]["groupsToOverride"];
        assert!(
            groups.as_array().unwrap().contains(&json!("readers")),
            "{groups}"
        );
    }
    // Groups the user already has (group-1, group-2) may be kept or removed.
    assert!(assign_group("replace", "group-2").is_ok());
    assert!(assign_group("remove", "group-1").is_ok());
    let empty = assign_group("add", "").unwrap_err();
    assert_eq!(empty.kind(), ErrorKind::RuleViolation);
    assert_eq!(
        empty.message(),
        "groups: `` is not one of the groups this trigger may assign (groups(allow = [..]))"
    );
}
