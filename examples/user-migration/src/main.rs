//! User migration from a legacy user store: `legacy-users.json` (shipped with the example,
//! read at compile time) holds each user's email, name, phone and a bcrypt password hash.
//!
//! - `UserMigration_Authentication`: the user typed a username and password that the pool
//!   does not know; the password is checked against the bcrypt hash, and a match creates the
//!   user in the pool, confirmed — unless the legacy password is shorter than the pool's
//!   8-character minimum (Cognito does not check migrated passwords), then the user must reset
//!   it first.
//! - `UserMigration_ForgotPassword`: the user asked for a reset; there is no password, and the
//!   user is migrated if the store has a confirmed email or a phone number to send the code to.
//! - Anyone else (or a wrong password): `Ok(None)`, which Cognito answers with its generic
//!   error, the same for both, so nothing tells whether the account exists.
//!
//! The password is read once, with `expose()`, to verify it; it is never logged.
//! `cargo run -p user-migration` runs the sample sign-in; `--source ForgotPassword` the reset.

use std::sync::OnceLock;

use cognito_triggers::{
    user_migration, FinalStatus, MigratedUser, UserMigration, UserMigrationSource,
};
use serde::Deserialize;

/// One user of the legacy store.
#[derive(Deserialize)]
struct LegacyUser {
    email: String,
    email_confirmed: bool,
    name: String,
    phone: Option<String>,
    password_bcrypt: String,
}

/// The store, read once per cold start from the file compiled in.
fn legacy_users() -> &'static [LegacyUser] {
    static USERS: OnceLock<Vec<LegacyUser>> = OnceLock::new();
    USERS.get_or_init(|| {
        serde_json::from_str(include_str!("../legacy-users.json")).unwrap_or_default()
    })
}

/// The store could not check a password (a malformed hash).
#[derive(Debug)]
struct LegacyError;

impl std::fmt::Display for LegacyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the legacy user store has a malformed password hash")
    }
}

impl std::error::Error for LegacyError {}

/// The pool's password policy, which Cognito does not apply to migrated passwords.
const MIN_PASSWORD_CHARS: usize = 8;

#[user_migration(
    final_status = "CONFIRMED",
    message_action = "SUPPRESS",
    timeout = "4s"
)]
async fn migrate(event: &UserMigration<'_>) -> Result<Option<MigratedUser>, LegacyError> {
    let Some(legacy) = legacy_users()
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&event.user_name))
    else {
        return Ok(None);
    };
    let mut user = MigratedUser::default()
        .attribute("email", legacy.email.as_str())
        .attribute(
            "email_verified",
            if legacy.email_confirmed {
                "true"
            } else {
                "false"
            },
        )
        .attribute("name", legacy.name.as_str());
    if let Some(phone) = &legacy.phone {
        user = user.verified_phone(phone.as_str());
    }
    match (&event.trigger_source, &event.password) {
        (UserMigrationSource::Authentication, Some(password)) => {
            let password = password.expose();
            if !bcrypt::verify(password, &legacy.password_bcrypt).map_err(|_| LegacyError)? {
                return Ok(None);
            }
            if password.chars().count() < MIN_PASSWORD_CHARS {
                user = user.final_status(FinalStatus::ResetRequired);
            }
            Ok(Some(user))
        }
        // A reset needs somewhere to send the code.
        (UserMigrationSource::ForgotPassword, _)
            if legacy.email_confirmed || legacy.phone.is_some() =>
        {
            Ok(Some(user))
        }
        _ => Ok(None),
    }
}
