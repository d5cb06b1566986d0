//! The hostile-event corpus (`tests/hostile`, 130+ events: broken JSON, wrong types at every
//! level, nulls, huge and deep values, bad escapes, duplicate keys, errata, look-alike email
//! domains) through the engine to generated handlers that read the whole event: pre token
//! generation; for `PreSignUp_` events, pre sign-up; for post confirmation, pre and post
//! authentication events, one bootstrap of those three, routed by `triggerSource`; for
//! `CustomMessage_` events, custom message; for the custom auth challenge events, one
//! bootstrap of define, create and verify; user migration and inbound federation in one
//! bootstrap. Each case has its exact expected outcome in
//! `tests/hostile/expected.json`, written by hand; no case may panic.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use cognito_triggers::testing::invoke_routed;
use cognito_triggers::{
    create_auth_challenge, custom_message, define_auth_challenge, inbound_federation,
    post_authentication, post_confirmation, pre_authentication, pre_sign_up, pre_token_generation,
    user_migration, verify_auth_challenge, AnyTrigger, CreateAuthChallenge, CustomMessage, Deny,
    ErrorKind, MigratedUser, Overrides, PostAuthentication, PostConfirmation, PreSignUp,
    PreTokenGeneration, UserMigration,
};
use serde_json::{json, Value};

#[pre_token_generation(claims(tier = attr("custom:tier", default = "free")), main = false)]
fn handler(event: &PreTokenGeneration) -> Overrides {
    let _ = event.attribute("sub");
    Overrides::default()
}

#[pre_sign_up(email_domains(allow = ["example.com"]), auto_confirm = true, auto_verify = ["email"], main = false)]
fn sign_up(event: &PreSignUp) {
    let _ = event.attribute("sub");
}

#[pre_authentication(require_verified = ["email"], clients(allow = ["1example23456789"]), main = false)]
fn sign_in() {}

#[post_authentication(main = false)]
fn signed_in(event: &PostAuthentication) {
    let _ = event.attribute("sub");
}

#[post_confirmation(main = false)]
fn confirmed(event: &PostConfirmation) {
    let _ = event.attribute("sub");
}

#[custom_message(
    sign_up(sms = "Hi {given_name}, code {####}"),
    forgot_password(subject = "Reset", email = "<p>{given_name}</p> {####}"),
    main = false
)]
fn message(event: &CustomMessage) {
    let _ = event.attribute("sub");
}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
fn define() {}

#[create_auth_challenge(code(digits = 6), main = false)]
fn create(event: &CreateAuthChallenge, code: &str) {
    let _ = (event.attribute("sub"), code);
}

#[verify_auth_challenge(main = false)]
fn verify() {}

/// The custom auth triggers, in one bootstrap.
static CUSTOM_AUTH: [&'static dyn AnyTrigger; 3] = [&DEFINE, &CREATE, &VERIFY];

#[user_migration(final_status = "CONFIRMED", main = false)]
fn migrate(event: &UserMigration) -> Result<Option<MigratedUser>, Deny> {
    match event.password.as_ref().map(|p| p.expose()) {
        Some("legacy-pass") | None => Ok(Some(
            MigratedUser::default().verified_email("jane@example.com"),
        )),
        Some(_) => Ok(None),
    }
}

#[inbound_federation(
    map(
        email = "idToken.email",
        given_name = "userInfo.given_name",
        "custom:saml_email" = "samlResponse.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ),
    main = false
)]
fn federation() {}

/// User migration and inbound federation, in one bootstrap.
static MIGRATION: [&'static dyn AnyTrigger; 2] = [&MIGRATE, &FEDERATION];

/// The lifecycle triggers, in one bootstrap.
static LIFECYCLE: [&'static dyn AnyTrigger; 3] = [&SIGN_IN, &SIGNED_IN, &CONFIRMED];

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("hostile")
}

fn expected_response(shape: &str, tier: &str) -> Value {
    match shape {
        "v1" => json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"tier": tier}}}),
        "v2" => {
            json!({"claimsAndScopeOverrideDetails": {"idTokenGeneration": {"claimsToAddOrOverride": {"tier": tier}}}})
        }
        "m2m" => json!({}),
        other => panic!("unknown shape {other}"),
    }
}

