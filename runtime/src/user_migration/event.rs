//! The user migration event: the username and password the user typed, for a user the pool
//! does not have yet.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use cognito_triggers_rules::migration::user_migration::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked user migration (`triggerSource` without its `UserMigration_` prefix).
    pub enum UserMigrationSource, prefix SOURCE_PREFIX, {
        /// A sign-in with a password by a user the pool does not know (`Authentication`).
        Authentication,
        /// A password reset for a user the pool does not know (`ForgotPassword`): no password.
        ForgotPassword,
    }
}

/// The password the user typed. It has no `Display`, its `Debug` shows nothing of it, it
/// cannot be serialized: read it with [`Password::expose`] where it is checked, and nowhere
/// else.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Password<'a>(#[serde(borrow)] Cow<'a, str>);

impl Password<'_> {
    /// The password, to check against the legacy store.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

crate::engine::source::trigger_event! {
    /// A user migration event, as the handler sees it. Strings are borrowed from the received
    /// event.
    ///
    /// ```
    /// use cognito_triggers::{UserMigration, UserMigrationSource};
    ///
    /// let text = r#"{"triggerSource": "UserMigration_ForgotPassword", "userName": "jane@example.com",
    ///     "request": {"validationData": null, "userAttributes": null},
    ///     "response": {"userAttributes": null, "finalUserStatus": null}}"#;
    /// UserMigration::read(text, |event| {
    ///     assert_eq!(event.trigger_source, UserMigrationSource::ForgotPassword);
    ///     assert!(event.password.is_none());
    /// })
    /// .unwrap();
    /// ```
    pub struct UserMigration, source UserMigrationSource {
        /// The password the user typed (`request.password`); `None` for `ForgotPassword`.
        #[serde(default, borrow)]
        pub password: Option<Password<'a>>,
        /// `ClientMetadata` of `InitiateAuth`/`AdminInitiateAuth` (`request.validationData`;
        /// `null` in real events).
        #[serde(default, borrow)]
        pub validation_data: StringMap<'a>,
        /// `ClientMetadata` of `AdminRespondToAuthChallenge` and `ForgotPassword`.
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
        /// `request.userAttributes`: undocumented, `null` in real events.
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
    }
}
