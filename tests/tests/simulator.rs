//! The token simulator against the claims table of the Cognito developer guide ("Claims and
//! scopes reference"), the Amplify page's token and the AWS V2 example. Expected outcomes are
//! written here from the table, independently of the rule code.

use cognito_triggers::{sample_event, simulate_at, PreTokenGeneration, Version};
use serde_json::{json, Value};

const T: u64 = 1_700_000_000;

/// `(claim, may add/override, may suppress)` per the guide's table, with this project's
/// fail-closed choices marked.
const TABLE: &[(&str, bool, bool)] = &[
    ("tier", true, true),            // any claim not in the token schema
    ("email", true, true),           // standard OIDC attribute
    ("custom:tenant", true, true),   // custom: attribute
    ("dev:internal", false, true),   // dev: attribute: suppress only
    ("cognito:groups", false, true), // through groupOverrideDetails, suppressible
    ("cognito:roles", false, false), // suppressed only through cognito:groups (footnote 3)
    ("cognito:preferred_role", false, false),
    ("cognito:username", false, false),
    ("cognito:user_status", false, false), // any other cognito: claim
    ("scope", false, false),               // only through scopesToAdd/scopesToSuppress
    ("username", false, false),
    ("sub", false, false),
    ("identities", false, false),
    ("aud", false, false), // in the ID token; access token: see below
    ("client_id", false, false),
    ("event_id", false, false),
    ("device_key", false, false),
    ("version", false, false),
    ("acr", false, false),
    ("amr", false, false),
    ("at_hash", false, false),
    ("auth_time", false, false),
    ("azp", false, false),
    ("exp", false, false),
    ("iat", false, false),
    ("iss", false, false),
    ("jti", false, false),
    ("nbf", false, false),
    ("nonce", false, false),
    ("origin_jti", false, false),
    ("token_use", false, false),
    ("c_hash", false, false), // not in the table: reserved to fail closed
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Add,
    Override,
    Suppress,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Id,
    Access,
}

fn event(version: Version, claim: &str, present: bool) -> PreTokenGeneration<'static> {
    let mut event = sample_event(Version::V2_0);
    event["version"] = json!(version.event_version());
    let attributes = event["request"]["userAttributes"].as_object_mut().unwrap();
    attributes.retain(|k, _| k == "sub");
    if present && !claim.starts_with("cognito:") && claim != "sub" {
        attributes.insert(claim.to_owned(), json!("before"));
    }
    PreTokenGeneration::from_value(&event).unwrap()
}

fn response(version: Version, tok: Tok, op: Op, claim: &str) -> Value {
    let change = match op {
        Op::Add | Op::Override => json!({"claimsToAddOrOverride": {claim: "after"}}),
        Op::Suppress => json!({"claimsToSuppress": [claim]}),
    };
    match (version, tok) {
        (Version::V1_0, Tok::Id) => json!({"claimsOverrideDetails": change}),
        // A V1 event has no place for access token changes: only the V2 shape can carry them.
        (Version::V1_0, Tok::Access) => {
            json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": change}})
        }
        (_, Tok::Id) => json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": change}}),
        (_, Tok::Access) => {
            json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": change}})
        }
    }
}

#[test]
fn claims_table_rows_by_operation_token_and_version() {
    let mut checked = 0;
    for &(claim, may_write, may_suppress) in TABLE {
        for op in [Op::Add, Op::Override, Op::Suppress] {
            for tok in [Tok::Id, Tok::Access] {
                for version in Version::ALL {
                    let present = op != Op::Add;
                    let event = event(version, claim, present);
                    let outcome = simulate_at(&event, &response(version, tok, op, claim), T);
                    let allowed = match op {
                        Op::Add | Op::Override => may_write,
                        Op::Suppress => may_suppress,
                    } && !(version == Version::V1_0 && tok == Tok::Access);
                    let case = format!("{claim} {op:?} {tok:?} {version}");
                    match outcome {
                        Ok(tokens) if allowed => {
                            let token = match tok {
                                Tok::Id => tokens.id_token.unwrap(),
                                Tok::Access => tokens.access_token,
                            };
                            match op {
                                Op::Suppress => assert!(token.get(claim).is_none(), "{case}"),
                                _ => assert_eq!(token.get(claim), Some(&json!("after")), "{case}"),
                            }
                        }
                        Ok(_) => panic!("{case}: expected an error"),
                        Err(e) if allowed => panic!("{case}: unexpected error {e}"),
                        Err(e) => {
                            let message = e.to_string();
                            let named = claim.is_empty()
                                || message.contains(claim)
                                || message.contains("version 1 event");
                            assert!(named, "{case}: the error must name the claim: {message}");
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, TABLE.len() * 3 * 2 * 3);
}

#[test]
fn access_token_aud_only_as_the_client_id() {
    let event = event(Version::V2_0, "aud", false);
    let ok = json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {"claimsToAddOrOverride": {"aud": "1example23456789"}}}});
    assert_eq!(
        simulate_at(&event, &ok, T).unwrap().access_token["aud"],
        "1example23456789"
    );
    let bad = json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {"claimsToAddOrOverride": {"aud": "https://api"}}}});
    assert!(simulate_at(&event, &bad, T)
        .unwrap_err()
        .to_string()
        .contains("`aud`"));
}

