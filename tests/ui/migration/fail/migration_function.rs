use cognito_triggers::{user_migration, MigratedUser, UserMigration};

#[user_migration(main = false)]
fn no_event() -> Option<MigratedUser> {
    None
}

#[user_migration(main = false)]
fn wrong_return(_event: &UserMigration) -> bool {
    true
}

fn main() {}
