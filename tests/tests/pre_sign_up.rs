//! `#[pre_sign_up]`: the checks, the flags, the function forms and the event shapes, each
//! through the same raw path as the Lambda loop.

use cognito_triggers::{pre_sign_up, Deny, ErrorKind, PreSignUp, PreSignUpSource, SignUp};
use cognito_triggers_tests::birthdate;
use proptest::prelude::*;
use serde_json::{json, Value};

fn event(source: &str, attributes: Value) -> String {
    json!({
        "version": "1",
        "triggerSource": source,
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"userAttributes": attributes, "validationData": null},
        "response": {}
    })
    .to_string()
}

fn sign_up(attributes: Value) -> String {
    event("PreSignUp_SignUp", attributes)
}

fn response(answer: &str) -> Value {
    serde_json::from_str::<Value>(answer).unwrap()["response"].clone()
}

#[pre_sign_up(email_domains(allow = ["amazon.com", "*.corp.example"]), main = false)]
fn allow_list() {}

#[test]
fn allow_list_is_exact_and_case_insensitive() {
    for email in [
        "jane@amazon.com",
        "jane@AMAZON.com",
        "a@b@amazon.com",
        "jane@mail.corp.example",
        "jane@x.y.CORP.example",
    ] {
        let answer = ALLOW_LIST.invoke_blocking(&sign_up(json!({ "email": email })));
        assert!(answer.is_ok(), "{email}: {answer:?}");
    }
    for email in [
        "jane@evil-amazon.com",
        "jane@amazon.com.evil.net",
        "jane@mail.amazon.com",
        "jane@amazon.com.",
        "jane@amazon.com ",
        "jane@corp.example",
        "jane@evilcorp.example",
        "amazon.com",
        "@amazon.com",
        "",
    ] {
        let error = ALLOW_LIST
            .invoke_blocking(&sign_up(json!({ "email": email })))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Handler, "{email}");
        assert_eq!(
            error.message(),
            "Sign-ups with this email domain are not allowed",
            "{email}"
        );
    }
    let error = ALLOW_LIST
        .invoke_blocking(&sign_up(json!({ "phone_number": "+12065550100" })))
        .unwrap_err();
    assert_eq!(error.message(), "An email address is required to sign up");
}

#[pre_sign_up(email_domains(deny = ["mailinator.com"]), message = "Use your work address", main = false)]
fn deny_list() {}

#[test]
fn deny_list_refuses_listed_and_malformed_domains_with_the_message() {
    assert!(DENY_LIST
        .invoke_blocking(&sign_up(json!({ "email": "jane@example.com" })))
        .is_ok());
    assert!(DENY_LIST
        .invoke_blocking(&sign_up(json!({ "phone_number": "+12065550100" })))
        .is_ok());
    for email in ["jane@MAILINATOR.com", "jane@mailinator.com.", "jane@"] {
        let error = DENY_LIST
            .invoke_blocking(&sign_up(json!({ "email": email })))
            .unwrap_err();
        assert_eq!(error.message(), "Use your work address", "{email}");
    }
}

#[pre_sign_up(min_age = 13, require = ["given_name"], main = false)]
fn age_gate() {}

#[test]
fn min_age_counts_whole_years_in_utc() {
    let check = |birthdate: &str| {
        AGE_GATE.invoke_blocking(&sign_up(
            json!({ "given_name": "Jane", "birthdate": birthdate }),
        ))
    };
    // Turning 13 today is 13; turning 13 tomorrow is still 12.
    if let Some(today) = birthdate(13, 0) {
        assert!(check(&today).is_ok(), "{today}");
    }
    if let Some(yesterday) = birthdate(13, -1) {
        assert!(check(&yesterday).is_ok(), "{yesterday}");
    }
    let tomorrow = birthdate(13, 1).or_else(|| birthdate(13, 2)).unwrap();
    assert_eq!(
        check(&tomorrow).unwrap_err().message(),
        "You must be at least 13 years old to sign up"
    );
    let future = birthdate(0, 1).unwrap();
    assert_eq!(
        check(&future).unwrap_err().message(),
        "A valid birthdate (YYYY-MM-DD) is required to sign up"
    );
    for bad in ["2001-02-29", "2001-13-01", "01/02/2001", "", "2001-1-1"] {
        assert_eq!(
            check(bad).unwrap_err().message(),
            "A valid birthdate (YYYY-MM-DD) is required to sign up",
            "{bad}"
        );
    }
    let missing = AGE_GATE.invoke_blocking(&sign_up(json!({ "given_name": "Jane" })));
    assert_eq!(
        missing.unwrap_err().message(),
        "A valid birthdate (YYYY-MM-DD) is required to sign up"
    );
    let blank = AGE_GATE.invoke_blocking(&sign_up(
        json!({ "given_name": " ", "birthdate": "1990-01-01" }),
    ));
    assert_eq!(
        blank.unwrap_err().message(),
        "The attribute `given_name` is required to sign up"
    );
}

