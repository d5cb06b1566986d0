//! Local mode of post authentication.

use super::trigger::PostAuthenticationTrigger;
use crate::engine::local::report_outcome;
use crate::engine::LocalMode;

impl LocalMode for PostAuthenticationTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication").then(|| include_str!("samples/authentication.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        report_outcome(self, event, "the user is signed in and receives tokens.")
    }
}
