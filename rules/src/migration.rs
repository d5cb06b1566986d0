//! User migration and inbound federation: their trigger sources, the values of the migration
//! response, and the rules of the attributes either trigger writes into the user pool.

use crate::Violation;

/// The longest value Cognito stores in a user attribute, in characters.
pub const MAX_ATTRIBUTE_CHARS: usize = 2048;

/// Checks the name of an attribute a trigger writes into the user pool: not `sub`, nothing
/// under `cognito:` (Cognito's own), and not empty.
pub fn check_writable_attribute(name: &str) -> Result<(), Violation> {
    if name.is_empty() {
        return Err(Violation::new("an attribute name cannot be empty"));
    }
    if name == "sub" {
        return Err(Violation::new("`sub` cannot be written").hint(
            "Cognito makes every user's `sub`; a migrated or federated user gets a new one",
        ));
    }
    if name.starts_with("cognito:") {
        return Err(Violation::new(format!("`{name}` cannot be written"))
            .hint("attributes under `cognito:` are Cognito's own"));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(Violation::new(format!("`{name}` is not an attribute name")));
    }
    Ok(())
}

/// User migration.
pub mod user_migration {
    use crate::Violation;

    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "UserMigration_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 2] = ["Authentication", "ForgotPassword"];
    /// `final_status` values.
    pub const FINAL_STATUSES: [&str; 2] = ["CONFIRMED", "RESET_REQUIRED"];
    /// `desired_delivery` values.
    pub const DELIVERY_MEDIUMS: [&str; 2] = ["EMAIL", "SMS"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }

    /// Checks `final_status`.
    pub fn check_final_status(status: &str) -> Result<(), Violation> {
        if FINAL_STATUSES.contains(&status) {
            return Ok(());
        }
        let hint = match status.to_ascii_uppercase().as_str() {
            upper if FINAL_STATUSES.contains(&upper) => format!("write \"{upper}\""),
            "FORCE_CHANGE_PASSWORD" => "a migrated user who must change the password is \"RESET_REQUIRED\"".into(),
            _ => "\"CONFIRMED\" (the user signs in with the legacy password) or \"RESET_REQUIRED\" (the user must reset it)".into(),
        };
        Err(Violation::new(format!(
            "`{status}` is not a final status of a migrated user"
        ))
        .hint(hint))
    }

    /// Checks `message_action`: only `SUPPRESS` is documented for migration.
    pub fn check_message_action(action: &str) -> Result<(), Violation> {
        if action == "SUPPRESS" {
            return Ok(());
        }
        let hint = match action {
            "RESEND" => "RESEND re-invites an existing user of AdminCreateUser; it is not documented for migration",
            _ => "the only message action of a migration is \"SUPPRESS\" (no welcome message); leave it out to send it",
        };
        Err(Violation::new(format!("`{action}` is not a message action of a migration")).hint(hint))
    }

    /// Checks one `desired_delivery` value.
    pub fn check_delivery_medium(medium: &str) -> Result<(), Violation> {
        if DELIVERY_MEDIUMS.contains(&medium) {
            return Ok(());
        }
        Err(
            Violation::new(format!("`{medium}` is not a delivery medium"))
                .hint("\"EMAIL\" or \"SMS\""),
        )
    }

    /// The rules between the attributes of one migrated user (names already checked one by
    /// one): `<x>_verified` only with `x`, and only `"true"` or `"false"`; SMS MFA only with a
    /// phone number; at least one attribute; values within Cognito's length. Messages name
    /// attributes, never their values.
    pub fn check_user(
        attributes: &[(&str, &str)],
        enable_sms_mfa: bool,
        forgot_password: bool,
    ) -> Result<(), Violation> {
        if attributes.is_empty() {
            return Err(
                Violation::new("a migrated user needs at least one attribute").hint(
                    "Cognito creates the user from `userAttributes`, usually the email address",
                ),
            );
        }
        let get = |name: &str| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        for (name, value) in attributes {
            super::check_writable_attribute(name)?;
            let chars = value.chars().count();
            if chars > super::MAX_ATTRIBUTE_CHARS {
                return Err(Violation::new(format!(
                    "the value of `{name}` has {chars} characters, over Cognito's limit of {}",
                    super::MAX_ATTRIBUTE_CHARS
                )));
            }
            if let Some(base) = name.strip_suffix("_verified") {
                if *value != "true" && *value != "false" {
                    return Err(Violation::new(format!(
                        "`{name}` must be \"true\" or \"false\""
                    )));
                }
                if matches!(base, "email" | "phone_number") && get(base).is_none_or(str::is_empty) {
                    return Err(Violation::new(format!("`{name}` without `{base}`")).hint(
                        format!("a migrated user can be verified only for a `{base}` it has"),
                    ));
                }
            }
        }
        for (i, (name, _)) in attributes.iter().enumerate() {
            if attributes[..i].iter().any(|(other, _)| other == name) {
                return Err(Violation::new(format!("`{name}` is given twice")));
            }
        }
        if enable_sms_mfa && get("phone_number").is_none_or(str::is_empty) {
            return Err(Violation::new("SMS MFA without `phone_number`")
                .hint("Cognito fails the migration of a user with SMS MFA and no phone number"));
        }
        if forgot_password
            && get("email_verified") != Some("true")
            && get("phone_number_verified") != Some("true")
        {
            return Err(Violation::new(
                "a user migrated to reset the password needs a verified email address or phone number",
            )
            .hint("Cognito sends the reset code there: set `email_verified` or `phone_number_verified` to \"true\""));
        }
        Ok(())
    }
}

