//! The custom auth challenge triggers: define's state machine, create's codes, verify's
//! comparison, the flow simulator, and property tests of all three, each through the same raw
//! path as the Lambda loop.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use cognito_triggers::{
    create_auth_challenge, define_auth_challenge, simulate_auth, verify_auth_challenge,
    AuthOutcome, CreateAuthChallenge, DefineAuthChallenge, Deny, ErrorKind, CODE_ANSWER,
};
use serde_json::{json, Value};

fn event(source: &str, request: Value) -> String {
    json!({
        "version": "1",
        "triggerSource": source,
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": request,
        "response": {}
    })
    .to_string()
}

fn response(answer: &str) -> Value {
    serde_json::from_str::<Value>(answer).unwrap()["response"].clone()
}

fn entry(name: &str, result: bool) -> Value {
    json!({"challengeName": name, "challengeResult": result, "challengeMetadata": null})
}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
fn passwordless() {}

#[define_auth_challenge(flow = ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"], attempts = 2, main = false)]
fn with_password() {}

fn define(
    trigger: &cognito_triggers::DefineAuthChallengeTrigger,
    session: Value,
    not_found: Value,
) -> Value {
    let text = event(
        "DefineAuthChallenge_Authentication",
        json!({"userAttributes": {"email": "jane@example.com"}, "session": session, "userNotFound": not_found}),
    );
    response(&trigger.invoke_blocking(&text).unwrap())
}

fn challenge(name: &str) -> Value {
    json!({"challengeName": name, "issueTokens": false, "failAuthentication": false})
}

fn tokens() -> Value {
    json!({"challengeName": null, "issueTokens": true, "failAuthentication": false})
}

fn fail() -> Value {
    json!({"challengeName": null, "issueTokens": false, "failAuthentication": true})
}

#[test]
fn define_follows_the_flow() {
    assert_eq!(
        define(&PASSWORDLESS, json!([]), json!(false)),
        challenge("CUSTOM_CHALLENGE")
    );
    assert_eq!(
        define(&PASSWORDLESS, Value::Null, Value::Null),
        challenge("CUSTOM_CHALLENGE")
    );
    assert_eq!(
        define(
            &PASSWORDLESS,
            json!([entry("CUSTOM_CHALLENGE", true)]),
            json!(false)
        ),
        tokens()
    );
    assert_eq!(
        define(
            &PASSWORDLESS,
            json!([
                entry("CUSTOM_CHALLENGE", false),
                entry("CUSTOM_CHALLENGE", true)
            ]),
            json!(false)
        ),
        tokens()
    );
    assert_eq!(
        define(
            &PASSWORDLESS,
            Value::Array(vec![entry("CUSTOM_CHALLENGE", false); 2]),
            json!(false)
        ),
        challenge("CUSTOM_CHALLENGE")
    );
    assert_eq!(
        define(
            &PASSWORDLESS,
            Value::Array(vec![entry("CUSTOM_CHALLENGE", false); 3]),
            json!(false)
        ),
        fail()
    );
    // The Amplify page issues tokens after any successful challenge; here a password step in a
    // passwordless flow, a null entry, an unknown name or a result after the end all fail.
    for session in [
        json!([entry("PASSWORD_VERIFIER", true)]),
        json!([null]),
        json!([entry("SOMETHING_NEW", true)]),
        json!([
            entry("CUSTOM_CHALLENGE", true),
            entry("CUSTOM_CHALLENGE", true)
        ]),
        json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": null}]),
    ] {
        let decided = define(&PASSWORDLESS, session.clone(), json!(false));
        assert!(
            decided == fail() || decided == challenge("CUSTOM_CHALLENGE"),
            "{session}: {decided}"
        );
        assert_ne!(decided, tokens(), "{session}");
    }
    assert_eq!(
        define(
            &PASSWORDLESS,
            json!([entry("CUSTOM_CHALLENGE", true)]),
            json!(true)
        ),
        fail()
    );
}

