//! A V3_0 trigger for machine-to-machine clients: on client credentials grants it stamps the
//! access token with the calling environment (from `aws_client_metadata`) and narrows the
//! scopes; sign-ins of users keep their ID token untouched.

use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration, TriggerSource};

#[pre_token_generation(
    version = "V3_0",
    access_token(claims(machine = true), scopes(suppress = ["solar-system-data/asteroids.write"])),
)]
fn handler(event: &PreTokenGeneration) -> Overrides {
    let mut overrides = Overrides::default();
    if event.trigger_source == TriggerSource::ClientCredentials {
        if let Some(environment) = event.client_metadata.get("environment") {
            overrides = overrides.access_claim("environment", environment);
        }
    }
    overrides
}