#[pre_sign_up(auto_confirm = true, auto_verify = ["email", "phone_number"], main = false)]
fn flags() {}

#[test]
fn flags_verify_only_attributes_the_user_has() {
    let answer = FLAGS
        .invoke_blocking(&sign_up(json!({ "email": "jane@example.com" })))
        .unwrap();
    assert_eq!(
        response(&answer),
        json!({"autoConfirmUser": true, "autoVerifyEmail": true, "autoVerifyPhone": false})
    );
    let answer = FLAGS
        .invoke_blocking(&sign_up(
            json!({ "phone_number": "+12065550100", "email": "" }),
        ))
        .unwrap();
    assert_eq!(
        response(&answer),
        json!({"autoConfirmUser": true, "autoVerifyEmail": false, "autoVerifyPhone": true})
    );
}

#[test]
fn the_answer_is_the_event_with_only_the_response_replaced() {
    let input = event("PreSignUp_SignUp", json!({ "email": "jane@example.com" }));
    let answer = FLAGS.invoke_blocking(&input).unwrap();
    let mut expected: Value = serde_json::from_str(&input).unwrap();
    expected["response"] =
        json!({"autoConfirmUser": true, "autoVerifyEmail": true, "autoVerifyPhone": false});
    assert_eq!(serde_json::from_str::<Value>(&answer).unwrap(), expected);
    let keys = |text: &str| -> Vec<String> {
        serde_json::from_str::<serde_json::Map<String, Value>>(text)
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&answer), keys(&input));
}

#[pre_sign_up(auto_confirm = true, main = false)]
fn invited(event: &PreSignUp) -> Result<SignUp, Deny> {
    match event.validation_data.get("invite") {
        Some("welcome") => Ok(SignUp::default().auto_verify_email()),
        _ => Err(Deny::new("Sign-ups are by invitation only")),
    }
}

