use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration};

#[derive(Debug)]
struct TenantMissing;

impl std::fmt::Display for TenantMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the user has no tenant")
    }
}

impl std::error::Error for TenantMissing {}

#[pre_token_generation(main = false)]
async fn static_only() {}

#[pre_token_generation(main = false)]
fn sync_static_only() {}

#[pre_token_generation(main = false)]
fn sync_overrides(event: &PreTokenGeneration) -> Overrides {
    Overrides::default().id_claim("user", event.user_name.clone().unwrap_or_default())
}

#[pre_token_generation(main = false)]
async fn async_result(event: &PreTokenGeneration) -> Result<Overrides, TenantMissing> {
    let tenant = event.attribute("custom:tenant").ok_or(TenantMissing)?;
    Ok(Overrides::default().id_claim("tenant", tenant))
}

#[pre_token_generation(main = false)]
fn unit_result(_event: &PreTokenGeneration) -> Result<(), TenantMissing> {
    Ok(())
}

#[pre_token_generation(main = false)]
async fn no_event() -> Overrides {
    Overrides::default().suppress_id("email")
}

pub mod nested {
    use cognito_triggers::pre_token_generation;

    #[pre_token_generation(groups = [], main = false)]
    pub async fn remove_all_groups() {}
}

fn main() -> std::process::ExitCode {
    let _ = (&STATIC_ONLY, &SYNC_STATIC_ONLY, &SYNC_OVERRIDES, &ASYNC_RESULT, &UNIT_RESULT);
    let _ = &nested::REMOVE_ALL_GROUPS;
    NO_EVENT.main()
}
