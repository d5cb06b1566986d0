//! Local mode of pre sign-up: the answer and what it means for the user.

use serde_json::Value;

use super::trigger::PreSignUpTrigger;
use crate::engine::{block_on, AnyTrigger, LocalMode};

const SOURCES: &[&str] = &["SignUp", "AdminCreateUser", "ExternalProvider"];

impl LocalMode for PreSignUpTrigger {
    fn sample_sources(&self) -> &'static [&'static str] {
        SOURCES
    }

    fn sample(&self, source: &str) -> Option<String> {
        let text = match source {
            "SignUp" => include_str!("samples/sign-up.json"),
            "AdminCreateUser" => include_str!("samples/admin-create-user.json"),
            "ExternalProvider" => include_str!("samples/external-provider.json"),
            _ => return None,
        };
        Some(text.to_owned())
    }

    fn report(&self, event: &str, _: &[String]) -> Result<String, String> {
        let any: &dyn AnyTrigger = self;
        // A refusal is the error line: its text is what the user would see.
        let output = block_on(any.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
        let answered: Value = serde_json::from_slice(&output).map_err(|e| e.to_string())?;
        let text = |key: &str| {
            answered
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("(none)")
        };
        let response = answered.get("response").cloned().unwrap_or(Value::Null);
        let flag = |key: &str| response.get(key).and_then(Value::as_bool).unwrap_or(false);
        let mut out = format!(
            "`{}`, a pre sign-up trigger\nevent: {}, user {}\n\nResponse to Cognito:\n{}\n\n",
            self.name(),
            text("triggerSource"),
            text("userName"),
            serde_json::to_string_pretty(&serde_json::json!({ "response": response }))
                .map_err(|e| e.to_string())?,
        );
        out += "The sign-up is accepted";
        if text("triggerSource") == "PreSignUp_AdminCreateUser" {
            out += " (Cognito ignores the flags for AdminCreateUser)";
        } else {
            out += if flag("autoConfirmUser") {
                ": the user is confirmed without a code"
            } else {
                ": the user confirms with a code"
            };
            for (key, what) in [
                ("autoVerifyEmail", "email address"),
                ("autoVerifyPhone", "phone number"),
            ] {
                if flag(key) {
                    out += &format!("; the {what} is marked verified");
                }
            }
        }
        out.push('.');
        Ok(out)
    }
}
