//! Properties of the overrides model and the response writer, over random builder programs and
//! random events: the output is always valid JSON in Cognito's shape, the rules always hold,
//! and merging is "later wins".

use cognito_triggers::rules::{self, Token, Version};
use cognito_triggers::{build_response, sample_event, Overrides, PreTokenGeneration};
use proptest::prelude::*;
use serde_json::{json, Value};

const NAMES: &[&str] = &[
    "tier",
    "email",
    "custom:tenant",
    "sub",
    "iss",
    "aud",
    "scope",
    "cognito:groups",
    "cognito:x",
    "dev:x",
    "exp",
    "family_name",
    "address",
    "",
    "username",
];
const GROUPS: &[&str] = &["group-1", "group-2", "admins", "two words", ""];

#[derive(Clone, Debug)]
enum Op {
    IdClaim(usize, Value),
    AccessClaim(usize, Value),
    SuppressId(usize),
    SuppressAccess(usize),
    Groups(Vec<usize>),
    AddGroup(usize),
    RemoveGroup(usize),
    AddScope(usize),
    SuppressScope(usize),
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[a-z]{0,6}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!(["a", 1, true])),
        Just(json!([["nested"]])),
        Just(json!({"k": {"n": 1}})),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let name = 0..NAMES.len();
    let group = 0..GROUPS.len();
    prop_oneof![
        (name.clone(), value()).prop_map(|(n, v)| Op::IdClaim(n, v)),
        (name.clone(), value()).prop_map(|(n, v)| Op::AccessClaim(n, v)),
        name.clone().prop_map(Op::SuppressId),
        name.clone().prop_map(Op::SuppressAccess),
        prop::collection::vec(group.clone(), 0..3).prop_map(Op::Groups),
        group.clone().prop_map(Op::AddGroup),
        group.clone().prop_map(Op::RemoveGroup),
        group.clone().prop_map(Op::AddScope),
        group.prop_map(Op::SuppressScope),
    ]
}

fn apply(o: Overrides, op: &Op) -> Overrides {
    match op {
        Op::IdClaim(n, v) => o.id_claim(NAMES[*n], v.clone()),
        Op::AccessClaim(n, v) => o.access_claim(NAMES[*n], v.clone()),
        Op::SuppressId(n) => o.suppress_id(NAMES[*n]),
        Op::SuppressAccess(n) => o.suppress_access(NAMES[*n]),
        Op::Groups(list) => o.groups(list.iter().map(|g| GROUPS[*g])),
        Op::AddGroup(g) => o.add_group(GROUPS[*g]),
        Op::RemoveGroup(g) => o.remove_group(GROUPS[*g]),
        Op::AddScope(g) => o.add_scope(GROUPS[*g]),
        Op::SuppressScope(g) => o.suppress_scope(GROUPS[*g]),
    }
}

fn build(ops: &[Op]) -> Overrides {
    ops.iter().fold(Overrides::default(), apply)
}

fn event(version: Version, m2m: bool) -> PreTokenGeneration<'static> {
    let mut e = sample_event(if m2m { Version::V3_0 } else { Version::V2_0 });
    e["version"] = json!(version.event_version());
    PreTokenGeneration::from_value(&e).unwrap()
}

/// No `null` anywhere, no empty object but an empty response, no empty list but an explicit
/// `groupsToOverride: []`.
fn assert_nothing_unasked(value: &Value, key: &str) {
    match value {
        Value::Null => panic!("null at {key}"),
        Value::Object(map) => {
            assert!(
                !map.is_empty() || key == "response",
                "empty object at {key}"
            );
            for (k, v) in map {
                if key != "claimsToAddOrOverride" {
                    assert_nothing_unasked(v, k);
                }
            }
        }
        Value::Array(items) => assert!(
            !items.is_empty() || key == "groupsToOverride",
            "empty list at {key}"
        ),
        _ => {}
    }
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn check_token(version: Version, token: Token, part: &Value) {
    let added = part.get("claimsToAddOrOverride").and_then(Value::as_object);
    let suppressed = strings(part.get("claimsToSuppress").unwrap_or(&Value::Null));
    if let Some(added) = added {
        assert!(!added.is_empty());
        for (name, value) in added {
            if !(token == Token::Access && name == "aud") {
                rules::check_claim_add(token, name).unwrap();
            }
            if version == Version::V1_0 {
                assert!(value.is_string(), "{name}: {value}");
            }
            assert!(!value.is_null());
            assert!(
                !suppressed.contains(&name.as_str()),
                "{name} added and suppressed"
            );
        }
    }
    if part.get("claimsToSuppress").is_some() {
        assert!(!suppressed.is_empty());
    }
    for name in suppressed {
        rules::check_claim_suppress(name).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn responses_are_valid_and_keep_the_rules(
        ops in prop::collection::vec(op(), 0..8),
        configured in prop::sample::select(Version::ALL.to_vec()),
        shape in prop::sample::select(Version::ALL.to_vec()),
        m2m in any::<bool>(),
    ) {
        let overrides = build(&ops);
        let event = event(shape, m2m && shape == Version::V3_0);
        let Ok((response, _)) = build_response(configured, &event, &overrides) else {
            return Ok(());
        };
        // Valid JSON that reads back the same.
        let text = serde_json::to_string(&response).unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), response.clone());
        assert_nothing_unasked(&response, "response");
        let object = response.as_object().unwrap();
        prop_assert!(object.len() <= 1);
        if let Some(details) = object.get("claimsOverrideDetails") {
            prop_assert_eq!(shape, Version::V1_0);
            check_token(Version::V1_0, Token::Id, details);
        }
        if let Some(details) = object.get("claimsAndScopeOverrideDetails") {
            prop_assert_ne!(shape, Version::V1_0);
            if let Some(id) = details.get("idTokenGeneration") {
                prop_assert!(!(m2m && shape == Version::V3_0));
                check_token(shape, Token::Id, id);
            }
            if let Some(access) = details.get("accessTokenGeneration") {
                check_token(shape, Token::Access, access);
                for scope in strings(access.get("scopesToAdd").unwrap_or(&Value::Null)) {
                    rules::check_scope(scope).unwrap();
                }
            }
        }
        let details = object.values().next();
        let groups = details.and_then(|d| d.get("groupOverrideDetails"));
        if let Some(groups) = groups {
            for group in strings(&groups["groupsToOverride"]) {
                rules::check_group_name(group).unwrap();
            }
        }
        let changed_groups = ops.iter().any(|op| matches!(op, Op::Groups(_) | Op::AddGroup(_) | Op::RemoveGroup(_)));
        prop_assert_eq!(groups.is_some(), changed_groups && !(m2m && shape == Version::V3_0));
    }

    #[test]
    fn merge_is_later_wins(a in prop::collection::vec(op(), 0..6), b in prop::collection::vec(op(), 0..6)) {
        let merged = build(&a).merge(&build(&b));
        let sequential = b.iter().fold(build(&a), apply);
        // The same claims with the same values; their order is not part of the answer (a JSON
        // object): a claim suppressed and set again by `b` keeps its place in `merge`.
        let sorted = |changes: &cognito_triggers::TokenChanges| {
            let mut claims: Vec<(String, String)> = changes
                .claims()
                .map(|(name, source)| (name.to_owned(), format!("{source:?}")))
                .collect();
            claims.sort();
            let mut suppressed = changes.suppressed().to_vec();
            suppressed.sort();
            (claims, suppressed)
        };
        prop_assert_eq!(sorted(merged.id_token()), sorted(sequential.id_token()));
        prop_assert_eq!(sorted(merged.access_token()), sorted(sequential.access_token()));
    }
}
