//! Local mode of custom message: the subject, email and SMS that would be sent; `--html PATH`
//! writes the email to a file to open in a browser.

use serde_json::Value;

use super::trigger::CustomMessageTrigger;
use crate::engine::{block_on, AnyTrigger, LocalMode};

const SOURCES: &[&str] = &[
    "SignUp",
    "AdminCreateUser",
    "ResendCode",
    "ForgotPassword",
    "UpdateUserAttribute",
    "VerifyUserAttribute",
    "Authentication",
];

impl LocalMode for CustomMessageTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        SOURCES
    }

    fn sample(&self, source: &str) -> Option<String> {
        let text = match source {
            "SignUp" => include_str!("samples/sign-up.json"),
            "AdminCreateUser" => include_str!("samples/admin-create-user.json"),
            "ResendCode" => include_str!("samples/resend-code.json"),
            "ForgotPassword" => include_str!("samples/forgot-password.json"),
            "UpdateUserAttribute" => include_str!("samples/update-user-attribute.json"),
            "VerifyUserAttribute" => include_str!("samples/verify-user-attribute.json"),
            "Authentication" => include_str!("samples/authentication.json"),
            _ => return None,
        };
        Some(text.to_owned())
    }

    fn options(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "--html PATH",
            "also write the email message to PATH, to open in a browser",
        )]
    }

    fn report(&self, event: &str, options: &[String]) -> Result<String, String> {
        let any: &dyn AnyTrigger = self;
        let output = block_on(any.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
        let answered: Value = serde_json::from_slice(&output).map_err(|e| e.to_string())?;
        let text = |key: &str| {
            answered
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("(none)")
                .to_owned()
        };
        let request = answered.get("request");
        let response = answered.get("response");
        let field = |key: &str| response.and_then(|r| r.get(key)).and_then(Value::as_str);
        let locale = request
            .and_then(|r| r.get("userAttributes"))
            .and_then(|a| a.get("locale"))
            .and_then(Value::as_str)
            .map(|l| format!(" (locale {l})"))
            .unwrap_or_default();
        let configured = "(Cognito's configured message)";
        let mut out = format!(
            "`{}`, a custom message trigger\nevent: {}, user {}{locale}\n\n",
            self.name(),
            text("triggerSource"),
            text("userName"),
        );
        out += &format!("Subject: {}\n", field("emailSubject").unwrap_or(configured));
        match field("emailMessage") {
            Some(body) => out += &format!("Email:\n{}\n", indent(body)),
            None => out += &format!("Email: {configured}\n"),
        }
        out += &format!("SMS: {}\n", field("smsMessage").unwrap_or(configured));
        let code = request
            .and_then(|r| r.get("codeParameter"))
            .and_then(Value::as_str)
            .unwrap_or(cognito_triggers_rules::custom_message::CODE);
        out += &format!("\nCognito replaces {code} with the code before it sends a message.");
        if let Some(path) = html_path(options)? {
            let body = field("emailMessage").ok_or(
                "`--html`: this event's answer has no email message (Cognito sends its configured one)",
            )?;
            std::fs::write(path, body)
                .map_err(|e| format!("cannot write the email to `{path}`: {e}"))?;
            out += &format!("\nThe email message is in {path}.");
        }
        Ok(out)
    }
}

/// The path given to `--html`.
fn html_path(options: &[String]) -> Result<Option<&str>, String> {
    let mut options = options.iter();
    while let Some(option) = options.next() {
        if option == "--html" {
            return options
                .next()
                .map(|p| Some(p.as_str()))
                .ok_or_else(|| "`--html` needs a path".to_owned());
        }
    }
    Ok(None)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
