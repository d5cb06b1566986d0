//! End to end on the real Lambda runtime API emulator of cargo-lambda: `cargo lambda build
//! --release` makes each bootstrap, `cargo lambda watch --only-lambda-apis` serves the runtime
//! API on a free loopback port, the bootstrap runs against it, and `cargo lambda invoke` sends
//! the events. Needs `cargo-lambda` on PATH (`scripts/test` installs it).
//!
//! Every process started here is killed by its PID when its guard drops, also when an
//! assertion fails.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use cognito_triggers_tests::{lambda_watch, Guard};
use serde_json::{json, Value};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The bootstraps are built once per test run, into their own target directory so that the
/// build does not wait on the lock of the `cargo test` that runs this suite.
fn bootstrap(name: &str) -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    let target = BUILT.get_or_init(|| {
        let target = workspace().join("target").join("e2e");
        let mut build = Command::new("cargo");
        build
            .current_dir(workspace())
            .env("CARGO_TARGET_DIR", &target);
        build.args(["lambda", "build", "--release", "--locked"]);
        for package in PACKAGES {
            build.args(["-p", package]);
        }
        let status = build
            .status()
            .expect("cargo-lambda must be installed: run scripts/test, which installs it");
        assert!(status.success(), "cargo lambda build failed");
        target
    });
    let path = target.join("lambda").join(name).join("bootstrap");
    assert!(
        path.is_file(),
        "cargo lambda build did not produce {}",
        path.display()
    );
    path
}

const PACKAGES: &[&str] = &[
    "override-token",
    "access-token-claims",
    "m2m-scopes",
    "email-domain-filter",
    "attribute-validation",
    "cognito-triggers-tests",
];

/// A runtime API emulator with one bootstrap polling it.
struct Function {
    port: u16,
    _bootstrap: Guard,
    _emulator: Guard,
}

impl Function {
    fn start(bootstrap: &Path) -> Function {
        let (port, emulator) = lambda_watch();
        let bootstrap = Command::new(bootstrap)
            .env(
                "AWS_LAMBDA_RUNTIME_API",
                format!("http://127.0.0.1:{port}/.rt"),
            )
            .env("AWS_LAMBDA_FUNCTION_NAME", "_")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Function {
            port,
            _bootstrap: Guard(bootstrap),
            _emulator: emulator,
        }
    }

    fn invoke_raw(&self, data: &str) -> Output {
        Command::new("cargo")
            .args(["lambda", "invoke", "--invoke-address", "127.0.0.1"])
            .args([
                "--invoke-port",
                &self.port.to_string(),
                "--data-ascii",
                data,
                "_",
            ])
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    /// The function's answer to `event`.
    fn invoke(&self, event: &Value) -> Value {
        let output = self.invoke_raw(&event.to_string());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// The `(errorType, errorMessage)` of a failed invocation, as `cargo lambda invoke` shows it.
    fn invoke_error(&self, data: &str) -> (String, String) {
        let output = self.invoke_raw(data);
        assert!(!output.status.success(), "expected an error for {data}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        let error_type = stderr
            .lines()
            .find_map(|l| l.strip_prefix("Error: "))
            .unwrap_or_else(|| panic!("no error type in {stderr}"))
            .trim()
            .to_owned();
        let message = stderr
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("× "))
            .unwrap_or_else(|| panic!("no error message in {stderr}"))
            .trim()
            .to_owned();
        (error_type, message)
    }
}

fn fixture(name: &str) -> Value {
    let path = workspace().join("tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn with_response(mut event: Value, response: Value) -> Value {
    event["response"] = response;
    event
}

#[test]
fn override_token_answers_like_the_amplify_page_and_keeps_serving() {
    let function = Function::start(&bootstrap("override-token"));
    let amplify = |details: &str| {
        json!({ details: {
            "claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"},
            "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
        }})
    };
    for name in [
        "v1-aws-constructed.json",
        "v0-cognito-local.json",
        "v1-doc-2023-group-configuration-array.json",
    ] {
        let event = fixture(name);
        let expected = with_response(event.clone(), amplify("claimsOverrideDetails"));
        assert_eq!(function.invoke(&event), expected, "{name}");
    }
    let v2 = fixture("v2-aws-doc-sample.json");
    let expected = with_response(
        v2.clone(),
        json!({"claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"amplfy_attribute": "amplify_gen_2"}},
            "groupOverrideDetails": {"groupsToOverride": ["amplify_group_1"]}
        }}),
    );
    assert_eq!(function.invoke(&v2), expected);

    let (error_type, message) = function.invoke_error("[\"not an event\"]");
    assert_eq!(error_type, "InvalidEvent");
    assert_eq!(
        message,
        "invalid event: the event must be a JSON object, got an array"
    );
    let (_, message) = function.invoke_error("{\"version\": \"1\"}");
    assert_eq!(message, "invalid event: the event has no `request` object");
    // The payload is read by the bootstrap itself, so text that is not JSON is an
    // `InvalidEvent` like any other bad event (not lambda_runtime's `DeserializeError`).
    // (`cargo lambda invoke` wraps the message: its first line is compared.)
    let (error_type, message) = function.invoke_error("{truncated");
    assert_eq!(error_type, "InvalidEvent");
    assert!(
        message.starts_with("invalid event: the event is not valid JSON: key must be a string"),
        "{message}"
    );

    // The same process still answers good events.
    let event = fixture("v1-aws-constructed.json");
    let expected = with_response(event.clone(), amplify("claimsOverrideDetails"));
    assert_eq!(function.invoke(&event), expected);
}

#[test]
fn handler_errors_and_panics_are_error_responses_and_the_process_keeps_serving() {
    let mut function = Function::start(&bootstrap("tenant-trigger"));
    let mut event = fixture("v1-aws-constructed.json");
    let (error_type, message) = function.invoke_error(&event.to_string());
    assert_eq!(
        (error_type.as_str(), message.as_str()),
        ("HandlerError", "this account has no tenant")
    );

    event["request"]["clientMetadata"]["panic"] = json!("yes");
    let (error_type, message) = function.invoke_error(&event.to_string());
    assert_eq!(error_type, "HandlerPanic");
    assert_eq!(message, "the trigger handler failed unexpectedly");

    let mut good = fixture("v1-aws-constructed.json");
    good["request"]["userAttributes"]["custom:tenant"] = json!("acme");
    let answered = function.invoke(&good);
    assert_eq!(
        answered["response"],
        json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"source": "tenant-trigger", "tenant": "acme"}}})
    );

    // The panic was logged as one structured line, without ending the process.
    let bootstrap = &mut function._bootstrap.0;
    assert!(
        bootstrap.try_wait().unwrap().is_none(),
        "the bootstrap exited"
    );
    let _ = bootstrap.kill();
    let stdout = BufReader::new(bootstrap.stdout.take().unwrap());
    let logs: Vec<String> = stdout.lines().map_while(Result::ok).collect();
    assert!(
        logs.iter().any(|l| l.contains("panic in the trigger")),
        "{logs:?}"
    );
}

