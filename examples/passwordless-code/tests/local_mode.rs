//! The example's binary in local mode: whole sign-ins played through its three triggers, and
//! each trigger's sample.

use cognito_triggers_tests::run_local;

const BIN: &str = env!("CARGO_BIN_EXE_passwordless-code");

#[test]
fn a_wrong_answer_then_the_code_signs_in_with_one_email() {
    let output = run_local(BIN, &["--answers", "000000,<code>"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert_eq!(
        text,
        "A sign-in of the sample user (flow: CUSTOM_CHALLENGE), answers: 000000, <code>\n\n\
         round 1: define → CUSTOM_CHALLENGE; create → a new code, delivered by the function; answer 000000 → wrong\n\
         round 2: define → CUSTOM_CHALLENGE; create → the same code again, not delivered again; answer <code> → correct\n\
         round 3: define → tokens issued\n"
    );
    // The function ran once, in local mode: nothing sent.
    let log = String::from_utf8(output.stderr).unwrap();
    assert_eq!(log.matches("the code would be emailed").count(), 1, "{log}");
}

#[test]
fn three_wrong_answers_end_the_sign_in() {
    let output = run_local(BIN, &["--answers", "1,2,3,<code>"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("answer 3 → wrong\nround 4: define → the sign-in fails\n"),
        "{text}"
    );
}

#[test]
fn each_trigger_has_a_sample() {
    let output = run_local(BIN, &[], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("serves `define` (define auth challenge), `create` (create auth challenge), `verify` (verify auth challenge response)"), "{text}");
    assert!(text.contains("Next challenge: CUSTOM_CHALLENGE."), "{text}");
    let output = run_local(
        BIN,
        &["--source", "VerifyAuthChallengeResponse_Authentication"],
        None,
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("The answer is correct.\n"), "{text}");
    let output = run_local(
        BIN,
        &["--source", "CreateAuthChallenge_Authentication"],
        None,
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("A new 6-digit code, passed to `create` to deliver."),
        "{text}"
    );
    assert!(text.contains(r#"{"delivery":"email"}"#), "{text}");
}

#[test]
fn help_lists_answers() {
    let output = run_local(BIN, &["--help"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("--answers A,B"), "{text}");
}
