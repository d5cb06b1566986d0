//! decode → handle → encode on arbitrary bytes: never a panic; an answer is valid JSON with a
//! `response`, an error is one line.
#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration};
use libfuzzer_sys::fuzz_target;

#[pre_token_generation(
    claims(tier = attr("custom:tier", default = "free")),
    groups(add = ["signed-in"], allow = ["signed-in", "readers"]),
    main = false
)]
fn handler(event: &PreTokenGeneration) -> Overrides {
    // Caller-controlled input drives the dynamic overrides.
    let mut overrides = Overrides::default();
    for (key, value) in &event.client_metadata {
        overrides = match key.as_str() {
            "group" => overrides.add_group(value.as_str()),
            "suppress" => overrides.suppress_id(value.as_str()),
            _ => overrides.id_claim(key.as_str(), value.as_str()),
        };
    }
    overrides
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
    match run_ready(HANDLER.invoke_bytes(data)) {
        Ok(out) => {
            // Valid JSON with a top-level `response` (the echoed members may hold numbers a
            // `Value` cannot, and keep the event's spacing: `"response" :` is fine).
            let answer: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(&out) {
                Ok(answer) => answer,
                Err(_) => {
                    serde_json::from_slice::<serde::de::IgnoredAny>(&out).expect("answers are JSON");
                    return;
                }
            };
            assert!(answer.contains_key("response"), "answer without response");
        }
        Err(error) => assert_eq!(error.to_string().lines().count(), 1),
    }
});
