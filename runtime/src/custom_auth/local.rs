//! Local mode of the custom auth triggers: the decision of define, the challenge create makes
//! (never its code), the verdict of verify.

use serde_json::Value;

use super::create::CreateAuthChallengeTrigger;
use super::define::DefineAuthChallengeTrigger;
use super::verify::VerifyAuthChallengeTrigger;
use crate::engine::{block_on, AnyTrigger, LocalMode};

/// The answered event, and the header line of a report.
fn run(trigger: &(dyn AnyTrigger + 'static), event: &str) -> Result<(Value, String), String> {
    let output = block_on(trigger.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
    let answered: Value = serde_json::from_slice(&output).map_err(|e| e.to_string())?;
    let text = |key: &str| {
        answered
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("(none)")
            .to_owned()
    };
    let header = format!(
        "`{}`, a {} trigger\nevent: {}, user {}\n\n",
        trigger.common().name(),
        trigger.kind().title,
        text("triggerSource"),
        text("userName"),
    );
    Ok((answered, header))
}

impl LocalMode for DefineAuthChallengeTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication").then(|| include_str!("samples/define.json").to_owned())
    }

    fn options(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "--answers A,B",
            "play a sign-in of the sample user through define, create and verify with these\n                 answers (`<code>` answers with the code create made) and print each round",
        )]
    }

    fn report(&self, event: &str, options: &[String]) -> Result<String, String> {
        if options.iter().any(|o| o == "--answers") {
            return Err("`--answers` plays a sign-in through define, create and verify together: serve them with `cognito_triggers::serve_custom_auth(&DEFINE, &CREATE, &VERIFY)`".into());
        }
        let (answered, mut out) = run(self, event)?;
        let session = answered["request"]["session"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        out += &format!("Flow: {}\nSession so far:", self.flow().join(" → "));
        if session.is_empty() {
            out += " (empty)";
        }
        for (i, entry) in session.iter().enumerate() {
            let result = match entry["challengeResult"].as_bool() {
                Some(true) => "passed",
                _ => "failed",
            };
            out += &format!(
                "\n  {}. {} {result}",
                i + 1,
                entry["challengeName"].as_str().unwrap_or("(no name)")
            );
        }
        let response = &answered["response"];
        out += "\n\n";
        out += &if response["issueTokens"] == true {
            "Cognito issues the tokens: every step of the flow succeeded in order.".to_owned()
        } else if response["failAuthentication"] == true {
            "The sign-in fails.".to_owned()
        } else {
            format!(
                "Next challenge: {}.",
                response["challengeName"].as_str().unwrap_or("(none)")
            )
        };
        Ok(out)
    }
}

impl LocalMode for CreateAuthChallengeTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication").then(|| include_str!("samples/create.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let (answered, mut out) = run(self, event)?;
        let response = &answered["response"];
        if response
            .get("privateChallengeParameters")
            .and_then(|p| p.get("code"))
            .is_none()
        {
            out += "Not a custom challenge: the event goes back unchanged.";
            return Ok(out);
        }
        let reused = answered["request"]["session"]
            .as_array()
            .and_then(|s| s.last())
            .is_some_and(|last| response["challengeMetadata"] == last["challengeMetadata"]);
        let digits = self.code_config().digits;
        out += &if reused {
            format!("The same {digits}-digit code as before (a wrong answer): no new delivery.")
        } else {
            format!(
                "A new {digits}-digit code, passed to `{}` to deliver.",
                self.name()
            )
        };
        out += &format!(
            "\nPublic challenge parameters (the client sees them): {}\nThe code is in the private challenge parameters for verify (not shown).",
            response["publicChallengeParameters"]
        );
        Ok(out)
    }
}

impl LocalMode for VerifyAuthChallengeTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "Authentication").then(|| include_str!("samples/verify.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let (answered, mut out) = run(self, event)?;
        out += match answered["response"]["answerCorrect"].as_bool() {
            Some(true) => "The answer is correct.",
            _ => "The answer is wrong (or the code expired, or there is no code).",
        };
        Ok(out)
    }
}
