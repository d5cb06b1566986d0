//! `#[post_confirmation]`, `#[pre_authentication]`, `#[post_authentication]`: the checks, the
//! function forms, `triggers`, and the event shapes real events have, each through the same
//! raw path as the Lambda loop. (`add_to_groups` runs against cognito-local in the
//! `add-user-to-group` example's tests.)

use std::sync::atomic::{AtomicUsize, Ordering};

use cognito_triggers::{
    post_authentication, post_confirmation, pre_authentication, Deny, ErrorKind,
    PostAuthentication, PostConfirmation, PostConfirmationSource, PreAuthentication,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn event(source: &str, client: Value, request: Value) -> String {
    json!({
        "version": "1",
        "triggerSource": source,
        "region": "eu-west-1",
        "userPoolId": "eu-west-1_aaBBcC8dd",
        "userName": "jane@example.com",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client},
        "request": request,
        "response": {}
    })
    .to_string()
}

fn sign_in(attributes: Value) -> String {
    event(
        "PreAuthentication_Authentication",
        json!("1example23456789abcdefghij"),
        json!({"userAttributes": attributes, "validationData": null}),
    )
}

fn not_found(client: &str) -> String {
    event(
        "PreAuthentication_Authentication",
        json!(client),
        json!({"userAttributes": {}, "validationData": null, "userNotFound": true}),
    )
}

// ---- pre authentication ----

#[pre_authentication(require_verified = ["email"], main = false)]
fn verified_email() {}

#[test]
fn require_verified_passes_verified_users_and_returns_the_event_unchanged() {
    let text = sign_in(json!({"email": "jane@example.com", "email_verified": "true"}));
    assert_eq!(VERIFIED_EMAIL.invoke_blocking(&text).unwrap(), text);
    for attributes in [
        json!({"email": "jane@example.com", "email_verified": "false"}),
        json!({"email": "jane@example.com", "email_verified": "True"}),
        json!({"email": "jane@example.com"}),
        json!({"email": "jane@example.com", "phone_number_verified": "true"}),
        json!({}),
    ] {
        let error = VERIFIED_EMAIL
            .invoke_blocking(&sign_in(attributes.clone()))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Handler, "{attributes}");
        assert_eq!(
            error.message(),
            "Verify your email address before signing in"
        );
    }
}

#[pre_authentication(
    require_verified = ["email", "phone_number"],
    clients(allow = ["1example23456789abcdefghij"]),
    message = "Sign-in is not possible yet",
    main = false
)]
fn both_checks() {}

#[pre_authentication(require_verified = ["phone_number"], main = false)]
fn verified_phone() {}

#[test]
fn message_replaces_every_default_text_and_phone_has_its_own_default() {
    let email_only = sign_in(json!({"email_verified": "true"}));
    assert_eq!(
        BOTH_CHECKS
            .invoke_blocking(&email_only)
            .unwrap_err()
            .message(),
        "Sign-in is not possible yet"
    );
    assert_eq!(
        VERIFIED_PHONE
            .invoke_blocking(&email_only)
            .unwrap_err()
            .message(),
        "Verify your phone number before signing in"
    );
    let both = sign_in(json!({"email_verified": "true", "phone_number_verified": "true"}));
    assert!(BOTH_CHECKS.invoke_blocking(&both).is_ok());
}

#[pre_authentication(clients(allow = ["1example23456789abcdefghij", "2other"]), main = false)]
fn known_clients() {}

#[test]
fn clients_allow_refuses_other_and_missing_app_clients() {
    for client in ["1example23456789abcdefghij", "2other"] {
        let text = event(
            "PreAuthentication_Authentication",
            json!(client),
            json!({"userAttributes": {}}),
        );
        assert_eq!(KNOWN_CLIENTS.invoke_blocking(&text).unwrap(), text);
    }
    for client in [
        json!("3stranger"),
        json!(null),
        json!("1EXAMPLE23456789ABCDEFGHIJ"),
    ] {
        let text = event(
            "PreAuthentication_Authentication",
            client.clone(),
            json!({"userAttributes": {}}),
        );
        let error = KNOWN_CLIENTS.invoke_blocking(&text).unwrap_err();
        assert_eq!(
            error.message(),
            "Sign-in from this app is not allowed",
            "{client}"
        );
    }
    // No `callerContext` at all.
    let bare = r#"{"triggerSource": "PreAuthentication_Authentication", "request": {}}"#;
    assert_eq!(
        KNOWN_CLIENTS.invoke_blocking(bare).unwrap_err().message(),
        "Sign-in from this app is not allowed"
    );
}

