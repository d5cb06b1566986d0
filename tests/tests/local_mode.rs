//! Local mode on the error paths: a handler error or panic prints one line and exits 1.

use std::process::Output;

use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_tenant-trigger");

fn run(event: &Value, args: &[&str]) -> Output {
    let args: Vec<&str> = ["--event", "-"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    run_local(BIN, &args, Some(&event.to_string()))
}

fn event() -> Value {
    cognito_triggers::sample_event(cognito_triggers::Version::V1_0)
}

#[test]
fn handler_error_exits_1_with_the_message() {
    let output = run(&event(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: this account has no tenant\n"
    );
}

#[test]
fn handler_panic_exits_1_without_details_on_stdout() {
    let mut event = event();
    event["request"]["clientMetadata"]["panic"] = json!("yes");
    let output = run(&event, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr, "error: the trigger handler failed unexpectedly\n");
}

#[test]
fn success_merges_static_and_dynamic_claims() {
    let mut event = event();
    event["request"]["userAttributes"]["custom:tenant"] = json!("acme");
    let output = run(&event, &["--claims"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tokens: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(tokens["id_token"]["tenant"], "acme");
    assert_eq!(tokens["id_token"]["source"], "tenant-trigger");
    assert_eq!(tokens["id_token"]["custom:tenant"], "acme");
    assert_eq!(
        tokens["id_token"]["cognito:groups"],
        json!(["group-1", "group-2"])
    );
}

#[test]
fn init_installs_its_subscriber_before_the_bootstraps_logger() {
    let output = run_local(
        env!("CARGO_BIN_EXE_init-subscriber"),
        &["--event", "-"],
        Some(&event().to_string()),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["tier"],
        "gold"
    );
}
