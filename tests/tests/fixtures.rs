//! Every event shape of cognito-reference.md through a generated handler: what is accepted,
//! the exact response written, and the one clear error for what is not an event.

use std::path::PathBuf;

use cognito_triggers::{
    pre_token_generation, ErrorKind, PreTokenGeneration, TriggerSource, Version,
};
use serde_json::{json, Value};

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"), main = false)]
async fn amplify() {}

#[pre_token_generation(claims(tier = "gold"), main = false)]
async fn claim_only() {}

#[pre_token_generation(claims(tenant = attr("custom:tenant")), main = false)]
async fn reads_attributes() {}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const ACCEPTED: &[&str] = &[
    "v0-cognito-local.json",
    "v1-aws-constructed.json",
    "v1-doc-2023-group-configuration-array.json",
    "v1-go-unknown-trigger-source.json",
    "v1-unknown-fields-no-version.json",
    "v2-aws-doc-sample.json",
    "v2-go-testdata.json",
    "v2-group-configuration-null.json",
    "v2-response-empty-object.json",
    "v2-scopes-missing-response-absent.json",
    "v3-client-credentials.json",
];

#[test]
fn every_fixture_is_listed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        // Folders hold other triggers' fixtures (`lifecycle/`).
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("error-"))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, ACCEPTED);
}

#[test]
fn accepted_events_keep_everything_but_the_response() {
    for name in ACCEPTED {
        let event = fixture_json(name);
        let answered = AMPLIFY
            .invoke_blocking(event.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut without_response = answered.clone();
        let mut original = event.clone();
        without_response.as_object_mut().unwrap().remove("response");
        original.as_object_mut().unwrap().remove("response");
        assert_eq!(
            without_response, original,
            "{name}: the event must come back unchanged"
        );
    }
}

#[test]
fn response_shape_follows_the_event_version() {
    for name in ACCEPTED {
        let answered = AMPLIFY.invoke_blocking(fixture_json(name)).unwrap();
        let response = answered["response"].as_object().unwrap();
        let keys: Vec<&str> = response.keys().map(String::as_str).collect();
        let m2m = answered["triggerSource"] == "TokenGeneration_ClientCredentials";
        let expected: &[&str] = match answered.get("version").and_then(Value::as_str) {
            _ if m2m => &[],
            Some("2" | "3") => &["claimsAndScopeOverrideDetails"],
            _ => &["claimsOverrideDetails"],
        };
        assert_eq!(keys, expected, "{name}");
    }
}

#[test]
fn amplify_handler_on_the_v1_sample() {
    let answered = AMPLIFY
        .invoke_blocking(fixture_json("v1-aws-constructed.json"))
        .unwrap();
    assert_eq!(
        answered["response"],
        json!({"claimsOverrideDetails": {
            "claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"},
            "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
        }})
    );
}

#[test]
fn amplify_handler_on_the_aws_v2_doc_sample_with_its_errata() {
    let answered = AMPLIFY
        .invoke_blocking(fixture_json("v2-aws-doc-sample.json"))
        .unwrap();
    assert_eq!(
        answered["response"],
        json!({"claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"}},
            "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
        }})
    );
}

#[test]
fn no_group_override_unless_groups_are_configured() {
    for name in ACCEPTED {
        let event = fixture_json(name);
        let answered = CLAIM_ONLY.invoke_blocking(event.clone()).unwrap();
        // Exactly the claim, in the event's shape: no groups, no nulls, no empty lists.
        let claim = json!({"claimsToAddOrOverride": {"tier": "gold"}});
        let expected = match (event["version"].as_str(), event["triggerSource"].as_str()) {
            (Some("3"), Some("TokenGeneration_ClientCredentials")) => json!({}),
            (Some("2" | "3"), _) => {
                json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": claim}})
            }
            _ => json!({"claimsOverrideDetails": claim}),
        };
        assert_eq!(answered["response"], expected, "{name}");
    }
}