#[test]
fn the_checks_read_only_the_client_id_and_request() {
    // An escaped client id is the same id.
    let escaped = r#"{"triggerSource":"PreAuthentication_Authentication","callerContext":{"clientId":"2\u006fther"},"request":{}}"#;
    assert_eq!(KNOWN_CLIENTS.invoke_blocking(escaped).unwrap(), escaped);
    // What the checks do not read is not decoded: a malformed `region` or `awsSdkVersion`
    // does not stop the sign-in, and the event goes back as received.
    let odd = r#"{"triggerSource":"PreAuthentication_Authentication","region":7,"callerContext":{"awsSdkVersion": [1], "clientId": "2other"},"request":{}}"#;
    assert_eq!(KNOWN_CLIENTS.invoke_blocking(odd).unwrap(), odd);
    // The whole event, decoded for a function that takes it, is refused.
    let error = PreAuthentication::read(odd, |_| ()).unwrap_err();
    assert_eq!(
        error.message(),
        "at `region`: invalid type: integer, expected a string"
    );
    // `require_verified` reads the `<name>_verified` attributes: another attribute's value is
    // not decoded, a verified flag is.
    let attributes = |list: &str| {
        format!(
            r#"{{"triggerSource":"PreAuthentication_Authentication","request":{{"userAttributes":{{{list}}}}}}}"#
        )
    };
    let unread = attributes(r#""given_name": 5, "email_verified": "true""#);
    assert_eq!(VERIFIED_EMAIL.invoke_blocking(&unread).unwrap(), unread);
    let error = PreAuthentication::read(&unread, |_| ()).unwrap_err();
    assert_eq!(
        error.message(),
        "at `request.userAttributes.given_name`: invalid type: integer, expected a string"
    );
    for (list, message) in [
        (
            r#""email_verified": true"#,
            "at `request.userAttributes.email_verified`: invalid type: boolean, expected a string",
        ),
        (
            r#""email_verified": "false", "email_verified": "true""#,
            "at `request.userAttributes`: duplicate name `email_verified`",
        ),
    ] {
        let error = VERIFIED_EMAIL
            .invoke_blocking(&attributes(list))
            .unwrap_err();
        assert_eq!(
            (error.kind(), error.message()),
            (ErrorKind::InvalidEvent, message)
        );
    }
    // What the checks read is checked.
    for (caller, path) in [
        (r#"{"clientId": 9}"#, "callerContext.clientId"),
        (r#""x""#, "callerContext"),
    ] {
        let text = format!(
            r#"{{"triggerSource": "PreAuthentication_Authentication", "callerContext": {caller}, "request": {{}}}}"#
        );
        let error = KNOWN_CLIENTS.invoke_blocking(&text).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidEvent, "{caller}");
        assert!(
            error
                .message()
                .starts_with(&format!("at `{path}`: invalid type: ")),
            "{caller}: {}",
            error.message()
        );
    }
}

#[pre_authentication(clients(allow = env("LIFECYCLE_TEST_APP_CLIENTS")), main = false)]
fn env_clients() {}

#[pre_authentication(clients(allow = env("LIFECYCLE_TEST_UNSET_CLIENTS")), main = false)]
fn unset_clients() {}

#[pre_authentication(clients(allow = env("LIFECYCLE_TEST_BAD_CLIENTS")), main = false)]
fn bad_clients() {}

#[test]
fn clients_from_the_environment_and_configuration_errors() {
    // SAFETY: no other test reads or writes these variables.
    unsafe {
        std::env::set_var("LIFECYCLE_TEST_APP_CLIENTS", " 1first, 2second ,");
        std::env::set_var("LIFECYCLE_TEST_BAD_CLIENTS", "1first, not an id");
    }
    let from = |client: &str| {
        event(
            "PreAuthentication_Authentication",
            json!(client),
            json!({"userAttributes": {}}),
        )
    };
    assert!(ENV_CLIENTS.invoke_blocking(&from("2second")).is_ok());
    assert!(ENV_CLIENTS.invoke_blocking(&from("3third")).is_err());
    for trigger in [&UNSET_CLIENTS, &BAD_CLIENTS] {
        let error = trigger.invoke_blocking(&from("1first")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Configuration);
        // The variable's name and value stay in the log.
        assert_eq!(error.message(), "the trigger is not configured correctly");
    }
}

#[test]
fn a_user_cognito_did_not_find_gets_the_same_refusal_as_an_unverified_user() {
    let unverified = VERIFIED_EMAIL
        .invoke_blocking(&sign_in(
            json!({"email": "jane@example.com", "email_verified": "false"}),
        ))
        .unwrap_err();
    let missing = VERIFIED_EMAIL
        .invoke_blocking(&not_found("1example23456789abcdefghij"))
        .unwrap_err();
    assert_eq!(missing.kind(), unverified.kind());
    assert_eq!(missing.message(), unverified.message());
    // The same for a whole event as Cognito sends it (`tests/fixtures/lifecycle`).
    let fixture = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/lifecycle/pre-authentication-user-not-found.json"),
    )
    .unwrap();
    assert_eq!(
        VERIFIED_EMAIL
            .invoke_blocking(&fixture)
            .unwrap_err()
            .message(),
        unverified.message()
    );
    for trigger in [&BOTH_CHECKS, &KNOWN_CLIENTS] {
        let unverified = trigger
            .invoke_blocking(&sign_in(json!({"email_verified": "false"})))
            .map_err(|e| e.message().to_owned());
        let missing = trigger
            .invoke_blocking(&not_found("1example23456789abcdefghij"))
            .map(|_| ())
            .map_err(|e| e.message().to_owned());
        assert_eq!(missing.err(), unverified.err());
    }
    // The client check does not depend on the user at all.
    assert_eq!(
        KNOWN_CLIENTS
            .invoke_blocking(&not_found("3stranger"))
            .unwrap_err()
            .message(),
        "Sign-in from this app is not allowed"
    );
}

static SEEN_NOT_FOUND: AtomicUsize = AtomicUsize::new(0);

#[pre_authentication(main = false)]
async fn reads_the_event(event: &PreAuthentication<'_>) -> Result<(), Deny> {
    if event.user_not_found {
        SEEN_NOT_FOUND.fetch_add(1, Ordering::SeqCst);
    }
    match event.validation_data.get("captcha") {
        Some("ok") => Ok(()),
        _ => Err(Deny::new("Complete the captcha\nand try again")),
    }
}

#[test]
fn the_function_sees_user_not_found_and_validation_data_and_its_refusal_is_one_line() {
    let text = event(
        "PreAuthentication_Authentication",
        json!("1example"),
        json!({"userAttributes": {}, "validationData": {"captcha": "ok"}, "userNotFound": true}),
    );
    assert_eq!(READS_THE_EVENT.invoke_blocking(&text).unwrap(), text);
    assert_eq!(SEEN_NOT_FOUND.load(Ordering::SeqCst), 1);
    let error = READS_THE_EVENT
        .invoke_blocking(&sign_in(json!({})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Handler);
    assert!(!error.message().contains('\n'), "{}", error.message());
    assert!(error.message().starts_with("Complete the captcha"));
}

#[test]
fn null_and_missing_fields_of_real_events_are_accepted() {
    for request in [
        json!({"userAttributes": {"email_verified": "true"}, "validationData": null}),
        json!({"userAttributes": {"email_verified": "true"}, "userNotFound": null}),
        json!({"userAttributes": {"email_verified": "true"}, "clientMetadata": null, "somethingNew": [1]}),
    ] {
        let text = event(
            "PreAuthentication_Authentication",
            json!(null),
            request.clone(),
        );
        assert_eq!(
            VERIFIED_EMAIL.invoke_blocking(&text).unwrap(),
            text,
            "{request}"
        );
    }
    // A trigger source Cognito may add later is handled, not refused.
    let text = event(
        "PreAuthentication_SomethingNew",
        json!("1example"),
        json!({"userAttributes": {"email_verified": "true"}}),
    );
    assert_eq!(VERIFIED_EMAIL.invoke_blocking(&text).unwrap(), text);
    // What cannot be read is an error that names where, without the value.
    let error = VERIFIED_EMAIL
        .invoke_blocking(&sign_in(json!({"email_verified": true})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidEvent);
    assert_eq!(
        error.message(),
        "at `request.userAttributes.email_verified`: invalid type: boolean, expected a string"
    );
}

// ---- post authentication ----

static NEW_DEVICES: AtomicUsize = AtomicUsize::new(0);

#[post_authentication(main = false)]
fn count_devices(event: &PostAuthentication) -> Result<(), Deny> {
    if event.new_device_used {
        NEW_DEVICES.fetch_add(1, Ordering::SeqCst);
    }
    match event.attribute("custom:blocked") {
        Some("true") => Err(Deny::new("This account is blocked")),
        _ => Ok(()),
    }
}

#[test]
fn post_authentication_reads_new_device_used_in_every_shape() {
    // `None`: the key is absent.
    for (flag, counted) in [
        (Some(json!(true)), 1),
        (Some(json!(false)), 0),
        (Some(Value::Null), 0),
        (None, 0),
    ] {
        let before = NEW_DEVICES.load(Ordering::SeqCst);
        let mut request = json!({"userAttributes": {"email": "jane@example.com"}});
        if let Some(flag) = &flag {
            request["newDeviceUsed"] = flag.clone();
        }
        let text = event(
            "PostAuthentication_Authentication",
            json!("1example"),
            request,
        );
        assert_eq!(COUNT_DEVICES.invoke_blocking(&text).unwrap(), text);
        assert_eq!(
            NEW_DEVICES.load(Ordering::SeqCst) - before,
            counted,
            "{flag:?}"
        );
    }
    let blocked = event(
        "PostAuthentication_Authentication",
        json!("1example"),
        json!({"userAttributes": {"custom:blocked": "true"}, "newDeviceUsed": false}),
    );
    assert_eq!(
        COUNT_DEVICES
            .invoke_blocking(&blocked)
            .unwrap_err()
            .message(),
        "This account is blocked"
    );
}

// ---- post confirmation ----

static CONFIRMED: AtomicUsize = AtomicUsize::new(0);
static ANY_SOURCE: AtomicUsize = AtomicUsize::new(0);

#[post_confirmation(triggers = ["ConfirmSignUp"], main = false)]
async fn sign_ups_only(event: &PostConfirmation<'_>) {
    assert_eq!(event.trigger_source, PostConfirmationSource::ConfirmSignUp);
    CONFIRMED.fetch_add(1, Ordering::SeqCst);
}

#[post_confirmation(main = false)]
fn every_confirmation() {
    ANY_SOURCE.fetch_add(1, Ordering::SeqCst);
}

#[test]
fn triggers_limits_post_confirmation_to_sign_ups_and_the_event_goes_back_unchanged() {
    let sign_up = event(
        "PostConfirmation_ConfirmSignUp",
        json!("1example"),
        json!({"userAttributes": {"email": "jane@example.com"}, "clientMetadata": {"k": "v"}}),
    );
    let reset = event(
        "PostConfirmation_ConfirmForgotPassword",
        json!("1example"),
        json!({"userAttributes": {"email": "jane@example.com"}}),
    );
    let before = (
        CONFIRMED.load(Ordering::SeqCst),
        ANY_SOURCE.load(Ordering::SeqCst),
    );
    for text in [&sign_up, &reset] {
        assert_eq!(SIGN_UPS_ONLY.invoke_blocking(text).unwrap(), *text);
        assert_eq!(EVERY_CONFIRMATION.invoke_blocking(text).unwrap(), *text);
    }
    assert_eq!(CONFIRMED.load(Ordering::SeqCst) - before.0, 1);
    assert_eq!(ANY_SOURCE.load(Ordering::SeqCst) - before.1, 2);
}

#[post_confirmation(main = false)]
fn panics() {
    let empty: Vec<u8> = Vec::new();
    let _ = empty[1];
}

#[test]
fn a_panic_is_a_generic_error_and_the_next_event_is_served() {
    let text = event(
        "PostConfirmation_ConfirmSignUp",
        json!("1example"),
        json!({"userAttributes": {}}),
    );
    let error = PANICS.invoke_blocking(&text).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::HandlerPanic);
    assert_eq!(error.message(), "the trigger handler failed unexpectedly");
    assert!(EVERY_CONFIRMATION.invoke_blocking(&text).is_ok());
}

proptest! {
    /// Whatever the attributes, `require_verified` lets a user through exactly when
    /// `email_verified` is the string "true", and the event always comes back unchanged.
    #[test]
    fn require_verified_is_exactly_email_verified_true(
        verified in prop_oneof![Just(None), any::<String>().prop_map(Some), Just(Some("true".to_owned()))],
        other in prop::collection::btree_map("[a-z_:]{1,12}", ".{0,12}", 0..5),
        not_found in any::<bool>(),
    ) {
        let mut attributes = serde_json::Map::new();
        for (k, v) in other {
            if k != "email_verified" {
                attributes.insert(k, json!(v));
            }
        }
        if let Some(v) = &verified {
            attributes.insert("email_verified".into(), json!(v));
        }
        let text = event(
            "PreAuthentication_Authentication",
            json!("1example"),
            json!({"userAttributes": attributes, "userNotFound": not_found}),
        );
        let answer = VERIFIED_EMAIL.invoke_blocking(&text);
        match verified.as_deref() {
            Some("true") => prop_assert_eq!(answer.unwrap(), text),
            _ => prop_assert_eq!(
                answer.unwrap_err().message().to_owned(),
                "Verify your email address before signing in"
            ),
        }
    }
}