#[test]
fn value_types_by_version() {
    let v1 = event(Version::V1_0, "tier", false);
    let number = json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"tier": 3}}});
    let error = simulate_at(&v1, &number, T).unwrap_err().to_string();
    assert!(error.contains("claim `tier` is a number"), "{error}");

    let v2 = event(Version::V2_0, "tier", false);
    let values = json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": {"claimsToAddOrOverride": {
        "big": i64::MAX, "huge": f64::MAX, "flag": false, "mixed": ["a", 1, true], "obj": {"k": {"n": [1]}}
    }}}});
    let id = simulate_at(&v2, &values, T).unwrap().id_token.unwrap();
    assert_eq!(id["big"], json!(i64::MAX));
    assert_eq!(id["huge"], json!(f64::MAX));
    assert_eq!(id["mixed"], json!(["a", 1, true]));
    assert_eq!(id["obj"], json!({"k": {"n": [1]}}));

    for (claim, value) in [
        ("email_verified", json!({"a": 1})),
        ("address", json!(["x"])),
        ("x", json!(null)),
        ("y", json!([[1]])),
    ] {
        let bad = json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": {"claimsToAddOrOverride": {claim: value}}}});
        assert!(simulate_at(&v2, &bad, T).is_err(), "{claim}");
    }
    let address_in_access = json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {"claimsToAddOrOverride": {"address": {"street": "1 Main"}}}}});
    assert!(simulate_at(&v2, &address_in_access, T).is_ok());
}

#[test]
fn suppress_beats_add() {
    let v2 = event(Version::V2_0, "tier", false);
    let both = json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": {
        "claimsToAddOrOverride": {"tier": "gold"}, "claimsToSuppress": ["tier"]
    }}});
    assert!(simulate_at(&v2, &both, T)
        .unwrap()
        .id_token
        .unwrap()
        .get("tier")
        .is_none());
}

#[test]
fn groups_replace_in_both_tokens_and_empty_override_removes_them() {
    let v1 = PreTokenGeneration::from_value(&sample_event(Version::V1_0)).unwrap();
    let replace =
        json!({"claimsOverrideDetails": {"groupOverrideDetails": {"groupsToOverride": ["x"]}}});
    let tokens = simulate_at(&v1, &replace, T).unwrap();
    let id = tokens.id_token.unwrap();
    assert_eq!(id["cognito:groups"], json!(["x"]));
    assert!(id.get("cognito:roles").is_none() && id.get("cognito:preferred_role").is_none());
    assert_eq!(tokens.access_token["cognito:groups"], json!(["x"]));

    for empty in [json!({}), json!(null)] {
        let wipe = json!({"claimsOverrideDetails": {"groupOverrideDetails": empty}});
        let tokens = simulate_at(&v1, &wipe, T).unwrap();
        assert!(tokens.id_token.unwrap().get("cognito:groups").is_none());
        assert!(tokens.access_token.get("cognito:groups").is_none());
    }
    let untouched = simulate_at(&v1, &json!({"claimsOverrideDetails": {}}), T).unwrap();
    assert_eq!(
        untouched.id_token.unwrap()["cognito:groups"],
        json!(["group-1", "group-2"])
    );

    let suppress = json!({"claimsOverrideDetails": {"claimsToSuppress": ["cognito:groups"]}});
    let id = simulate_at(&v1, &suppress, T).unwrap().id_token.unwrap();
    assert!(id.get("cognito:groups").is_none() && id.get("cognito:roles").is_none());
    assert!(id.get("cognito:preferred_role").is_none());
}

#[test]
fn amplify_page_id_token() {
    let v1 = PreTokenGeneration::from_value(&sample_event(Version::V1_0)).unwrap();
    let response = json!({"claimsOverrideDetails": {
        "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]},
        "claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"}
    }});
    let id = simulate_at(&v1, &response, T).unwrap().id_token.unwrap();
    assert_eq!(id["cognito:groups"], json!(["amplify_group_1"]));
    assert_eq!(id["email_verified"], json!(true));
    assert_eq!(
        id["iss"],
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"
    );
    assert_eq!(id["cognito:username"], "JaneDoe");
    assert_eq!(id["amplfy_attribute"], "amplify_gen_2");
    assert_eq!(id["aud"], "1example23456789");
    assert_eq!(id["token_use"], "id");
    assert_eq!(
        (id["iat"].as_u64(), id["exp"].as_u64()),
        (Some(T), Some(T + 3600))
    );
    assert!(id["origin_jti"].as_str().is_some_and(|j| j.len() == 36));
}