/// Inbound federation.
pub mod inbound_federation {
    use crate::Violation;

    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "InboundFederation_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["ExternalProvider"];
    /// Where a mapped value comes from (`request.attributes.<source>`).
    pub const CLAIM_SOURCES: [&str; 4] = ["tokenResponse", "idToken", "userInfo", "samlResponse"];
    /// Members of `tokenResponse` that are credentials: never copied into a user profile.
    pub const SECRET_TOKEN_MEMBERS: [&str; 3] = ["access_token", "id_token", "refresh_token"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }

    /// Splits `"idToken.email"` into its source and claim (SAML claim names may be URIs with
    /// dots: only the first dot separates).
    pub fn parse_claim_path(path: &str) -> Result<(&str, &str), Violation> {
        let Some((source, claim)) = path.split_once('.') else {
            return Err(Violation::new(format!("`{path}` does not name a claim"))
                .hint("write the source, a dot, and the claim: \"idToken.email\", \"samlResponse.http://..\""));
        };
        if !CLAIM_SOURCES.contains(&source) {
            let hint = match crate::did_you_mean(source, &CLAIM_SOURCES) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the sources are {}", CLAIM_SOURCES.join(", ")),
            };
            return Err(Violation::new(format!("unknown claim source `{source}`")).hint(hint));
        }
        if claim.is_empty() {
            return Err(Violation::new(format!("`{path}` names no claim")));
        }
        if source == "tokenResponse" && SECRET_TOKEN_MEMBERS.contains(&claim) {
            return Err(Violation::new(format!("`{path}` is a credential"))
                .hint("tokens must not be copied into a user profile, where every app client can read them"));
        }
        Ok((source, claim))
    }

    /// Checks `truncate = N`.
    pub fn check_truncate(n: u64) -> Result<(), Violation> {
        if (1..=super::MAX_ATTRIBUTE_CHARS as u64).contains(&n) {
            return Ok(());
        }
        Err(
            Violation::new(format!("cannot truncate to {n} characters")).hint(format!(
                "from 1 to {}, Cognito's attribute limit",
                super::MAX_ATTRIBUTE_CHARS
            )),
        )
    }

    /// `value` cut to at most `max` characters, on a character boundary.
    pub fn truncate(value: &str, max: usize) -> &str {
        match value.char_indices().nth(max) {
            Some((at, _)) => &value[..at],
            None => value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inbound_federation::*;
    use super::user_migration::*;
    use super::*;

    #[test]
    fn writable_attributes() {
        assert!(check_writable_attribute("email").is_ok());
        assert!(check_writable_attribute("custom:tenant").is_ok());
        assert!(check_writable_attribute("sub").is_err());
        assert!(check_writable_attribute("cognito:user_status").is_err());
        assert!(check_writable_attribute("").is_err());
    }

    #[test]
    fn migration_values() {
        assert!(check_final_status("CONFIRMED").is_ok());
        assert_eq!(
            check_final_status("confirmed").unwrap_err().hint.as_deref(),
            Some("write \"CONFIRMED\"")
        );
        assert!(check_final_status("FORCE_CHANGE_PASSWORD").is_err());
        assert!(check_message_action("SUPPRESS").is_ok());
        assert!(check_message_action("RESEND").is_err());
        assert!(check_delivery_medium("EMAIL").is_ok());
        assert!(check_delivery_medium("VOICE").is_err());
    }

    #[test]
    fn migrated_users() {
        let ok = [("email", "a@example.com"), ("email_verified", "true")];
        assert!(check_user(&ok, false, true).is_ok());
        assert!(check_user(&[], false, false).is_err());
        assert!(check_user(&[("email_verified", "true")], false, false).is_err());
        assert!(check_user(&[("email", "a@x"), ("email_verified", "yes")], false, false).is_err());
        assert!(check_user(&[("phone_number_verified", "true")], false, false).is_err());
        assert!(check_user(&[("email", "a@x")], true, false).is_err());
        assert!(check_user(
            &[("email", "a@x"), ("phone_number", "+15555550100")],
            true,
            false
        )
        .is_ok());
        assert!(check_user(&[("email", "a@x")], false, true).is_err());
        assert!(check_user(&[("email", "a@x"), ("sub", "1")], false, false).is_err());
        assert!(check_user(&[("email", "a@x"), ("email", "b@x")], false, false).is_err());
        let long = "x".repeat(2049);
        assert!(check_user(&[("name", long.as_str())], false, false).is_err());
        let message = check_user(
            &[("email", "secret@x"), ("email_verified", "maybe")],
            false,
            false,
        )
        .unwrap_err();
        assert!(!message.to_string().contains("secret") && !message.to_string().contains("maybe"));
    }

    #[test]
    fn claim_paths() {
        assert_eq!(
            parse_claim_path("idToken.email").unwrap(),
            ("idToken", "email")
        );
        let uri = "samlResponse.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
        assert_eq!(
            parse_claim_path(uri).unwrap().1,
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
        );
        assert!(parse_claim_path("email").is_err());
        assert_eq!(
            parse_claim_path("idtoken.email")
                .unwrap_err()
                .hint
                .as_deref(),
            Some("did you mean `idToken`?")
        );
        assert!(parse_claim_path("idToken.").is_err());
        assert!(parse_claim_path("tokenResponse.refresh_token").is_err());
        assert!(parse_claim_path("tokenResponse.scope").is_ok());
        assert!(check_truncate(2048).is_ok());
        assert!(check_truncate(0).is_err() && check_truncate(2049).is_err());
        assert_eq!(truncate("héllo", 2), "hé");
        assert_eq!(truncate("hé", 5), "hé");
    }
}