#[test]
fn define_with_the_password_first() {
    assert_eq!(define(&WITH_PASSWORD, json!([]), json!(false)), fail());
    assert_eq!(
        define(&WITH_PASSWORD, json!([entry("SRP_A", true)]), json!(false)),
        challenge("PASSWORD_VERIFIER")
    );
    let after_password = json!([entry("SRP_A", true), entry("PASSWORD_VERIFIER", true)]);
    assert_eq!(
        define(&WITH_PASSWORD, after_password, json!(false)),
        challenge("CUSTOM_CHALLENGE")
    );
    let with_mfa = json!([
        entry("SRP_A", true),
        entry("PASSWORD_VERIFIER", true),
        entry("SOFTWARE_TOKEN_MFA", true),
        entry("CUSTOM_CHALLENGE", true)
    ]);
    assert_eq!(define(&WITH_PASSWORD, with_mfa, json!(false)), tokens());
    let skipped_password = json!([entry("SRP_A", true), entry("CUSTOM_CHALLENGE", true)]);
    assert_eq!(
        define(&WITH_PASSWORD, skipped_password, json!(false)),
        fail()
    );
    let two_wrong = json!([
        entry("SRP_A", true),
        entry("PASSWORD_VERIFIER", true),
        entry("CUSTOM_CHALLENGE", false),
        entry("CUSTOM_CHALLENGE", false)
    ]);
    assert_eq!(define(&WITH_PASSWORD, two_wrong, json!(false)), fail());
}

#[test]
fn define_functions_may_refuse() {
    #[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], main = false)]
    fn blocked(event: &DefineAuthChallenge) -> Result<(), Deny> {
        match event.user_attributes.get("custom:blocked") {
            Some("true") => Err(Deny::new("This account is blocked")),
            _ => Ok(()),
        }
    }
    let text = event(
        "DefineAuthChallenge_Authentication",
        json!({"userAttributes": {"custom:blocked": "true"}, "session": []}),
    );
    let error = BLOCKED.invoke_blocking(&text).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Handler);
    assert_eq!(error.message(), "This account is blocked");
}

/// Every code the create function was asked to deliver, in order.
static DELIVERED: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[create_auth_challenge(
    code(digits = 6, expires = "3m"),
    public(delivery = "email"),
    main = false
)]
fn create(_event: &CreateAuthChallenge, code: &str) -> Result<(), Deny> {
    DELIVERED.lock().unwrap().push(code.to_owned());
    Ok(())
}

#[create_auth_challenge(code(digits = 8), main = false)]
fn create_no_expiry(_event: &CreateAuthChallenge, _code: &str) {}

#[verify_auth_challenge(main = false)]
fn verify() {}

/// The tests that count deliveries run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn create_round(session: Value) -> Value {
    let text = event(
        "CreateAuthChallenge_Authentication",
        json!({"userAttributes": {"email": "jane@example.com"}, "challengeName": "CUSTOM_CHALLENGE", "session": session}),
    );
    response(&CREATE.invoke_blocking(&text).unwrap())
}

fn verify_answer(private: &Value, answer: &str) -> bool {
    let text = event(
        "VerifyAuthChallengeResponse_Authentication",
        json!({"privateChallengeParameters": private, "challengeAnswer": answer}),
    );
    let answered = response(&VERIFY.invoke_blocking(&text).unwrap());
    answered["answerCorrect"].as_bool().unwrap()
}

#[test]
fn create_keeps_the_code_for_wrong_answers_and_delivers_it_once() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    DELIVERED.lock().unwrap().clear();
    let first = create_round(json!([]));
    let code = first["privateChallengeParameters"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 6);
    assert_eq!(
        first["publicChallengeParameters"],
        json!({"delivery": "email"})
    );
    assert_eq!(*DELIVERED.lock().unwrap(), std::slice::from_ref(&code));
    let expires: u64 = first["privateChallengeParameters"]["expires"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        (now + 170..=now + 181).contains(&expires),
        "{expires} vs {now}"
    );
    // A wrong answer: the same code, not delivered again.
    let metadata = first["challengeMetadata"].clone();
    let wrong = json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": metadata}]);
    let second = create_round(wrong);
    assert_eq!(second["privateChallengeParameters"]["code"], code.as_str());
    assert_eq!(second["challengeMetadata"], metadata);
    assert_eq!(DELIVERED.lock().unwrap().len(), 1);
    // A new sign-in (no session), or a second custom step after a correct answer: a new code.
    let right = json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": true, "challengeMetadata": metadata}]);
    create_round(right);
    create_round(json!([]));
    assert_eq!(DELIVERED.lock().unwrap().len(), 3);
    // Metadata that is not ours, or an expired code: a new one.
    let expired = json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": format!("CODE-{code}-{}", now - 1)}]);
    let renewed = create_round(expired);
    assert_eq!(DELIVERED.lock().unwrap().len(), 4);
    assert_eq!(
        renewed["privateChallengeParameters"]["code"],
        DELIVERED.lock().unwrap()[3].as_str()
    );
    let foreign = json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": "QUESTION-1"}]);
    create_round(foreign);
    assert_eq!(DELIVERED.lock().unwrap().len(), 5);
}

