//! The example's binary in local mode, as a user runs it.

use cognito_triggers_tests::{birthdate, run_local};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_attribute-validation");

fn sign_up(birthdate: &str) -> String {
    json!({
        "version": "1", "triggerSource": "PreSignUp_SignUp", "userName": "jane",
        "request": {"userAttributes": {"email": "jane@example.com", "birthdate": birthdate}},
        "response": {}
    })
    .to_string()
}

#[test]
fn the_sample_sign_up_is_accepted() {
    let output = run_local(BIN, &[], None);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("The sign-up is accepted"), "{text}");
}

#[test]
fn thirteen_today_passes_and_thirteen_tomorrow_does_not() {
    let run = |birthdate: &str| run_local(BIN, &["--event", "-"], Some(&sign_up(birthdate)));
    for accepted in [birthdate(13, 0), birthdate(13, -1), birthdate(40, 0)]
        .into_iter()
        .flatten()
    {
        assert!(run(&accepted).status.success(), "{accepted}");
    }
    // The page's first version compared the other way round: a 12-year-old passed.
    let refused = [
        birthdate(13, 1).or_else(|| birthdate(13, 2)),
        birthdate(12, 0),
        Some("2099-01-01".into()),
        Some("1990-02-30".into()),
        Some("01/02/1990".into()),
    ];
    for refused in refused.into_iter().flatten() {
        let output = run(&refused);
        assert_eq!(output.status.code(), Some(1), "{refused}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: You must be 13 years or older to use this site\n",
            "{refused}"
        );
    }
}
