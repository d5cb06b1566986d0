//! Local mode of pre token generation: the response and the tokens Cognito would issue.

use serde_json::Value;

use super::trigger::Trigger;
use crate::engine::{block_on, AnyTrigger, LocalMode};
use crate::{sample_event, simulate, PreTokenGeneration, Tokens, Version};

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("<cannot print: {e}>"))
}

/// The answered event as parsed JSON and the simulated tokens.
fn tokens(event: &str, answered: &[u8]) -> Result<(Value, Tokens), String> {
    let answered: Value = serde_json::from_slice(answered).map_err(|e| e.to_string())?;
    let decoded = PreTokenGeneration::from_json(event).map_err(|e| e.to_string())?;
    let response = answered.get("response").cloned().unwrap_or(Value::Null);
    let tokens = simulate(&decoded, &response).map_err(|e| format!("simulation: {e}"))?;
    Ok((answered, tokens))
}

#[cfg(feature = "jwt")]
fn signed(tokens: &Tokens) -> Result<String, String> {
    let key = crate::SigningKey::generate().map_err(|e| e.to_string())?;
    Ok(pretty(&key.sign_tokens(tokens).map_err(|e| e.to_string())?))
}

#[cfg(not(feature = "jwt"))]
fn signed(_: &Tokens) -> Result<String, String> {
    Err("`--jwt` needs the `jwt` feature: cognito-triggers = { version = \"0.1\", features = [\"jwt\"] }".into())
}

/// The trigger source of the built-in sample of each version.
fn sample_source(version: Version) -> &'static str {
    match version {
        Version::V3_0 => "ClientCredentials",
        _ => "Authentication",
    }
}

impl LocalMode for Trigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        match sample_source(self.version()) {
            "ClientCredentials" => &["ClientCredentials"],
            _ => &["Authentication"],
        }
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == sample_source(self.version())).then(|| sample_event(self.version()).to_string())
    }

    fn options(&self) -> &'static [(&'static str, &'static str)] {
        &[
            (
                "--claims",
                "print the claims of the tokens Cognito would issue instead:\n                 {\"id_token\": {..}, \"access_token\": {..}}",
            ),
            (
                "--jwt",
                "print those tokens signed RS256 with a key generated now, and the JWKS\n                 that verifies them: {\"id_token\": \"eyJ..\", \"access_token\": .., \"jwks\": ..}\n                 (needs the `jwt` feature of cognito-triggers)",
            ),
        ]
    }

    fn report(&self, event: &str, options: &[String]) -> Result<String, String> {
        let any: &dyn AnyTrigger = self;
        let output = block_on(any.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
        let (answered, tokens) = tokens(event, &output)?;
        if options.iter().any(|o| o == "--jwt") {
            return signed(&tokens);
        }
        if options.iter().any(|o| o == "--claims") {
            return Ok(pretty(&tokens));
        }
        let source = answered
            .get("triggerSource")
            .and_then(Value::as_str)
            .unwrap_or("?");
        let mut out = format!(
            "`{}`, a pre token generation trigger for {}\nbuilt-in sample event: {source}, user {}\n\n",
            self.name(),
            self.version(),
            answered.get("userName").and_then(Value::as_str).unwrap_or("(none)"),
        );
        let response = answered.get("response").cloned().unwrap_or(Value::Null);
        out += &format!(
            "Response to Cognito:\n{}\n",
            pretty(&serde_json::json!({ "response": response }))
        );
        if let Some(id) = &tokens.id_token {
            out += &format!("\nID token claims:\n{}\n", pretty(id));
        } else {
            out += "\nNo ID token: a client credentials grant issues only an access token.\n";
        }
        out += &format!("\nAccess token claims:\n{}", pretty(&tokens.access_token));
        Ok(out)
    }
}
