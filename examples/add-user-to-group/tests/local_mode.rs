//! The example's binary in local mode: no calls to AWS, and what would happen for each source.

use cognito_triggers_tests::run_local;

const BIN: &str = env!("CARGO_BIN_EXE_add-user-to-group");

#[test]
fn the_sample_sign_up_would_join_everyone_and_a_reset_would_not() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("event: PostConfirmation_ConfirmSignUp, user jane"),
        "{text}"
    );
    assert!(
        text.contains("the user is confirmed and added to `EVERYONE` (AdminAddUserToGroup, which local mode does not call)."),
        "{text}"
    );
    let reset = run_local(BIN, &["--source", "ConfirmForgotPassword"], None);
    let text = String::from_utf8(reset.stdout).unwrap();
    assert!(
        text.contains("PostConfirmation_ConfirmForgotPassword"),
        "{text}"
    );
    assert!(text.ends_with("the user is confirmed.\n"), "{text}");
}
