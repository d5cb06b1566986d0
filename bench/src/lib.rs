//! The three handlers of the benchmark, each doing what the Amplify page "Override ID token
//! claims" does (groups become `["amplify_group_1"]`, the ID token gets
//! `amplfy_attribute: "amplify_gen_2"`), and the per-event path each takes inside
//! `lambda_runtime`: payload bytes → the function's payload type → handler → response bytes
//! (for the generated bootstraps, which read the payload's bytes themselves, the payload type
//! is `()` decoded from `null` and the handler takes the bytes: `generated_path`).

pub mod measure;
#[cfg(feature = "sdk")]
pub mod sdk;
#[cfg(feature = "senders")]
pub mod senders;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_lambda_events::event::cognito::{
    ClaimsAndScopeOverrideDetailsV2, ClaimsOverrideDetails, CognitoAccessTokenGenerationV2,
    CognitoEventUserPoolsCustomMessage, CognitoEventUserPoolsCustomMessageTriggerSource,
    CognitoEventUserPoolsPreAuthentication, CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreTokenGen, CognitoEventUserPoolsPreTokenGenV2,
    CognitoIdTokenGenerationV2,
};
use cognito_triggers::{
    custom_message, pre_authentication, pre_sign_up, pre_token_generation, AnyTrigger, Overrides,
    PreTokenGeneration,
};

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"), main = false)]
pub async fn generated() {}

/// The `access-token-claims` example: reads an attribute and the groups (V2_0).
#[pre_token_generation(
    version = "V2_0",
    access_token(
        claims(tenant = attr("custom:tenant", default = "none")),
        scopes(add = ["api/tenant.read"]),
    ),
    main = false
)]
pub fn tenant(event: &PreTokenGeneration) -> Overrides {
    if event.in_group("admins") {
        Overrides::default()
            .access_claim("role", "admin")
            .add_scope("api/tenant.write")
    } else {
        Overrides::default()
    }
}

/// The `email-domain-filter` example: reads the email.
#[pre_sign_up(email_domains(allow = ["amazon.com"]), message = "Invalid email domain", main = false)]
pub async fn email_filter() {}

/// Pre authentication, declared: a verified email and a known app client.
#[pre_authentication(require_verified = ["email"], clients(allow = ["1example23456789"]), main = false)]
pub async fn sign_in() {}

/// The `custom-message` example's reset email: English or Spanish by the `locale` attribute.
#[custom_message(
    locale(
        en,
        forgot_password(
            subject = "Reset my password",
            email = "Your new one-time code is {####}"
        )
    ),
    locale(
        es,
        forgot_password(
            subject = "Restablecer mi contraseña",
            email = "Tu nuevo código de un solo uso es {####}"
        )
    ),
    main = false
)]
pub async fn messages() {}

/// The same messages as [`messages`], hand-written on `aws_lambda_events` as the Amplify page
/// writes them.
pub async fn handwritten_messages(
    mut event: CognitoEventUserPoolsCustomMessage,
) -> Result<CognitoEventUserPoolsCustomMessage, lambda_runtime::Error> {
    let source = &event.cognito_event_user_pools_header.trigger_source;
    if source == &Some(CognitoEventUserPoolsCustomMessageTriggerSource::ForgotPassword) {
        let code = event.request.code_parameter.clone().unwrap_or_default();
        let locale = event.request.user_attributes.get("locale");
        let (subject, body) = match locale.and_then(|l| l.as_str()) {
            Some("en") => (
                "Reset my password",
                format!("Your new one-time code is {code}"),
            ),
            Some("es") => (
                "Restablecer mi contraseña",
                format!("Tu nuevo código de un solo uso es {code}"),
            ),
            _ => return Ok(event),
        };
        event.response.email_subject = Some(subject.into());
        event.response.email_message = Some(body);
    }
    Ok(event)
}

/// The same checks as [`sign_in`], hand-written on `aws_lambda_events`.
pub async fn handwritten_sign_in(
    event: CognitoEventUserPoolsPreAuthentication,
) -> Result<CognitoEventUserPoolsPreAuthentication, lambda_runtime::Error> {
    let client = event
        .cognito_event_user_pools_header
        .caller_context
        .client_id
        .as_deref();
    if client != Some("1example23456789") {
        return Err("Sign-in from this app is not allowed".into());
    }
    let verified = event.request.user_attributes.get("email_verified");
    if verified.map(String::as_str) != Some("true") {
        return Err("Verify your email address before signing in".into());
    }
    Ok(event)
}

