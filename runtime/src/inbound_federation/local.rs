//! Local mode of inbound federation: the attributes the federated user's profile gets (names
//! and lengths; values only in the `--event` answer).

use serde_json::Value;

use super::trigger::InboundFederationTrigger;
use crate::engine::{block_on, AnyTrigger, LocalMode};

impl LocalMode for InboundFederationTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["ExternalProvider"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        (source == "ExternalProvider").then(|| include_str!("samples/oidc.json").to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let any: &dyn AnyTrigger = self;
        let output = block_on(any.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
        let answered: Value = serde_json::from_slice(&output).map_err(|e| e.to_string())?;
        let request = &answered["request"];
        let mut out = format!(
            "`{}`, an inbound federation trigger\nevent: {}, provider {} ({})\n\n",
            self.name(),
            answered["triggerSource"].as_str().unwrap_or("(none)"),
            request["providerName"].as_str().unwrap_or("(none)"),
            request["providerType"].as_str().unwrap_or("(none)"),
        );
        match answered["response"]["userAttributesToMap"].as_object() {
            Some(map) if !map.is_empty() => {
                out += "The user's profile gets exactly these attributes (others are dropped):";
                for (name, value) in map {
                    let chars = value.as_str().map_or(0, |v| v.chars().count());
                    out += &format!("\n  {name} ({chars} characters)");
                }
            }
            _ => out += "Nothing mapped: Cognito's own attribute mapping applies.",
        }
        Ok(out)
    }
}