#[test]
fn access_token_claims_on_v2_and_v1_events() {
    let function = Function::start(&bootstrap("access-token-claims"));
    let v2 = fixture("v2-go-testdata.json");
    let expected = with_response(
        v2.clone(),
        json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {
            "claimsToAddOrOverride": {"tenant": "none"},
            "scopesToAdd": ["api/tenant.read"]
        }}}),
    );
    assert_eq!(function.invoke(&v2), expected);

    let mut admin = fixture("v2-group-configuration-null.json");
    admin["request"]["groupConfiguration"] = json!({"groupsToOverride": ["admins"]});
    admin["request"]["userAttributes"]["custom:tenant"] = json!("acme");
    let answered = function.invoke(&admin);
    assert_eq!(
        answered["response"],
        json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {
            "claimsToAddOrOverride": {"tenant": "acme", "role": "admin"},
            "scopesToAdd": ["api/tenant.read", "api/tenant.write"]
        }}})
    );

    // A pool still wired as V1_0: nothing the V1 event cannot carry is written.
    let v1 = fixture("v1-aws-constructed.json");
    assert_eq!(function.invoke(&v1), with_response(v1.clone(), json!({})));
}

#[test]
fn m2m_scopes_on_client_credentials_and_user_sign_in() {
    let function = Function::start(&bootstrap("m2m-scopes"));
    let m2m = fixture("v3-client-credentials.json");
    let expected = with_response(
        m2m.clone(),
        json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {
            "claimsToAddOrOverride": {"machine": true, "environment": "dev"},
            "scopesToSuppress": ["solar-system-data/asteroids.write"]
        }}}),
    );
    assert_eq!(function.invoke(&m2m), expected);

    let mut user = fixture("v2-go-testdata.json");
    user["version"] = json!("3");
    let answered = function.invoke(&user);
    assert_eq!(
        answered["response"],
        json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {
            "claimsToAddOrOverride": {"machine": true},
            "scopesToSuppress": ["solar-system-data/asteroids.write"]
        }}})
    );
}

fn sign_up(attributes: Value) -> Value {
    json!({
        "version": "1", "triggerSource": "PreSignUp_SignUp", "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE", "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"userAttributes": attributes, "validationData": null},
        "response": {}
    })
}