/// The same logic as [`tenant`], hand-written on `aws_lambda_events`.
pub async fn handwritten_tenant(
    mut event: CognitoEventUserPoolsPreTokenGenV2,
) -> Result<CognitoEventUserPoolsPreTokenGenV2, lambda_runtime::Error> {
    let tenant = event
        .request
        .user_attributes
        .get("custom:tenant")
        .cloned()
        .unwrap_or_else(|| "none".into());
    let admin = event
        .request
        .group_configuration
        .groups_to_override
        .iter()
        .any(|g| g == "admins");
    let mut access = CognitoAccessTokenGenerationV2::default();
    access
        .claims_to_add_or_override
        .insert("tenant".into(), tenant.into());
    access.scopes_to_add.push("api/tenant.read".into());
    if admin {
        access
            .claims_to_add_or_override
            .insert("role".into(), "admin".into());
        access.scopes_to_add.push("api/tenant.write".into());
    }
    let mut details = ClaimsAndScopeOverrideDetailsV2::default();
    details.access_token_generation = Some(access);
    event.response.claims_and_scope_override_details = Some(details);
    Ok(event)
}

/// The same check as [`email_filter`], hand-written on `aws_lambda_events` (done right: the
/// domain after the last `@`, any case).
pub async fn handwritten_email_filter(
    event: CognitoEventUserPoolsPreSignup,
) -> Result<CognitoEventUserPoolsPreSignup, lambda_runtime::Error> {
    let allowed = event
        .request
        .user_attributes
        .get("email")
        .and_then(|email| email.rsplit_once('@'))
        .is_some_and(|(_, domain)| domain.eq_ignore_ascii_case("amazon.com"));
    if allowed {
        Ok(event)
    } else {
        Err("Invalid email domain".into())
    }
}

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

/// One event through a generated bootstrap's per-event path (`runtime/src/engine/lambda.rs`):
/// `lambda_runtime` decodes the `null` left in place of the payload, the handler reads the
/// payload's bytes in place and answers one raw JSON value, `lambda_runtime` writes it.
fn generated_path<'a, F>(answer: impl FnOnce() -> F) -> Vec<u8>
where
    F: Future<Output = Result<Box<serde_json::value::RawValue>, cognito_triggers::TriggerError>>
        + 'a,
{
    let () = decode(b"null");
    let answer = run_ready(answer()).expect("answered");
    serde_json::to_vec(&answer).expect("serialized")
}

/// One event through the generated handler, as the generated bootstrap runs it.
pub fn generated_event(body: &[u8]) -> Vec<u8> {
    generated_path(|| GENERATED.invoke_payload(body))
}

/// One event through the generated `tenant` trigger.
pub fn generated_tenant_event(body: &[u8]) -> Vec<u8> {
    generated_path(|| TENANT.invoke_payload(body))
}

/// One event through the generated email filter.
pub fn generated_email_filter_event(body: &[u8]) -> Vec<u8> {
    generated_path(|| EMAIL_FILTER.invoke_payload(body))
}

/// One event through the generated pre authentication trigger.
pub fn generated_sign_in_event(body: &[u8]) -> Vec<u8> {
    generated_path(|| SIGN_IN.invoke_payload(body))
}

/// One event through the generated custom message trigger.
pub fn generated_messages_event(body: &[u8]) -> Vec<u8> {
    generated_path(|| MESSAGES.invoke_payload(body))
}

/// One event through the hand-written custom message handler.
pub fn handwritten_messages_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_messages(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
}

/// One event through the hand-written pre authentication handler.
pub fn handwritten_sign_in_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_sign_in(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
}

/// One event through the hand-written tenant handler.
pub fn handwritten_tenant_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_tenant(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
}

/// One event through the hand-written email filter.
pub fn handwritten_email_filter_event(body: &[u8]) -> Vec<u8> {
    let event = run_ready(handwritten_email_filter(decode(body))).expect("answered");
    serde_json::to_vec(&event).expect("serialized")
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
