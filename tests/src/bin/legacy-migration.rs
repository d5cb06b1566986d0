//! A user migration trigger for the soak test that plants a password and scans the logs:
//! it finds users, refuses wrong passwords, returns invalid users, errors and panics.

use cognito_triggers::{user_migration, Deny, MigratedUser, UserMigration};

#[user_migration(final_status = "CONFIRMED", main = false)]
fn migrate(event: &UserMigration) -> Result<Option<MigratedUser>, Deny> {
    let password = event.password.as_ref().map(|p| p.expose());
    tracing::debug!(user = %event.user_name, has_password = password.is_some(), "looking the user up");
    match event.validation_data.get("case") {
        Some("error") => Err(Deny::new("The legacy store is unavailable")),
        Some("panic") => panic!("the legacy store returned garbage"),
        Some("invalid") => Ok(Some(MigratedUser::default().attribute("sub", "1"))),
        _ if password.is_some_and(|p| p.starts_with("planted")) => Ok(Some(
            MigratedUser::default().verified_email("jane@example.com"),
        )),
        _ => Ok(None),
    }
}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve(&[&MIGRATE])
}
