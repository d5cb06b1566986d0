//! Local mode of user migration: whether the user would be migrated, as whom (attribute
//! names, never values or the password), or the answer for an unknown user.

use serde_json::Value;

use super::trigger::{UserMigrationTrigger, NOT_FOUND};
use crate::engine::{block_on, AnyTrigger, LocalMode};

impl LocalMode for UserMigrationTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        &["Authentication", "ForgotPassword"]
    }

    fn sample(&self, source: &str) -> Option<String> {
        let text = match source {
            "Authentication" => include_str!("samples/authentication.json"),
            "ForgotPassword" => include_str!("samples/forgot-password.json"),
            _ => return None,
        };
        Some(text.to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let any: &dyn AnyTrigger = self;
        let parsed: Value = serde_json::from_str(event).map_err(|e| e.to_string())?;
        let text = |key: &str| {
            parsed
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("(none)")
                .to_owned()
        };
        let mut out = format!(
            "`{}`, a user migration trigger\nevent: {}, user {}\n\n",
            self.name(),
            text("triggerSource"),
            text("userName"),
        );
        match block_on(any.handle_bytes(event.as_bytes())) {
            Ok(output) => {
                let answered: Value = serde_json::from_slice(&output).map_err(|e| e.to_string())?;
                let response = &answered["response"];
                let names: Vec<&str> = response["userAttributes"]
                    .as_object()
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                out += &format!(
                    "The user is migrated into the pool with the attributes {} (values not shown)",
                    names.join(", ")
                );
                out += &match response["finalUserStatus"].as_str() {
                    Some("CONFIRMED") => {
                        ", confirmed: they sign in with the password they typed.".to_owned()
                    }
                    Some(status) => format!(", {status}: they must reset their password first."),
                    None => "; Cognito's default status is RESET_REQUIRED.".to_owned(),
                };
                Ok(out)
            }
            Err(e) if e.message() == NOT_FOUND => {
                out += "No such user (or a wrong password): Cognito answers the client with its generic error (`NotAuthorizedException: Incorrect username or password.`; `UserNotFoundException` for a password reset) and creates nobody.";
                Ok(out)
            }
            Err(e) => Err(e.to_string()),
        }
    }
}
