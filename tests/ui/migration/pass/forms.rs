use cognito_triggers::{
    inbound_federation, user_migration, AttributeMap, Deny, FinalStatus, InboundFederation,
    MigratedUser, UserMigration,
};

#[user_migration(final_status = "RESET_REQUIRED", message_action = "SUPPRESS", desired_delivery = ["EMAIL", "SMS"], force_alias_creation = true, timeout = "4s", main = false)]
async fn migrate(event: &UserMigration<'_>) -> Result<Option<MigratedUser>, Deny> {
    let _ = event.password.as_ref().map(|p| p.expose().len());
    Ok(Some(MigratedUser::default().verified_email("a@example.com").final_status(FinalStatus::Confirmed)))
}

#[user_migration(main = false)]
fn always(_event: &UserMigration) -> MigratedUser {
    MigratedUser::default().attribute("email", "a@example.com")
}

#[inbound_federation(map(email = "idToken.email", "custom:saml_email" = "samlResponse.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"), truncate = 2048, main = false)]
fn federation(event: &InboundFederation) -> AttributeMap {
    AttributeMap::default().attribute("custom:idp", event.provider_name.as_ref())
}

#[inbound_federation(map(email = "userInfo.email"), main = false)]
async fn plain() {}

fn main() {
    let _ = (&MIGRATE, &ALWAYS, &FEDERATION, &PLAIN);
}
