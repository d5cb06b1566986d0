//! The example's binary in local mode, as a user runs it.

use std::process::Output;

use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_override-token");
const V1_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/v1-aws-constructed.json"
);

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_local(BIN, args, stdin)
}

fn stdout_json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn no_arguments_shows_the_amplify_page_result() {
    let output = run(&[], None);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "Response to Cognito:",
        "\"groupsToOverride\": [\n          \"amplify_group_1\"",
        "ID token claims:",
        "\"cognito:groups\": [\n    \"amplify_group_1\"\n  ]",
        "\"amplfy_attribute\": \"amplify_gen_2\"",
        "\"email_verified\": true",
        "\"cognito:username\": \"JaneDoe\"",
        "\"iss\": \"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE\"",
        "\"aud\": \"1example23456789\"",
        "\"origin_jti\": ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn event_file_prints_exactly_what_lambda_returns() {
    let answered = stdout_json(&run(&["--event", V1_FIXTURE], None));
    let mut expected: Value =
        serde_json::from_str(&std::fs::read_to_string(V1_FIXTURE).unwrap()).unwrap();
    expected["response"] = json!({"claimsOverrideDetails": {
        "claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"},
        "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
    }});
    assert_eq!(answered, expected);
}

#[test]
fn event_from_stdin_and_claims() {
    let event = std::fs::read_to_string(V1_FIXTURE).unwrap();
    let tokens = stdout_json(&run(&["--event", "-", "--claims"], Some(&event)));
    let id = &tokens["id_token"];
    assert_eq!(id["cognito:groups"], json!(["amplify_group_1"]));
    assert_eq!(id["amplfy_attribute"], "amplify_gen_2");
    assert_eq!(id["token_use"], "id");
    assert!(
        id.get("cognito:roles").is_none(),
        "groups were replaced without roles"
    );
    assert_eq!(
        tokens["access_token"]["cognito:groups"],
        json!(["amplify_group_1"])
    );
    assert!(tokens["access_token"].get("amplfy_attribute").is_none());
}

#[test]
fn bad_event_exits_1_with_one_line_on_stderr() {
    for input in [
        "{\"version\": \"1\"",
        "[1, 2]",
        "{\"version\": \"1\", \"callerContext\": {}}",
    ] {
        let output = run(&["--event", "-"], Some(input));
        assert_eq!(output.status.code(), Some(1), "{input}");
        assert!(output.stdout.is_empty(), "{input}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: invalid event: "), "{stderr}");
    }
    let missing = run(&["--event", "/nonexistent/event.json"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error: cannot read the event"));
}

#[test]
fn help_and_unknown_arguments() {
    let help = run(&["--help"], None);
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(
        text.contains("Usage: override-token [--event PATH] [--claims]"),
        "{text}"
    );
    let wrong = run(&["--evnt", "x"], None);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(wrong.stdout.is_empty());
}
