//! The suite's binary in local mode: it lists what it serves, and routes `--event` by
//! `triggerSource` as Lambda would.

use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_sign-in-suite");

fn event(source: &str, request: Value) -> String {
    json!({
        "version": "1", "triggerSource": source, "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE", "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": request, "response": {}
    })
    .to_string()
}

#[test]
fn without_arguments_it_lists_the_triggers_and_runs_the_first_sample() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(text.starts_with(
        "This bootstrap serves `sign_up` (pre sign-up), `sign_in` (pre authentication), `confirmed` (post confirmation);"
    ), "{text}");
    assert!(
        text.contains("event: PreSignUp_SignUp, user jane"),
        "{text}"
    );
    for (source, expected) in [
        (
            "Authentication",
            "the sign-in goes on (Cognito checks the password next).",
        ),
        ("ConfirmSignUp", "added to `EVERYONE`"),
        (
            "PostConfirmation_ConfirmForgotPassword",
            "the user is confirmed.\n",
        ),
    ] {
        let output = run_local(BIN, &["--source", source], None);
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains(expected), "{source}: {text}");
    }
}

#[test]
fn event_is_routed_by_trigger_source() {
    // Pre sign-up: the domain check.
    let refused = run_local(
        BIN,
        &["--event", "-"],
        Some(&event(
            "PreSignUp_SignUp",
            json!({"userAttributes": {"email": "jane@evil-amazon.com"}}),
        )),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "error: Sign-ups are limited to amazon.com addresses\n"
    );
    // Pre authentication: the verified check.
    let unverified = event(
        "PreAuthentication_Authentication",
        json!({"userAttributes": {"email_verified": "false"}}),
    );
    let refused = run_local(BIN, &["--event", "-"], Some(&unverified));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "error: Verify your email address before signing in\n"
    );
    // Post confirmation: unchanged (local mode does not call AWS).
    let confirmed = event(
        "PostConfirmation_ConfirmSignUp",
        json!({"userAttributes": {}}),
    );
    let output = run_local(BIN, &["--event", "-"], Some(&confirmed));
    assert!(output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer, serde_json::from_str::<Value>(&confirmed).unwrap());
    // A trigger it does not serve: unchanged, with one warning.
    let other = event(
        "PostAuthentication_Authentication",
        json!({"userAttributes": {}}),
    );
    let output = run_local(BIN, &["--event", "-"], Some(&other));
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim_end(), other);
    let warning = String::from_utf8_lossy(&output.stderr);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.contains("no trigger of this bootstrap handles this trigger source"),
        "{warning}"
    );
}
