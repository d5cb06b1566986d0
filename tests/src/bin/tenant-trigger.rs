//! A trigger whose function fails for users without a tenant: the error paths of local mode
//! and of the Lambda loop are tested with it.

use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration};

#[derive(Debug)]
struct NoTenant;

impl std::fmt::Display for NoTenant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("this account has no tenant")
    }
}

impl std::error::Error for NoTenant {}

#[pre_token_generation(claims(source = "tenant-trigger"))]
async fn handler(event: &PreTokenGeneration) -> Result<Overrides, NoTenant> {
    if event.client_metadata.contains("panic") {
        panic!("handler panicked on purpose");
    }
    let tenant = event.attribute("custom:tenant").ok_or(NoTenant)?;
    Ok(Overrides::default().id_claim("tenant", tenant))
}
