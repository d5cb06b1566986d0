//! 20,000 invocations of one bootstrap process through a loopback Lambda runtime API:
//! successes, handler errors, panics and malformed events interleaved. Every answer is
//! checked, memory must stay flat, and the JSON logs must never carry user attributes.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use cognito_triggers::testing::{Answer, RuntimeApi};
use cognito_triggers::{sample_event, Version};
use serde_json::{json, Value};

const INVOCATIONS: usize = 20_000;
const WARM_UP: usize = 2_000;
/// Allowed growth of the resident set between the warm-up and the end.
const MAX_GROWTH_KIB: u64 = 1024;
const SECRET: &str = "secret-tenant-value-7f3a";

fn vm_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn twenty_thousand_invocations_with_flat_memory() {
    let api = RuntimeApi::bind().unwrap();
    let mut child = api
        .command(env!("CARGO_BIN_EXE_tenant-trigger"))
        .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let logs = std::thread::spawn(move || {
        let mut lines = 0usize;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let parsed: Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("log line is not JSON ({e}): {line}"));
            assert!(parsed.get("level").is_some(), "{line}");
            assert!(
                !line.contains(SECRET),
                "a user attribute reached the logs: {line}"
            );
            lines += 1;
        }
        lines
    });
    let mut session = api.accept(&mut child, Duration::from_secs(30)).unwrap();

    let mut good = sample_event(Version::V1_0);
    good["request"]["userAttributes"]["custom:tenant"] = json!(SECRET);
    let good = serde_json::to_vec(&good).unwrap();
    let no_tenant = serde_json::to_vec(&sample_event(Version::V1_0)).unwrap();
    let mut panics = sample_event(Version::V1_0);
    panics["request"]["clientMetadata"]["panic"] = json!("yes");
    panics["request"]["userAttributes"]["custom:tenant"] = json!(SECRET);
    let panics = serde_json::to_vec(&panics).unwrap();
    let malformed = br#"{"version":"1","request":{"userAttributes":{"custom:tenant":7}}}"#.to_vec();

    let mut rss_after_warm_up = 0;
    for i in 0..INVOCATIONS {
        let (event, expect_success, error_type) = match i % 10 {
            7 => (&no_tenant, false, "HandlerError"),
            8 if i % 100 == 8 => (&panics, false, "HandlerPanic"),
            9 => (&malformed, false, "InvalidEvent"),
            _ => (&good, true, ""),
        };
        let answer = session
            .invoke(event)
            .unwrap_or_else(|e| panic!("invocation {i}: {e}"));
        assert_eq!(
            answer.is_success(),
            expect_success,
            "invocation {i}: {answer:?}"
        );
        let body: Value = serde_json::from_slice(answer.body()).unwrap();
        match answer {
            Answer::Response(_) => assert_eq!(
                body["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["tenant"],
                SECRET,
                "invocation {i}"
            ),
            Answer::Error(_) => {
                assert_eq!(body["errorType"], error_type, "invocation {i}");
                let message = body["errorMessage"].as_str().unwrap();
                assert!(
                    !message.contains(SECRET) && !message.contains("src/"),
                    "{message}"
                );
            }
        }
        if i + 1 == WARM_UP {
            rss_after_warm_up = vm_rss_kib(child.id());
        }
    }
    let rss_at_end = vm_rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    let log_lines = logs.join().unwrap();
    assert!(rss_after_warm_up > 0);
    assert!(
        rss_at_end <= rss_after_warm_up + MAX_GROWTH_KIB,
        "RSS grew from {rss_after_warm_up} KiB to {rss_at_end} KiB over {} invocations",
        INVOCATIONS - WARM_UP
    );
    // lambda_runtime logs each failed invocation; the panics are logged by the panic hook.
    assert!(log_lines >= INVOCATIONS / 10 * 2, "{log_lines} log lines");
    println!("RSS {rss_after_warm_up} KiB after {WARM_UP} invocations, {rss_at_end} KiB after {INVOCATIONS}; {log_lines} log lines");
}
