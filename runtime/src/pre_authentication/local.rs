//! Local mode of pre authentication.

use super::trigger::PreAuthenticationTrigger;
use crate::engine::local::report_outcome;
use crate::engine::LocalMode;

impl LocalMode for PreAuthenticationTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication").then(|| include_str!("samples/authentication.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        report_outcome(
            self,
            event,
            "the sign-in goes on (Cognito checks the password next).",
        )
    }
}
