//! Local mode of the custom senders: no KMS call, no delivery; what would happen on Lambda.

use super::trigger::{CustomEmailSenderTrigger, CustomSmsSenderTrigger};
use crate::engine::{block_on, AnyTrigger, LocalMode};

fn report(trigger: &(dyn AnyTrigger + 'static), event: &str, key: &str) -> Result<String, String> {
    block_on(trigger.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
    let parsed: serde_json::Value = serde_json::from_str(event).map_err(|e| e.to_string())?;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("(none)").to_owned();
    let has_code = parsed["request"]["code"].is_string();
    let mut out = format!(
        "`{}`, a {} trigger\nevent: {}, user {}\n\n",
        trigger.common().name(),
        trigger.kind().title,
        text(&parsed["triggerSource"]),
        text(&parsed["userName"]),
    );
    out += &if has_code {
        format!(
            "On Lambda the code is decrypted with the Encryption SDK and {key} (encryption context userpool-id = {}) and passed to `{}` to deliver. Local mode calls neither KMS nor the function.",
            text(&parsed["userPoolId"]),
            trigger.common().name()
        )
    } else {
        format!("No code (an account-takeover notification): `{}` gets `None`. Local mode does not call it.", trigger.common().name())
    };
    Ok(out)
}

impl LocalMode for CustomEmailSenderTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["SignUp", "AccountTakeOverNotification"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        let text = match source {
            "SignUp" => include_str!("samples/email-sign-up.json"),
            "AccountTakeOverNotification" => include_str!("samples/email-account-takeover.json"),
            _ => return None,
        };
        Some(text.to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        report(self, event, &self.key_description())
    }
}

impl LocalMode for CustomSmsSenderTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication")
            .then(|| include_str!("samples/sms-authentication.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        report(self, event, &self.key_description())
    }
}
