//! The example's binary in local mode: the OIDC and SAML samples become profiles; a long group
//! list is cut to Cognito's limit instead of failing the sign-in; tokens are never copied.

use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_federation-mapping");

fn answer(event: &str) -> Value {
    let path = format!("{}/events/{event}", env!("CARGO_MANIFEST_DIR"));
    let output = run_local(BIN, &["--event", &path], None);
    assert!(output.status.success(), "{output:?}");
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    answer["response"]["userAttributesToMap"].clone()
}

#[test]
fn oidc_claims_from_the_id_token_and_userinfo() {
    let mapped = answer("oidc.json");
    assert_eq!(
        mapped,
        json!({
            "email": "jane@example.com",
            "email_verified": "true",
            "given_name": "Jane",
            "family_name": "Doe",
            "custom:groups": "[\"staff\",\"admins\"]",
            "custom:idp": "Okta"
        })
    );
    assert!(
        !mapped.to_string().contains("eyJraWQiOi"),
        "no token is copied"
    );
}

#[test]
fn saml_claims_with_the_group_list_cut_to_the_limit() {
    let mapped = answer("saml.json");
    assert_eq!(mapped["custom:saml_email"], "jane@corp.example");
    assert_eq!(mapped["custom:idp"], "CorpSAML");
    let groups = mapped["custom:saml_groups"].as_str().unwrap();
    assert_eq!(groups.chars().count(), 2048);
    assert!(groups.starts_with("group-0000-with-a-long-descriptive-name,group-0001"));
}

#[test]
fn the_sample_lists_the_attributes_the_profile_gets() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("provider ExampleOIDCProvider (OIDC)"),
        "{text}"
    );
    assert!(text.contains("The user's profile gets exactly these attributes (others are dropped):\n  email (16 characters)"), "{text}");
}
