//! The example's binary in local mode: no KMS call and no email; what would happen.

use cognito_triggers_tests::run_local;

const BIN: &str = env!("CARGO_BIN_EXE_email-sender");

#[test]
fn a_sign_up_code_would_be_decrypted_and_sent() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("event: CustomEmailSender_SignUp, user jane"),
        "{text}"
    );
    assert!(
        text.contains("On Lambda the code is decrypted with the Encryption SDK and the key in `KMS_KEY_ARN` (encryption context userpool-id = us-east-1_EXAMPLE) and passed to `send` to deliver."),
        "{text}"
    );
}

#[test]
fn an_account_takeover_notice_has_no_code() {
    let output = run_local(BIN, &["--source", "AccountTakeOverNotification"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("No code (an account-takeover notification): `send` gets `None`."),
        "{text}"
    );
}
