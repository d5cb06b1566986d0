//! [`UserMigrationTrigger`]: what `#[user_migration]` generates, run by the engine.

use cognito_triggers_rules::migration::user_migration::{check_user, SOURCE_PREFIX};

use super::event::{UserMigration, UserMigrationSource};
use super::response::{Answer, MigratedUser};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::{BoxError, BoxFuture, Common, Kind, Response};
use crate::ErrorKind;

/// The future of one call of the user's function.
pub type MigrationFuture<'a> = BoxFuture<'a, Result<Option<MigratedUser>, BoxError>>;

/// The user's function, adapted by the macro: it looks the user up.
#[derive(Clone, Copy)]
pub enum UserMigrationHandler {
    /// `fn migrate(event: &UserMigration) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e UserMigration<'a>) -> MigrationFuture<'e>),
}

/// The configuration the macro writes for one `#[user_migration]`.
pub struct UserMigrationConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `final_status`: `CONFIRMED` or `RESET_REQUIRED`.
    pub final_status: Option<&'static str>,
    /// `message_action = "SUPPRESS"`.
    pub message_action: Option<&'static str>,
    /// `desired_delivery = ["EMAIL", "SMS"]`.
    pub desired_delivery: &'static [&'static str],
    /// `force_alias_creation`.
    pub force_alias_creation: Option<bool>,
    /// The user's function.
    pub handler: UserMigrationHandler,
}

const KIND: Kind = Kind {
    name: "UserMigration",
    title: "user migration",
    source_prefix: SOURCE_PREFIX,
};

/// What Cognito receives for "no such user" (and for a wrong password: the same answer). The
/// text itself never reaches the client, which gets Cognito's generic error.
pub(crate) const NOT_FOUND: &str = "User does not exist";

/// A user migration trigger: `#[user_migration] fn migrate` defines it as `static MIGRATE`.
///
/// ```
/// use cognito_triggers::{user_migration, Deny, MigratedUser, UserMigration};
///
/// #[user_migration(final_status = "CONFIRMED", message_action = "SUPPRESS", main = false)]
/// fn migrate(event: &UserMigration) -> Result<Option<MigratedUser>, Deny> {
///     match (event.user_name.as_ref(), event.password.as_ref().map(|p| p.expose())) {
///         ("jane@example.com", Some("correct horse")) => Ok(Some(MigratedUser::default().verified_email("jane@example.com"))),
///         _ => Ok(None),
///     }
/// }
///
/// let event = r#"{"triggerSource": "UserMigration_Authentication", "userName": "jane@example.com",
///     "request": {"password": "wrong"}, "response": {}}"#;
/// assert_eq!(MIGRATE.invoke_blocking(event).unwrap_err().message(), "User does not exist");
/// ```
pub struct UserMigrationTrigger {
    config: UserMigrationConfig,
}

impl UserMigrationTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: UserMigrationConfig) -> UserMigrationTrigger {
        UserMigrationTrigger { config }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let event = UserMigration::decode(envelope)?;
        let UserMigrationHandler::WithEvent(f) = config.handler;
        let found = config.common.call(f(&event)).await?;
        let Some(user) = found else {
            tracing::info!(trigger_source = %event.trigger_source, "no such user in the legacy store");
            return Err(TriggerError::new(ErrorKind::Handler, NOT_FOUND));
        };
        let pairs: Vec<(&str, &str)> = user.attributes().collect();
        let forgot = event.trigger_source == UserMigrationSource::ForgotPassword;
        if let Err(violation) = check_user(&pairs, user.enable_sms_mfa, forgot) {
            // Names only, never values; Cognito shows the client its generic error.
            return Err(TriggerError::new(
                ErrorKind::Handler,
                format!("the migrated user is not valid: {violation}"),
            ));
        }
        let answer = Answer {
            user_attributes: &user.attributes,
            final_user_status: user
                .final_status
                .map(|s| s.as_str())
                .or(config.final_status),
            message_action: config.message_action,
            desired_delivery_mediums: config.desired_delivery,
            force_alias_creation: config.force_alias_creation,
            enable_sms_mfa: user.enable_sms_mfa,
        };
        serde_json::value::to_raw_value(&answer)
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|_| TriggerError::internal("cannot write the response"))
    }
}

crate::engine::source::trigger_impl!(UserMigrationTrigger, KIND);

/// The return types a user migration function may have.
#[diagnostic::on_unimplemented(
    message = "a user migration function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "return `Option<MigratedUser>` (`None`: no such user) or `Result<Option<MigratedUser>, E>` where `E: std::error::Error + Send + Sync + 'static`"
)]
pub trait IntoMigration {
    /// Converts the function's result.
    fn into_migration(self) -> Result<Option<MigratedUser>, BoxError>;
}

impl IntoMigration for Option<MigratedUser> {
    fn into_migration(self) -> Result<Option<MigratedUser>, BoxError> {
        Ok(self)
    }
}

impl IntoMigration for MigratedUser {
    fn into_migration(self) -> Result<Option<MigratedUser>, BoxError> {
        Ok(Some(self))
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoMigration
    for Result<Option<MigratedUser>, E>
{
    fn into_migration(self) -> Result<Option<MigratedUser>, BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoMigration for Result<MigratedUser, E> {
    fn into_migration(self) -> Result<Option<MigratedUser>, BoxError> {
        self.map(Some).map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_migration<T: IntoMigration>(value: T) -> Result<Option<MigratedUser>, BoxError> {
    value.into_migration()
}
