//! 3,000 user migrations through one bootstrap on a loopback Lambda runtime API, at the most
//! verbose log level with JSON logs: found users, wrong passwords, invalid users, errors,
//! panics and malformed events. A planted password must never appear in a log line or an
//! error message.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use cognito_triggers::testing::RuntimeApi;
use serde_json::{json, Value};

const INVOCATIONS: usize = 3_000;
const PLANTED: &str = "planted-Secr3t-pa55word";

fn event(password: Value, case: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "version": "1",
        "triggerSource": "UserMigration_Authentication",
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "jane@example.com",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"password": password, "validationData": {"case": case}, "userAttributes": null},
        "response": {"userAttributes": null, "finalUserStatus": null}
    }))
    .unwrap()
}

#[test]
fn a_planted_password_never_reaches_a_log_or_an_error() {
    let api = RuntimeApi::bind().unwrap();
    let mut child = api
        .command(env!("CARGO_BIN_EXE_legacy-migration"))
        .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
        .env("AWS_LAMBDA_LOG_LEVEL", "TRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let scan = |pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut lines = 0usize;
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                assert!(
                    !line.contains(PLANTED),
                    "the password reached a log line: {line}"
                );
                lines += 1;
            }
            lines
        })
    };
    let stdout = scan(Box::new(child.stdout.take().unwrap()));
    let stderr = scan(Box::new(child.stderr.take().unwrap()));
    let mut session = api.accept(&mut child, Duration::from_secs(30)).unwrap();

    let found = event(json!(PLANTED), "found");
    let wrong = event(json!("another-password"), "found");
    let invalid = event(json!(PLANTED), "invalid");
    let error = event(json!(PLANTED), "error");
    let panics = event(json!(PLANTED), "panic");
    // Malformed: the password where a string is not expected, and cut in the middle.
    let not_a_string = event(json!([PLANTED]), "found");
    let mut truncated = event(json!(PLANTED), "found");
    let cut = truncated
        .windows(PLANTED.len())
        .position(|w| w == PLANTED.as_bytes())
        .unwrap()
        + 8;
    truncated.truncate(cut);

    let mut failures = 0;
    for i in 0..INVOCATIONS {
        let (body, success) = match i % 7 {
            0 | 1 => (&found, true),
            2 => (&wrong, false),
            3 => (&invalid, false),
            4 => (&error, false),
            5 if i % 70 == 5 => (&panics, false),
            5 => (&not_a_string, false),
            _ => (&truncated, false),
        };
        let answer = session
            .invoke(body)
            .unwrap_or_else(|e| panic!("invocation {i}: {e}"));
        assert_eq!(answer.is_success(), success, "invocation {i}: {answer:?}");
        let text = String::from_utf8_lossy(answer.body());
        if answer.is_success() {
            // The answer is the whole event, as Cognito wants it back: the password is in it.
            let body: Value = serde_json::from_slice(answer.body()).unwrap();
            assert_eq!(body["response"]["finalUserStatus"], "CONFIRMED");
        } else {
            failures += 1;
            assert!(
                !text.contains(PLANTED),
                "invocation {i}: the password is in the error: {text}"
            );
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let lines = stdout.join().unwrap() + stderr.join().unwrap();
    assert!(failures > INVOCATIONS / 2);
    // Every failure is logged at least once: the scan covered them.
    assert!(
        lines >= failures,
        "{lines} log lines for {failures} failures"
    );
    println!("{INVOCATIONS} invocations, {failures} failures, {lines} log lines scanned");
}