#[test]
fn every_hostile_event_has_its_exact_outcome_and_nothing_panics() {
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("expected.json")).unwrap())
            .unwrap();
    let on_disk = std::fs::read_dir(corpus())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".event")
        })
        .count();
    assert_eq!(
        on_disk,
        expected.len(),
        "every corpus file has an expectation"
    );
    assert!(expected.len() >= 100);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for (file, outcome) in &expected {
        let body = std::fs::read(corpus().join(file)).unwrap();
        let result = catch_unwind(AssertUnwindSafe(|| {
            // Events without a pre sign-up source go to pre token generation, as they would
            // in its own bootstrap (many have no `triggerSource` at all).
            let has = |prefix: &[u8]| body.windows(prefix.len()).any(|w| w == prefix);
            if has(b"PreAuthentication_")
                || has(b"PostAuthentication_")
                || has(b"PostConfirmation_")
            {
                return runtime.block_on(invoke_routed(&LIFECYCLE, &body));
            }
            if has(b"UserMigration_") || has(b"InboundFederation_") {
                return runtime.block_on(invoke_routed(&MIGRATION, &body));
            }
            if has(b"AuthChallenge") {
                return runtime.block_on(invoke_routed(&CUSTOM_AUTH, &body));
            }
            let trigger: [&'static dyn AnyTrigger; 1] = if has(b"PreSignUp_") {
                [&SIGN_UP]
            } else if has(b"CustomMessage_") {
                [&MESSAGE]
            } else {
                [&HANDLER]
            };
            runtime.block_on(invoke_routed(&trigger, &body))
        }));
        let Ok(result) = result else {
            failures.push(format!("{file}: PANICKED"));
            continue;
        };
        let (kind, rest) = outcome.split_once(':').unwrap();
        let verdict = match (kind, &result) {
            ("ok", Ok(out)) if rest.starts_with("signup:") => {
                let flags = rest.trim_start_matches("signup:").as_bytes();
                let expected = json!({
                    "autoConfirmUser": flags[0] == b'1',
                    "autoVerifyEmail": flags[1] == b'1',
                    "autoVerifyPhone": flags[2] == b'1',
                });
                let out: Value = serde_json::from_slice(out).unwrap();
                (out["response"] == expected)
                    .then_some(())
                    .ok_or_else(|| format!("response {}", out["response"]))
            }
            ("ok", Ok(out)) if rest == "unchanged" => {
                let out: Value = serde_json::from_slice(out).unwrap();
                let sent: Value = serde_json::from_slice(&body).unwrap();
                (out == sent)
                    .then_some(())
                    .ok_or_else(|| format!("answered {out}"))
            }
            ("ok", Ok(out)) if rest.starts_with("sms:") || rest.starts_with("email:") => {
                let (field, text) = rest.split_once(':').unwrap();
                let key = if field == "sms" {
                    "smsMessage"
                } else {
                    "emailMessage"
                };
                let out: Value = serde_json::from_slice(out).unwrap();
                (out["response"][key] == text)
                    .then_some(())
                    .ok_or_else(|| format!("response {}", out["response"]))
            }
            ("ok", Ok(out)) if rest.starts_with("json:") => {
                let expected: Value = serde_json::from_str(&rest["json:".len()..]).unwrap();
                let out: Value = serde_json::from_slice(out).unwrap();
                (out["response"] == expected)
                    .then_some(())
                    .ok_or_else(|| format!("response {}", out["response"]))
            }
            ("ok", Ok(out)) if rest == "code6" => {
                let out: Value = serde_json::from_slice(out).unwrap();
                let code = out["response"]["privateChallengeParameters"]["code"].as_str();
                let metadata = out["response"]["challengeMetadata"].as_str();
                (code.is_some_and(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
                    && metadata == code.map(|c| format!("CODE-{c}")).as_deref())
                .then_some(())
                .ok_or_else(|| format!("response {}", out["response"]))
            }
            ("deny", Err(e)) if e.message() == rest && e.kind() == ErrorKind::Handler => Ok(()),
            ("ok", Ok(out)) => {
                // Only `response` is read: the echoed rest may hold numbers a `Value` cannot.
                #[derive(serde::Deserialize)]
                struct Answered {
                    response: Value,
                }
                let out: Answered = serde_json::from_slice(out).unwrap();
                let (shape, tier) = rest.split_once(':').unwrap_or((rest, ""));
                let tier = if tier == "=attr" {
                    let event: Value = serde_json::from_slice(&body).unwrap();
                    event["request"]["userAttributes"]["custom:tier"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                } else {
                    tier.to_owned()
                };
                (out.response == expected_response(shape, &tier))
                    .then_some(())
                    .ok_or_else(|| {
                        format!(
                            "response {}",
                            out.response
                                .to_string()
                                .chars()
                                .take(300)
                                .collect::<String>()
                        )
                    })
            }
            ("err", Err(e)) if e.to_string() == rest && e.kind() == ErrorKind::InvalidEvent => {
                Ok(())
            }
            ("errp", Err(e))
                if e.to_string().starts_with(rest) && e.kind() == ErrorKind::InvalidEvent =>
            {
                Ok(())
            }
            (_, Err(e)) => Err(format!("error {:?}: {e}", e.kind())),
            (_, Ok(_)) => Err("answered".to_owned()),
        };
        if let Err(got) = verdict {
            failures.push(format!("{file}: expected {outcome}, got {got}"));
        }
        if let Err(e) = &result {
            assert_eq!(e.to_string().lines().count(), 1, "{file}: one line");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
