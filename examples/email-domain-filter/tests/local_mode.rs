//! The example's binary in local mode, as a user runs it.

use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_email-domain-filter");

fn sign_up(email: &str) -> String {
    json!({
        "version": "1", "triggerSource": "PreSignUp_SignUp", "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE", "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"userAttributes": {"email": email}, "validationData": null},
        "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}
    })
    .to_string()
}

#[test]
fn the_sample_sign_up_is_accepted() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("event: PreSignUp_SignUp, user jane"),
        "{text}"
    );
    assert!(
        text.contains("The sign-up is accepted: the user confirms with a code."),
        "{text}"
    );
    let admin = run_local(BIN, &["--source", "AdminCreateUser"], None);
    let text = String::from_utf8(admin.stdout).unwrap();
    assert!(text.contains("PreSignUp_AdminCreateUser"), "{text}");
    let unknown = run_local(BIN, &["--source", "Login"], None);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "error: no sample event for `Login`; the samples are: SignUp, AdminCreateUser, ExternalProvider\n"
    );
}

#[test]
fn amazon_com_passes_and_look_alikes_are_refused_with_the_pages_text() {
    for email in ["jane@amazon.com", "Jane@AMAZON.COM"] {
        let output = run_local(BIN, &["--event", "-"], Some(&sign_up(email)));
        assert!(output.status.success(), "{email}");
        let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(answer["response"]["autoConfirmUser"], false);
        assert_eq!(answer["request"]["userAttributes"]["email"], email);
    }
    // What the page's `endsWith("amazon.com")` lets through, and what it throws on.
    for email in [
        "jane@evil-amazon.com",
        "jane@amazon.com.evil.net",
        "jane@notamazon.com",
    ] {
        let output = run_local(BIN, &["--event", "-"], Some(&sign_up(email)));
        assert_eq!(output.status.code(), Some(1), "{email}");
        assert!(output.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: Invalid email domain\n"
        );
    }
    let mut no_email: Value = serde_json::from_str(&sign_up("")).unwrap();
    no_email["request"]["userAttributes"] = json!({"phone_number": "+12065550100"});
    let output = run_local(BIN, &["--event", "-"], Some(&no_email.to_string()));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: Invalid email domain\n"
    );
}