#[test]
fn decoded_fields() {
    let doc = PreTokenGeneration::from_json(&fixture("v2-aws-doc-sample.json")).unwrap();
    assert_eq!(doc.version, Some(Version::V2_0));
    assert_eq!(
        doc.groups.preferred_role.as_deref(),
        Some("arn:aws:iam::123456789012:role/sns_caller")
    );
    assert_eq!(doc.groups.groups.len(), 3);
    assert_eq!(
        doc.scopes,
        ["aws.cognito.signin.user.admin", "openid", "email", "phone"]
    );
    assert_eq!(doc.attribute("family_name"), Some("Zoe"));

    let local = PreTokenGeneration::from_json(&fixture("v0-cognito-local.json")).unwrap();
    assert_eq!(local.version, Some(Version::V1_0));
    assert!(local.groups.groups.is_empty());
    assert_eq!(local.client_id(), Some("local-client"));

    let array =
        PreTokenGeneration::from_json(&fixture("v1-doc-2023-group-configuration-array.json"))
            .unwrap();
    assert_eq!(array.groups.groups, ["group-1"]);
    assert_eq!(array.trigger_source, TriggerSource::NewPasswordChallenge);
    assert_eq!(array.client_metadata.get("k"), Some("v"));

    let go = PreTokenGeneration::from_json(&fixture("v1-go-unknown-trigger-source.json")).unwrap();
    assert_eq!(
        go.trigger_source,
        TriggerSource::Other("PreTokenGen".into())
    );

    let nulls =
        PreTokenGeneration::from_json(&fixture("v2-scopes-missing-response-absent.json")).unwrap();
    assert!(
        nulls.scopes.is_empty()
            && nulls.groups.groups.is_empty()
            && nulls.groups.iam_roles.is_empty()
    );

    let m2m = PreTokenGeneration::from_json(&fixture("v3-client-credentials.json")).unwrap();
    assert_eq!(m2m.trigger_source, TriggerSource::ClientCredentials);
    assert_eq!(m2m.user_name, None);
    assert_eq!(m2m.version, Some(Version::V3_0));
}

#[test]
fn bad_events_give_one_clear_error() {
    let cases = [
        ("error-missing-request.json", "invalid event: the event has no `request` object"),
        ("error-request-null.json", "invalid event: the event has no `request` object"),
        ("error-non-object.json", "invalid event: the event must be a JSON object, got an array"),
        ("error-unknown-version.json", "invalid event: unsupported event version `9` (expected \"1\", \"2\" or \"3\")"),
        (
            "error-attribute-not-string.json",
            "invalid event: at `request.userAttributes.custom:age`: invalid type: integer, expected a string",
        ),
    ];
    for (name, message) in cases {
        let error = READS_ATTRIBUTES
            .invoke_blocking(fixture_json(name))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidEvent, "{name}");
        assert_eq!(error.to_string(), message, "{name}");
    }
    let truncated = PreTokenGeneration::from_json(&fixture("error-truncated.json")).unwrap_err();
    assert!(
        truncated
            .to_string()
            .starts_with("invalid event: the event is not valid JSON: EOF"),
        "{truncated}"
    );
}

#[test]
fn request_is_decoded_only_as_far_as_the_handler_reads_it() {
    // The Amplify handler writes the same response whatever the user: a malformed attribute
    // it never reads does not fail the sign-in.
    let answered = AMPLIFY
        .invoke_blocking(fixture_json("error-attribute-not-string.json"))
        .unwrap();
    assert_eq!(
        answered["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["amplfy_attribute"],
        "amplify_gen_2"
    );
    // The top level is always checked.
    for name in [
        "error-missing-request.json",
        "error-non-object.json",
        "error-unknown-version.json",
    ] {
        assert!(
            AMPLIFY.invoke_blocking(fixture_json(name)).is_err(),
            "{name}"
        );
    }
}
