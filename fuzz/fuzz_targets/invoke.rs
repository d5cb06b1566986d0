//! decode → route → handle → encode on arbitrary bytes, through the engine with one trigger of
//! each kind: never a panic; an answer is valid JSON, with a `response` when a trigger handled
//! the event and the input unchanged otherwise; an error is one line. A trigger added to the
//! list is fuzzed by this same target.
#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use cognito_triggers::testing::invoke_routed;
use cognito_triggers::{
    post_authentication, post_confirmation, pre_authentication, pre_sign_up,
    pre_token_generation, AnyTrigger, Deny, Overrides, PostAuthentication, PostConfirmation,
    PreAuthentication, PreSignUp, PreTokenGeneration, SignUp,
};
use libfuzzer_sys::fuzz_target;

#[pre_token_generation(
    claims(tier = attr("custom:tier", default = "free")),
    groups(add = ["signed-in"], allow = ["signed-in", "readers"]),
    main = false
)]
fn tokens(event: &PreTokenGeneration) -> Overrides {
    // Caller-controlled input drives the dynamic overrides.
    let mut overrides = Overrides::default();
    for (key, value) in event.client_metadata.iter() {
        overrides = match key {
            "group" => overrides.add_group(value),
            "suppress" => overrides.suppress_id(value),
            _ => overrides.id_claim(key, value),
        };
    }
    overrides
}

#[pre_sign_up(
    email_domains(allow = ["example.com", "*.example.org"]),
    require = ["given_name"],
    min_age = 13,
    auto_verify = ["email", "phone_number"],
    main = false
)]
fn sign_up(event: &PreSignUp) -> Result<SignUp, Deny> {
    match event.validation_data.get("confirm") {
        Some("yes") => Ok(SignUp::default().auto_confirm()),
        Some(_) => Err(Deny::new("refused")),
        None => Ok(SignUp::default()),
    }
}

#[pre_authentication(require_verified = ["email"], clients(allow = ["1example23456789"]), main = false)]
fn sign_in(event: &PreAuthentication) -> Result<(), Deny> {
    match event.validation_data.get("refuse") {
        Some(_) => Err(Deny::new("refused")),
        None => Ok(()),
    }
}

#[post_authentication(main = false)]
fn signed_in(event: &PostAuthentication) -> Result<(), Deny> {
    match event.new_device_used {
        true => Err(Deny::new("new device")),
        false => Ok(()),
    }
}

#[post_confirmation(triggers = ["ConfirmSignUp"], main = false)]
fn confirmed(event: &PostConfirmation) {
    let _ = event.attribute("email");
}

static TRIGGERS: [&dyn AnyTrigger; 5] = [&TOKENS, &SIGN_UP, &SIGN_IN, &SIGNED_IN, &CONFIRMED];

/// The top-level members of a JSON object: each name with its value's raw text.
fn members(json: &[u8]) -> Vec<(String, String)> {
    struct Members;
    impl<'de> serde::de::Visitor<'de> for Members {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<String, Box<serde_json::value::RawValue>>()? {
                out.push((k, v.get().to_owned()));
            }
            Ok(out)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    serde::Deserializer::deserialize_map(&mut deserializer, Members).expect("an object")
}

fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    match run_ready(invoke_routed(&TRIGGERS, data)) {
        Ok(out) => {
            // Valid JSON (the echoed members may hold numbers a `Value` cannot).
            let answer: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(&out) {
                Ok(answer) => answer,
                Err(_) => {
                    serde_json::from_slice::<serde::de::IgnoredAny>(&out).expect("answers are JSON");
                    return;
                }
            };
            let source = answer.get("triggerSource").and_then(|s| s.as_str()).unwrap_or("");
            // Triggers with a response write one; the others (and events nobody serves) send
            // the event back unchanged.
            let routed = ["TokenGeneration_", "PreSignUp_"].iter().any(|p| source.starts_with(p));
            if routed {
                assert!(answer.contains_key("response"), "answer without response");
            } else {
                // The same members in the same order, each value byte for byte (only the
                // whitespace between top-level members may change).
                assert_eq!(members(&out), members(data), "the event must come back unchanged");
            }
        }
        Err(error) => assert_eq!(error.to_string().lines().count(), 1),
    }
});