#[test]
fn aws_v2_example() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/v2-aws-doc-sample.json"
    ))
    .unwrap();
    let event = PreTokenGeneration::from_json(&text).unwrap();
    // The response the guide's example handler returns.
    let response = json!({"claimsAndScopeOverrideDetails": {
        "idTokenGeneration": {
            "claimsToAddOrOverride": {"family_name": "Doe"},
            "claimsToSuppress": ["email", "phone_number"]
        },
        "accessTokenGeneration": {
            "scopesToAdd": ["openid", "email", "solar-system-data/asteroids.add"],
            "scopesToSuppress": ["phone_number", "aws.cognito.signin.user.admin"]
        },
        "groupOverrideDetails": {
            "groupsToOverride": ["new-group-A", "new-group-B", "new-group-C"],
            "iamRolesToOverride": ["arn:aws:iam::123456789012:role/new_roleA", "arn:aws:iam::123456789012:role/new_roleB", "arn:aws:iam::123456789012:role/new_roleC"],
            "preferredRole": "arn:aws:iam::123456789012:role/new_role"
        }
    }});
    let tokens = simulate_at(&event, &response, T).unwrap();
    let id = tokens.id_token.unwrap();
    assert_eq!(id["family_name"], "Doe");
    assert!(id.get("email").is_none() && id.get("phone_number").is_none());
    assert_eq!(
        id["cognito:groups"],
        json!(["new-group-A", "new-group-B", "new-group-C"])
    );
    assert_eq!(id["cognito:roles"].as_array().unwrap().len(), 3);
    assert_eq!(
        id["cognito:preferred_role"],
        "arn:aws:iam::123456789012:role/new_role"
    );
    let access = tokens.access_token;
    assert_eq!(
        access["scope"],
        "openid email phone solar-system-data/asteroids.add"
    );
    assert_eq!(
        access["cognito:groups"],
        json!(["new-group-A", "new-group-B", "new-group-C"])
    );
    assert!(access.get("cognito:roles").is_none());
}

#[test]
fn client_credentials_have_only_an_access_token() {
    let m2m = PreTokenGeneration::from_value(&sample_event(Version::V3_0)).unwrap();
    let response = json!({"claimsAndScopeOverrideDetails": {
        "idTokenGeneration": {"claimsToAddOrOverride": {"ignored": "yes"}},
        "accessTokenGeneration": {"claimsToAddOrOverride": {"m": "x"}, "scopesToAdd": ["a/b"]},
        "groupOverrideDetails": {"groupsToOverride": ["g"]}
    }});
    let tokens = simulate_at(&m2m, &response, T).unwrap();
    assert!(tokens.id_token.is_none());
    assert_eq!(tokens.access_token["m"], "x");
    assert!(tokens.access_token.get("cognito:groups").is_none());
    assert_eq!(tokens.access_token["sub"], "1example23456789");
    assert_eq!(
        tokens.access_token["scope"],
        "solar-system-data/asteroids.read solar-system-data/asteroids.write a/b"
    );
}

#[test]
fn jwt_output_verifies_with_its_jwks() {
    use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};
    let mut event = sample_event(Version::V1_0);
    event["request"]["userAttributes"]["custom:tenant"] = json!("acme");
    let output = cognito_triggers_tests::run_local(
        env!("CARGO_BIN_EXE_tenant-trigger"),
        &["--event", "-", "--jwt"],
        Some(&event.to_string()),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let signed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let jwk = &signed["jwks"]["keys"][0];
    assert_eq!(
        (jwk["kty"].as_str(), jwk["alg"].as_str()),
        (Some("RSA"), Some("RS256"))
    );
    let key =
        DecodingKey::from_rsa_components(jwk["n"].as_str().unwrap(), jwk["e"].as_str().unwrap())
            .unwrap();
    for (name, aud) in [("id_token", true), ("access_token", false)] {
        let token = signed[name].as_str().unwrap();
        let header = decode_header(token).unwrap();
        assert_eq!(header.kid.as_deref(), jwk["kid"].as_str());
        let mut validation = Validation::new(jsonwebtoken::Algorithm::RS256);
        validation.set_issuer(&["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"]);
        if aud {
            validation.set_audience(&["1example23456789"]);
        } else {
            validation.validate_aud = false;
        }
        let claims = decode::<Value>(token, &key, &validation).unwrap().claims;
        assert_eq!(claims["token_use"], if aud { "id" } else { "access" });
        if aud {
            assert_eq!(claims["tenant"], "acme");
        }
    }
    // A changed signature does not verify.
    // One symbol inside the signature (not the last, whose unused bits may not change the
    // bytes, and may not even be a valid last symbol), so that the bytes do change.
    let mut tampered: Vec<char> = signed["access_token"].as_str().unwrap().chars().collect();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    let mut validation = Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.validate_aud = false;
    let error = decode::<Value>(&tampered, &key, &validation).unwrap_err();
    assert_eq!(
        error.kind(),
        &jsonwebtoken::errors::ErrorKind::InvalidSignature,
        "{error}"
    );
}
