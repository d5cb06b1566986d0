//! The example's binary in local mode: a legacy user signs in and is migrated; a weak legacy
//! password forces a reset; a wrong password and an unknown user get the same answer; the
//! password never appears in what it prints.

use cognito_triggers_tests::run_local;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_user-migration");

fn events(name: &str) -> String {
    format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_sample_sign_in_migrates_jane_confirmed() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("event: UserMigration_Authentication, user jane@example.com"),
        "{text}"
    );
    assert!(
        text.contains(
            "with the attributes email, email_verified, name (values not shown), confirmed"
        ),
        "{text}"
    );
    assert!(!text.contains("correct horse"), "{text}");
}

#[test]
fn a_weak_legacy_password_must_be_reset() {
    let output = run_local(BIN, &["--event", &events("weak-password.json")], None);
    assert!(output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let response = &answer["response"];
    assert_eq!(response["finalUserStatus"], "RESET_REQUIRED");
    assert_eq!(response["messageAction"], "SUPPRESS");
    assert_eq!(response["userAttributes"]["phone_number_verified"], "true");
    assert_eq!(response["userAttributes"]["email_verified"], "false");
}

#[test]
fn wrong_password_and_unknown_user_are_the_same_answer() {
    let wrong = run_local(BIN, &["--event", &events("wrong-password.json")], None);
    let unknown = run_local(BIN, &["--event", &events("unknown-user.json")], None);
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(wrong.stderr, unknown.stderr);
    assert_eq!(
        String::from_utf8(wrong.stderr).unwrap(),
        "error: User does not exist\n"
    );
    assert!(wrong.stdout.is_empty());
}

#[test]
fn a_reset_migrates_a_user_with_somewhere_to_send_the_code() {
    let output = run_local(BIN, &["--event", &events("reset-joe.json")], None);
    assert!(output.status.success(), "{output:?}");
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["response"]["userAttributes"]["phone_number"],
        "+15555550100"
    );
    let sample = run_local(BIN, &["--source", "ForgotPassword"], None);
    let text = String::from_utf8(sample.stdout).unwrap();
    assert!(
        text.contains("event: UserMigration_ForgotPassword"),
        "{text}"
    );
    assert!(text.contains("is migrated"), "{text}");
}
