//! The example's binary in local mode: the messages each source would send, the Spanish reset,
//! the rendered email written to a file, and the answer Lambda would return.

use cognito_triggers_tests::run_local;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_custom-message");

fn events(name: &str) -> String {
    format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_reset_email_in_english_by_default_and_in_spanish_for_es() {
    let output = run_local(BIN, &["--source", "ForgotPassword"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    // The sample user has no locale and the page has no default block: Cognito's message.
    assert!(
        text.contains("event: CustomMessage_ForgotPassword"),
        "{text}"
    );
    assert!(
        text.contains("Subject: (Cognito's configured message)"),
        "{text}"
    );

    let output = run_local(
        BIN,
        &[
            "--event",
            &events("forgot-password-es.json"),
            "--html",
            "/dev/null",
        ],
        None,
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(text.contains("(locale es)"), "{text}");
    assert!(
        text.contains("Subject: Restablecer mi contraseña\n"),
        "{text}"
    );
    assert!(
        text.contains("Email:\n  Tu nuevo código de un solo uso es {####}\n"),
        "{text}"
    );
    assert!(
        text.contains("SMS: (Cognito's configured message)"),
        "{text}"
    );
}

#[test]
fn the_sign_up_email_is_the_branded_file_with_the_name_escaped() {
    let dir = std::env::temp_dir().join(format!("custom-message-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("welcome.html");
    let output = run_local(
        BIN,
        &[
            "--event",
            &events("sign-up-markup.json"),
            "--html",
            path.to_str().unwrap(),
        ],
        None,
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("Subject: Welcome to Acme, <Jane & \"Co\">\n"),
        "{text}"
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(
        html.contains("<p>Hi &lt;Jane &amp; &quot;Co&quot;&gt;,</p>"),
        "{html}"
    );
    assert!(html.contains("<div class=\"code\">{####}</div>"), "{html}");
    assert!(html.contains("body { margin: 0;"), "{html}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_invitation_keeps_username_and_password_placeholders() {
    let output = run_local(
        BIN,
        &["--source", "AdminCreateUser", "--html", "/dev/null"],
        None,
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("Your username is {username} and your temporary password is {####}"),
        "{text}"
    );
}

#[test]
fn html_without_an_email_is_an_error() {
    let output = run_local(
        BIN,
        &["--source", "Authentication", "--html", "/dev/null"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        error,
        "error: `--html`: this event's answer has no email message (Cognito sends its configured one)\n"
    );
}

#[test]
fn event_prints_what_lambda_returns() {
    let output = run_local(BIN, &["--event", &events("forgot-password-es.json")], None);
    assert!(output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["response"],
        serde_json::json!({
            "smsMessage": null,
            "emailMessage": "Tu nuevo código de un solo uso es {####}",
            "emailSubject": "Restablecer mi contraseña"
        })
    );
    assert_eq!(answer["request"]["userAttributes"]["locale"], "es");
}

#[test]
fn help_lists_the_sources_and_html() {
    let output = run_local(BIN, &["--help"], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("--source NAME"), "{text}");
    assert!(
        text.contains("SignUp, AdminCreateUser, ResendCode, ForgotPassword"),
        "{text}"
    );
    assert!(text.contains("--html PATH"), "{text}");
}

#[test]
fn cargo_rebuilds_when_the_template_changes() {
    // Cargo's dep-info of the binary (`target/debug/deps/custom_message-<hash>.d`) lists every
    // file the build read: the template is one, so editing it rebuilds the trigger.
    let deps = std::path::Path::new(BIN).parent().unwrap().join("deps");
    let template = format!("{}/templates/welcome.html", env!("CARGO_MANIFEST_DIR"));
    let listed = std::fs::read_dir(&deps)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("custom_message-") && name.ends_with(".d")
        })
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .any(|dep_info| dep_info.split_whitespace().any(|file| file == template));
    assert!(listed, "no dep-info in {} lists {template}", deps.display());
}