#[test]
fn pre_sign_up_examples_refuse_look_alikes_and_young_users_and_keep_serving() {
    let filter = Function::start(&bootstrap("email-domain-filter"));
    let accepted = sign_up(json!({"email": "jane@AMAZON.com"}));
    let flags =
        json!({"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false});
    assert_eq!(
        filter.invoke(&accepted),
        with_response(accepted.clone(), flags.clone())
    );
    for email in ["jane@evil-amazon.com", "jane@amazon.com.evil.net"] {
        let refused = sign_up(json!({ "email": email })).to_string();
        assert_eq!(
            filter.invoke_error(&refused),
            ("HandlerError".to_owned(), "Invalid email domain".to_owned())
        );
    }
    assert_eq!(
        filter.invoke(&accepted),
        with_response(accepted.clone(), flags.clone())
    );

    let ages = Function::start(&bootstrap("attribute-validation"));
    let adult = sign_up(json!({"birthdate": "1990-04-01"}));
    assert_eq!(ages.invoke(&adult), with_response(adult.clone(), flags));
    let child = sign_up(json!({"birthdate": "2099-01-01"})).to_string();
    assert_eq!(
        ages.invoke_error(&child),
        (
            "HandlerError".to_owned(),
            "You must be 13 years or older to use this site".to_owned()
        )
    );
}

#[test]
fn one_bootstrap_routes_two_triggers_by_trigger_source() {
    let suite = Function::start(&bootstrap("two-triggers"));
    let signing_up = sign_up(json!({"email": "jane@example.com"}));
    assert_eq!(
        suite.invoke(&signing_up),
        with_response(
            signing_up.clone(),
            json!({"autoConfirmUser": true, "autoVerifyEmail": false, "autoVerifyPhone": false})
        )
    );
    let signing_in = fixture("v1-aws-constructed.json");
    let answer = suite.invoke(&signing_in);
    assert_eq!(
        answer["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["tier"],
        "gold"
    );
    // A trigger this bootstrap does not serve: the event goes back unchanged.
    let mut other = signing_up.clone();
    other["triggerSource"] = json!("PostConfirmation_ConfirmSignUp");
    assert_eq!(suite.invoke(&other), other);
}

fn lifecycle(source: &str, client: &str, request: Value) -> Value {
    json!({
        "version": "1", "triggerSource": source, "region": "eu-west-1",
        "userPoolId": "eu-west-1_aaBBcC8dd", "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client},
        "request": request, "response": {}
    })
}

#[test]
fn one_bootstrap_serves_pre_and_post_authentication_and_post_confirmation() {
    let suite = Function::start(&bootstrap("sign-in"));
    let verified = json!({"userAttributes": {"email": "jane@example.com", "email_verified": "true"}, "validationData": null});
    // Accepted events come back unchanged.
    for event in [
        lifecycle(
            "PreAuthentication_Authentication",
            "1example23456789",
            verified.clone(),
        ),
        lifecycle(
            "PostAuthentication_Authentication",
            "1example23456789",
            json!({"newDeviceUsed": null, "userAttributes": {}}),
        ),
        lifecycle(
            "PostConfirmation_ConfirmSignUp",
            "1example23456789",
            json!({"userAttributes": {"phone_number": null}}),
        ),
        lifecycle(
            "PostConfirmation_ConfirmForgotPassword",
            "1example23456789",
            json!({"userAttributes": {}}),
        ),
        // A trigger this bootstrap does not serve.
        lifecycle(
            "PreSignUp_SignUp",
            "1example23456789",
            json!({"userAttributes": {}}),
        ),
    ] {
        assert_eq!(suite.invoke(&event), event);
    }
    // Refusals are one line, the text Cognito shows as `<Trigger> failed with error <text>.`;
    // a user Cognito did not find gets the same one as an unverified user.
    let unverified = json!({"userAttributes": {"email_verified": "false"}});
    let not_found = json!({"userAttributes": {}, "userNotFound": true});
    for request in [unverified, not_found] {
        let event = lifecycle(
            "PreAuthentication_Authentication",
            "1example23456789",
            request,
        );
        assert_eq!(
            suite.invoke_error(&event.to_string()),
            (
                "HandlerError".to_owned(),
                "Verify your email address before signing in".to_owned()
            )
        );
    }
    let other_app = lifecycle("PreAuthentication_Authentication", "2other", verified);
    assert_eq!(
        suite.invoke_error(&other_app.to_string()).1,
        "Verify your email address before signing in"
    );
    let blocked = lifecycle(
        "PostAuthentication_Authentication",
        "1example23456789",
        json!({"userAttributes": {"custom:blocked": "true"}}),
    );
    assert_eq!(
        suite.invoke_error(&blocked.to_string()),
        (
            "HandlerError".to_owned(),
            "This account is blocked".to_owned()
        )
    );
    // And it keeps serving.
    let event = lifecycle(
        "PostConfirmation_ConfirmSignUp",
        "1example23456789",
        json!({"userAttributes": {}}),
    );
    assert_eq!(suite.invoke(&event), event);
}

#[test]
fn the_same_trigger_twice_is_an_error_at_start() {
    let output = Command::new(bootstrap("twice"))
        .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: serve: `first` and `second` are both pre sign-up triggers; one bootstrap serves each trigger once\n"
    );
}
