use cognito_triggers::{user_migration, MigratedUser, UserMigration};

#[user_migration(final_status = "confirmed", message_action = "RESEND", desired_delivery = ["EMAIL", "VOICE", "EMAIL"], force_alias_creation = "yes", main = false)]
fn values(_event: &UserMigration) -> Option<MigratedUser> {
    None
}

#[user_migration(final_status = "FORCE_CHANGE_PASSWORD", desired_delivery = [], final_satus = "CONFIRMED", main = false)]
fn more(_event: &UserMigration) -> Option<MigratedUser> {
    None
}

fn main() {}