#[test]
fn create_leaves_other_challenges_alone() {
    let text = event(
        "CreateAuthChallenge_Authentication",
        json!({"challengeName": "PASSWORD_VERIFIER", "session": []}),
    );
    assert_eq!(response(&CREATE.invoke_blocking(&text).unwrap()), json!({}));
    let no_expiry = event(
        "CreateAuthChallenge_Authentication",
        json!({"challengeName": "CUSTOM_CHALLENGE"}),
    );
    let answered = response(&CREATE_NO_EXPIRY.invoke_blocking(&no_expiry).unwrap());
    assert_eq!(
        answered["privateChallengeParameters"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        answered["privateChallengeParameters"]["code"]
            .as_str()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(answered["publicChallengeParameters"], json!({}));
}

#[test]
fn a_failed_delivery_is_an_error_without_the_code() {
    #[create_auth_challenge(code(digits = 6), main = false)]
    fn undeliverable(_event: &CreateAuthChallenge, _code: &str) -> Result<(), Deny> {
        Err(Deny::new("We could not send your sign-in code"))
    }
    let text = event(
        "CreateAuthChallenge_Authentication",
        json!({"challengeName": "CUSTOM_CHALLENGE"}),
    );
    let error = UNDELIVERABLE.invoke_blocking(&text).unwrap_err();
    assert_eq!(error.message(), "We could not send your sign-in code");
}

#[test]
fn verify_compares_in_constant_time_with_expiry() {
    let private = json!({"code": "042817"});
    assert!(verify_answer(&private, "042817"));
    assert!(verify_answer(&private, " 042817\n"));
    for wrong in ["42817", "0428170", "042818", "", "042817x"] {
        assert!(!verify_answer(&private, wrong), "{wrong}");
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(verify_answer(
        &json!({"code": "042817", "expires": (now + 60).to_string()}),
        "042817"
    ));
    assert!(!verify_answer(
        &json!({"code": "042817", "expires": (now - 1).to_string()}),
        "042817"
    ));
    assert!(!verify_answer(
        &json!({"code": "042817", "expires": "soon"}),
        "042817"
    ));
    assert!(!verify_answer(&json!({}), ""));
    assert!(!verify_answer(&json!({"code": ""}), ""));
    // `answerCorrect: null` on input (other libraries reject it), no answer, a missing user.
    let text = r#"{"triggerSource": "VerifyAuthChallengeResponse_Authentication", "request": {"privateChallengeParameters": {"code": "1234"}, "challengeAnswer": null, "userNotFound": true}, "response": {"answerCorrect": null}}"#;
    assert_eq!(
        response(&VERIFY.invoke_blocking(text).unwrap()),
        json!({"answerCorrect": false})
    );
    let text = r#"{"triggerSource": "VerifyAuthChallengeResponse_Authentication", "request": {"privateChallengeParameters": {"code": "1234"}, "challengeAnswer": "1234", "userNotFound": true}, "response": {"answerCorrect": null}}"#;
    assert_eq!(
        response(&VERIFY.invoke_blocking(text).unwrap()),
        json!({"answerCorrect": false})
    );
}

#[test]
fn simulated_sign_ins() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    DELIVERED.lock().unwrap().clear();
    let user = json!({"email": "jane@example.com"});
    let run = simulate_auth(
        &PASSWORDLESS,
        &CREATE,
        &VERIFY,
        &user,
        &["000000", CODE_ANSWER],
    )
    .unwrap();
    assert_eq!(run.outcome, AuthOutcome::Tokens);
    assert_eq!(run.rounds.len(), 2);
    assert_eq!(run.rounds[0].new_code, Some(true));
    assert_eq!(run.rounds[1].new_code, Some(false));
    assert!(!run.rounds[0].correct && run.rounds[1].correct);
    assert_eq!(
        DELIVERED.lock().unwrap().len(),
        1,
        "one email for one sign-in"
    );
    let text = run.to_string();
    assert!(text.contains("round 2: define → CUSTOM_CHALLENGE; create → the same code again, not delivered again; answer <code> → correct"), "{text}");
    assert!(text.ends_with("round 3: define → tokens issued"), "{text}");
    assert!(
        !text.contains(DELIVERED.lock().unwrap()[0].as_str()),
        "the code is never printed"
    );

    let run = simulate_auth(
        &PASSWORDLESS,
        &CREATE,
        &VERIFY,
        &user,
        &["1", "2", "3", CODE_ANSWER],
    )
    .unwrap();
    assert_eq!(run.outcome, AuthOutcome::Failed);
    assert_eq!(run.rounds.len(), 3);
    let run = simulate_auth(&PASSWORDLESS, &CREATE, &VERIFY, &user, &[]).unwrap();
    assert_eq!(run.outcome, AuthOutcome::OutOfAnswers);
    let run = simulate_auth(&WITH_PASSWORD, &CREATE, &VERIFY, &user, &[CODE_ANSWER]).unwrap();
    assert_eq!(run.outcome, AuthOutcome::Tokens);
    assert_eq!(run.rounds[0].challenge, "PASSWORD_VERIFIER");
    assert_eq!(run.rounds[1].challenge, "CUSTOM_CHALLENGE");
}

#[test]
fn the_code_never_reaches_a_log() {
    let out = cognito_triggers_tests::run_local(
        env!("CARGO_BIN_EXE_passwordless-flow"),
        &["--event", "-"],
        Some(&event(
            "CreateAuthChallenge_Authentication",
            json!({"challengeName": "CUSTOM_CHALLENGE"}),
        )),
    );
    assert!(out.status.success(), "{out:?}");
    let answered: Value = serde_json::from_slice(&out.stdout).unwrap();
    let code = answered["response"]["privateChallengeParameters"]["code"]
        .as_str()
        .unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(log.contains("delivering a sign-in code"), "{log}");
    assert!(!log.contains(code), "{log}");
}

mod properties {
    use super::*;
    use cognito_triggers::rules::custom_auth::{decide, Decision, Entry, COGNITO_MFA};
    use proptest::prelude::*;

    const FLOWS: [&[&str]; 3] = [
        &["CUSTOM_CHALLENGE"],
        &["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"],
        &["CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"],
    ];

    fn name() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            4 => Just("CUSTOM_CHALLENGE"),
            2 => Just("SRP_A"),
            2 => Just("PASSWORD_VERIFIER"),
            1 => Just("SMS_MFA"),
            1 => Just("EMAIL_OTP"),
            1 => Just("DEVICE_SRP_AUTH"),
            1 => Just(""),
            1 => Just("custom_challenge"),
        ]
    }

    /// Whether the session is the flow completed in order: with its failed custom answers
    /// removed (fewer than `attempts`), and Cognito's MFA right after the password removed,
    /// it is exactly the flow, every entry passed.
    fn completes(flow: &[&str], attempts: u32, session: &[(&str, bool)]) -> bool {
        let failed = session
            .iter()
            .filter(|(n, r)| *n == "CUSTOM_CHALLENGE" && !r)
            .count();
        if failed as u32 >= attempts {
            return false;
        }
        let mut kept: Vec<&str> = Vec::new();
        for (i, (name, result)) in session.iter().enumerate() {
            let after_password = i > 0 && session[i - 1] == ("PASSWORD_VERIFIER", true);
            if after_password && COGNITO_MFA.contains(name) && *result {
                continue;
            }
            if *name == "CUSTOM_CHALLENGE" && !result {
                continue;
            }
            if !result {
                return false;
            }
            kept.push(name);
        }
        kept == flow
            && session
                .last()
                .is_some_and(|(n, r)| *n == *flow.last().unwrap() && *r)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn define_issues_tokens_only_for_the_completed_flow(
            flow in 0..FLOWS.len(),
            attempts in 1u32..5,
            not_found in prop::bool::weighted(0.1),
            session in prop::collection::vec((name(), any::<bool>()), 0..8),
        ) {
            let flow = FLOWS[flow];
            let entries = session.iter().map(|(name, result)| Entry { name, result: *result });
            let decision = decide(flow, attempts, not_found, entries);
            if decision == Decision::IssueTokens {
                prop_assert!(!not_found);
                prop_assert!(completes(flow, attempts, &session), "{flow:?} {session:?}");
            }
            let failed = session.iter().filter(|(n, r)| *n == "CUSTOM_CHALLENGE" && !r).count();
            if failed as u32 >= attempts {
                prop_assert!(matches!(decision, Decision::Fail(_)), "{decision:?} after {failed} wrong answers");
            }
        }

        #[test]
        fn the_generated_trigger_decides_as_the_rules(
            attempts_failed in 0usize..5,
            last in any::<bool>(),
        ) {
            // The trigger (attempts = 3) against `decide` on the same session, through JSON.
            let mut session: Vec<Value> = vec![entry("CUSTOM_CHALLENGE", false); attempts_failed];
            session.push(entry("CUSTOM_CHALLENGE", last));
            let entries: Vec<(&str, bool)> = session
                .iter()
                .map(|e| ("CUSTOM_CHALLENGE", e["challengeResult"].as_bool().unwrap()))
                .collect();
            let expected = decide(&["CUSTOM_CHALLENGE"], 3, false, entries.iter().map(|(n, r)| Entry { name: n, result: *r }));
            let answered = define(&PASSWORDLESS, Value::Array(session), json!(false));
            let expected = match expected {
                Decision::IssueTokens => tokens(),
                Decision::Fail(_) => fail(),
                Decision::Challenge(name) => challenge(name),
            };
            prop_assert_eq!(answered, expected);
        }
    }

    /// χ² of `counts` against the uniform distribution.
    fn chi_squared(counts: &[u64]) -> f64 {
        let total: u64 = counts.iter().sum();
        let expected = total as f64 / counts.len() as f64;
        counts
            .iter()
            .map(|&c| (c as f64 - expected).powi(2) / expected)
            .sum()
    }

    #[test]
    fn codes_are_uniform_over_the_whole_digit_space() {
        // 4-digit codes: every one of the 10,000 values, leading zeros included. With 200,000
        // codes (20 per value), χ² has 9,999 degrees of freedom: mean 9,999, standard deviation
        // about 141; the bounds are more than 5 standard deviations out (a false alarm about
        // once in 3 million runs).
        let mut counts = vec![0u64; 10_000];
        for _ in 0..200_000 {
            let code = cognito_triggers::__private::draw(4).unwrap();
            assert_eq!(code.len(), 4);
            counts[code.parse::<usize>().unwrap()] += 1;
        }
        let chi = chi_squared(&counts);
        assert!(
            (9_999.0 - 750.0..9_999.0 + 750.0).contains(&chi),
            "χ² = {chi}"
        );
        assert!(
            counts[..1000].iter().sum::<u64>() > 18_000,
            "leading zeros are as likely as any digit"
        );
        // 6-digit codes: each position's digit is uniform (9 degrees of freedom; 40 is beyond
        // the 0.999 99 quantile of about 35.6... so a false alarm is rarer than 1 in 100,000).
        let mut positions = [[0u64; 10]; 6];
        for _ in 0..50_000 {
            let code = cognito_triggers::__private::draw(6).unwrap();
            for (i, digit) in code.bytes().enumerate() {
                positions[i][usize::from(digit - b'0')] += 1;
            }
        }
        for (i, counts) in positions.iter().enumerate() {
            let chi = chi_squared(counts);
            assert!(chi < 40.0, "position {i}: χ² = {chi}");
        }
    }

    #[test]
    fn no_state_leaks_from_one_sign_in_into_another() {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        // Two sign-ins interleaved: each verify accepts its own code only, and a wrong answer
        // in one keeps that one's code, not the other's.
        static ROUNDS: AtomicUsize = AtomicUsize::new(0);
        for _ in 0..50 {
            let a = create_round(json!([]));
            let b = create_round(json!([]));
            let (code_a, code_b) = (
                &a["privateChallengeParameters"],
                &b["privateChallengeParameters"],
            );
            if code_a["code"] == code_b["code"] {
                continue; // one in a million: the same code drawn twice
            }
            assert!(verify_answer(code_a, code_a["code"].as_str().unwrap()));
            assert!(!verify_answer(code_a, code_b["code"].as_str().unwrap()));
            let retry_a = create_round(
                json!([{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": a["challengeMetadata"]}]),
            );
            assert_eq!(
                retry_a["privateChallengeParameters"]["code"],
                code_a["code"]
            );
            ROUNDS.fetch_add(1, Ordering::Relaxed);
        }
        assert!(ROUNDS.load(Ordering::Relaxed) >= 49);
    }
}