#[test]
fn the_function_refuses_with_deny_and_adds_flags() {
    let mut with_invite: Value =
        serde_json::from_str(&sign_up(json!({"email": "a@b.co"}))).unwrap();
    with_invite["request"]["validationData"] = json!({"invite": "welcome"});
    let answer = INVITED.invoke_blocking(&with_invite.to_string()).unwrap();
    assert_eq!(
        response(&answer),
        json!({"autoConfirmUser": true, "autoVerifyEmail": true, "autoVerifyPhone": false})
    );
    let error = INVITED
        .invoke_blocking(&sign_up(json!({"email": "a@b.co"})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Handler);
    assert_eq!(error.message(), "Sign-ups are by invitation only");
}

#[pre_sign_up(auto_confirm = true, triggers = ["SignUp"], main = false)]
fn self_service_only() {}

#[test]
fn other_trigger_sources_go_back_unchanged() {
    let input = event("PreSignUp_ExternalProvider", json!({"email": "a@b.co"}));
    let answer = SELF_SERVICE_ONLY.invoke_blocking(&input).unwrap();
    assert_eq!(answer, input);
    let answer = SELF_SERVICE_ONLY
        .invoke_blocking(&event("PreSignUp_SignUp", json!({})))
        .unwrap();
    assert_eq!(response(&answer)["autoConfirmUser"], true);
}

#[test]
fn every_event_shape_of_the_reference_is_read() {
    let shapes = [
        // The docs' partial test event: `"response": {}`, no callerContext, no version.
        r#"{"triggerSource": "PreSignUp_SignUp", "userName": "rroe", "request": {"userAttributes": {"email": "r@example.com"}}, "response": {}}"#,
        // validationData null, clientMetadata absent, the three flags false.
        r#"{"version": "1", "triggerSource": "PreSignUp_AdminCreateUser", "request": {"userAttributes": {}, "validationData": null}, "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}}"#,
        // Nulls everywhere the reference saw them, an unknown source and unknown members.
        r#"{"version": null, "triggerSource": "PreSignUp_SomethingNew", "region": null, "userPoolId": null, "userName": null, "callerContext": {"awsSdkVersion": null, "clientId": null}, "request": {"userAttributes": null, "validationData": null, "clientMetadata": null, "userNotFound": false}, "response": null, "extra": [1, {"a": null}]}"#,
    ];
    for shape in shapes {
        let decoded = PreSignUp::read(shape, |e| {
            (e.trigger_source.clone(), e.user_attributes.len())
        });
        assert!(decoded.is_ok(), "{shape}: {decoded:?}");
        let answer = FLAGS.invoke_blocking(shape).unwrap();
        assert_eq!(response(&answer)["autoConfirmUser"], true, "{shape}");
    }
    let source = PreSignUp::read(shapes[2], |e| e.trigger_source.clone()).unwrap();
    assert_eq!(
        source,
        PreSignUpSource::Other("PreSignUp_SomethingNew".into())
    );
}

#[test]
fn bad_events_are_clear_errors_without_values() {
    let cases = [
        (
            r#"{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email_verified": true}}}"#,
            "invalid event: at `request.userAttributes.email_verified`: invalid type: boolean, expected a string",
        ),
        (
            r#"{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email": "a@b.co", "email": "a@evil.co"}}}"#,
            "invalid event: at `request.userAttributes`: duplicate name `email`",
        ),
        (
            r#"{"triggerSource": "PreSignUp_SignUp", "request": {"validationData": ["s3cret"]}}"#,
            "invalid event: at `request.validationData`: invalid type: sequence, expected an object of strings or null",
        ),
        (r#"{"triggerSource": "PreSignUp_SignUp"}"#, "invalid event: the event has no `request` object"),
    ];
    for (input, expected) in cases {
        // A function that takes the event gets it whole: every part is checked.
        let error = INVITED.invoke_blocking(input).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidEvent, "{input}");
        assert_eq!(error.to_string(), expected, "{input}");
    }
    // Without a function that takes the event, only `userAttributes` is read (for the checks
    // and flags): a malformed part nobody reads does not fail the sign-up.
    let unread = r#"{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email": "a@b.co"}, "validationData": ["s3cret"]}}"#;
    assert_eq!(
        response(&FLAGS.invoke_blocking(unread).unwrap())["autoVerifyEmail"],
        true
    );
    let bad_attributes =
        r#"{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email": 7}}}"#;
    assert_eq!(
        FLAGS.invoke_blocking(bad_attributes).unwrap_err().to_string(),
        "invalid event: at `request.userAttributes.email`: invalid type: integer, expected a string"
    );
}

#[pre_sign_up(email_domains(allow = env("COGNITO_TRIGGERS_TEST_UNSET_DOMAINS")), main = false)]
fn unset_env() {}

#[pre_sign_up(email_domains(allow = env("COGNITO_TRIGGERS_TEST_DOMAINS")), main = false)]
fn from_env() {}

#[pre_sign_up(email_domains(allow = env("COGNITO_TRIGGERS_TEST_BAD_DOMAINS")), main = false)]
fn bad_env() {}

#[test]
fn env_domains_are_read_at_cold_start_and_checked() {
    // Set before any of these triggers' first event; nothing else reads these variables.
    std::env::set_var(
        "COGNITO_TRIGGERS_TEST_DOMAINS",
        " example.com, *.example.org ,",
    );
    std::env::set_var("COGNITO_TRIGGERS_TEST_BAD_DOMAINS", "example.com,evil.com.");
    for trigger in [&UNSET_ENV, &BAD_ENV] {
        let error = trigger
            .invoke_blocking(&sign_up(json!({"email": "a@example.com"})))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Configuration);
        assert_eq!(error.message(), "the trigger is not configured correctly");
    }
    assert!(FROM_ENV
        .invoke_blocking(&sign_up(json!({"email": "a@mail.example.org"})))
        .is_ok());
    let refused = FROM_ENV
        .invoke_blocking(&sign_up(json!({"email": "a@evil-example.com"})))
        .unwrap_err();
    assert_eq!(
        refused.message(),
        "Sign-ups with this email domain are not allowed"
    );
}

#[pre_sign_up(timeout = "50ms", main = false)]
async fn slow() {
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
}

#[test]
fn a_function_past_its_timeout_fails_the_invocation() {
    let error = SLOW.invoke_blocking(&sign_up(json!({}))).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(
        error.message(),
        "the trigger did not finish within its timeout of 50 ms"
    );
}

/// An independent oracle: label lists compared ASCII case-insensitively.
fn oracle(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let labels: Vec<String> = domain.split('.').map(|l| l.to_ascii_lowercase()).collect();
    let well_formed = !local.is_empty()
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    well_formed
        && (labels == ["amazon", "com"]
            || (labels.len() > 2 && labels[labels.len() - 2..] == ["corp", "example"]))
}

fn address() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        Just("amazon".to_owned()),
        Just("AMAZON".to_owned()),
        Just("com".to_owned()),
        Just("corp".to_owned()),
        Just("Example".to_owned()),
        Just("evil-amazon".to_owned()),
        Just("".to_owned()),
        "[a-zA-Z0-9 .@-]{0,6}",
    ];
    (
        "[a-z@.]{0,4}",
        prop::collection::vec(label, 0..5),
        prop_oneof![Just(""), Just("."), Just(" "), Just("@")],
    )
        .prop_map(|(local, labels, tail)| format!("{local}@{}{tail}", labels.join(".")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn allow_list_accepts_exactly_the_listed_domains(email in address()) {
        let accepted = ALLOW_LIST.invoke_blocking(&sign_up(json!({ "email": email }))).is_ok();
        prop_assert_eq!(accepted, oracle(&email), "{}", email);
    }
}
