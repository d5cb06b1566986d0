//! The example in local mode: the tokens an API authorizer would see.

use cognito_triggers_tests::run_local;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_access-token-claims");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");

fn claims(fixture: &str) -> (Value, String) {
    let output = run_local(
        BIN,
        &["--event", &format!("{FIXTURES}{fixture}"), "--claims"],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn tenant_and_scope_reach_the_access_token() {
    let (tokens, _) = claims("v2-aws-doc-sample.json");
    let access = &tokens["access_token"];
    assert_eq!(access["tenant"], "none");
    assert_eq!(
        access["scope"],
        "aws.cognito.signin.user.admin openid email phone api/tenant.read"
    );
    assert!(tokens["id_token"].get("tenant").is_none());
}

#[test]
fn v1_events_get_a_warning_that_names_the_fix() {
    let (tokens, stderr) = claims("v1-aws-constructed.json");
    assert!(tokens["access_token"].get("tenant").is_none());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("Set the user pool's pre token generation LambdaVersion to V2_0"),
        "{stderr}"
    );
    assert!(stderr.contains("LambdaVersion.V2_0"), "{stderr}");
}
