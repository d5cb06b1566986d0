//! Local mode of post confirmation.

use cognito_triggers_rules::lifecycle::post_confirmation::SOURCE_PREFIX;

use super::trigger::PostConfirmationTrigger;
use crate::engine::local::report_outcome;
use crate::engine::LocalMode;

impl LocalMode for PostConfirmationTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["ConfirmSignUp", "ConfirmForgotPassword"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        let text = match source {
            "ConfirmSignUp" => include_str!("samples/confirm-sign-up.json"),
            "ConfirmForgotPassword" => include_str!("samples/confirm-forgot-password.json"),
            _ => return None,
        };
        Some(text.to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let source = serde_json::from_str::<serde_json::Value>(event)
            .ok()
            .and_then(|v| v.get("triggerSource")?.as_str().map(str::to_owned))
            .unwrap_or_default();
        let short = source.strip_prefix(SOURCE_PREFIX).unwrap_or(&source);
        let groups = match crate::engine::AnyTrigger::common(self).applies_to(short) {
            true => self.groups_for(short).map_err(|e| e.to_string())?,
            false => Vec::new(),
        };
        let accepted = match groups.as_slice() {
            [] => "the user is confirmed.".to_owned(),
            groups => format!(
                "the user is confirmed and added to {} (AdminAddUserToGroup, which local mode does not call).",
                groups.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        report_outcome(self, event, &accepted)
    }
}
