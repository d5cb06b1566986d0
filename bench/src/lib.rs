//! The three handlers of the benchmark, each doing what the Amplify page "Override ID token
//! claims" does (groups become `["amplify_group_1"]`, the ID token gets
//! `amplfy_attribute: "amplify_gen_2"`), and the per-event path each takes inside
//! `lambda_runtime`: payload bytes → the function's payload type → handler → response bytes.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_lambda_events::event::cognito::{
    ClaimsAndScopeOverrideDetailsV2, ClaimsOverrideDetails, CognitoEventUserPoolsPreTokenGen,
    CognitoEventUserPoolsPreTokenGenV2, CognitoIdTokenGenerationV2,
};
use cognito_triggers::{pre_token_generation, RawEvent};

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"), main = false)]
pub async fn generated() {}

/// The hand-written V1 handler a Rust user writes today with `aws_lambda_events`.
pub async fn handwritten_v1(
    mut event: CognitoEventUserPoolsPreTokenGen,
) -> Result<CognitoEventUserPoolsPreTokenGen, lambda_runtime::Error> {
    let mut details = ClaimsOverrideDetails::default();
    details
        .claims_to_add_or_override
        .insert("amplfy_attribute".into(), "amplify_gen_2".into());
    details.group_override_details.groups_to_override = vec!["amplify_group_1".into()];
    event.response.claims_override_details = Some(details);
    Ok(event)
}

/// The same for V2 events, with the V2 types.
pub async fn handwritten_v2(
    mut event: CognitoEventUserPoolsPreTokenGenV2,
) -> Result<CognitoEventUserPoolsPreTokenGenV2, lambda_runtime::Error> {
    let mut id = CognitoIdTokenGenerationV2::default();
    id.claims_to_add_or_override
        .insert("amplfy_attribute".into(), "amplify_gen_2".into());
    let mut details = ClaimsAndScopeOverrideDetailsV2::default();
    details.id_token_generation = Some(id);
    details.group_override_details.groups_to_override = vec!["amplify_group_1".into()];
    event.response.claims_and_scope_override_details = Some(details);
    Ok(event)
}

/// Polls a future that never waits (these handlers do no I/O) to completion.
pub fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// `lambda_runtime`'s payload decoding: `serde_path_to_error` over `serde_json`.
fn decode<T: for<'de> serde::Deserialize<'de>>(body: &[u8]) -> T {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).expect("benchmark events are valid")
}

/// One event through the generated handler, as the generated bootstrap runs it.
pub fn generated_event(body: &[u8]) -> Vec<u8> {
    let payload: RawEvent = decode(body);
    let answer = run_ready(GENERATED.invoke_raw(payload)).expect("answered");
    serde_json::to_vec(&answer).expect("serialized")
}

/// The floor of the path: the payload decoded by `lambda_runtime`'s deserializer into one raw
/// JSON value and written back, with no handler and no per-member work.
pub fn lambda_runtime_floor(body: &[u8]) -> Vec<u8> {
    let payload: Box<serde_json::value::RawValue> = decode(body);
    serde_json::to_vec(&payload).expect("serialized")
}

/// One V1 event through the hand-written handler.
pub fn handwritten_v1_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_v1(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
}

/// One V2 event through the hand-written handler.
pub fn handwritten_v2_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_v2(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
}
