//! The [`MigratedUser`] builder and the user migration response.

use serde::Serialize;

/// What a migrated user's status is after the migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalStatus {
    /// The user signs in with the legacy password (`CONFIRMED`).
    Confirmed,
    /// The user must reset the password first (`RESET_REQUIRED`): Cognito does not check a
    /// migrated password against the pool's policy, so use this for weak ones.
    ResetRequired,
}

impl FinalStatus {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            FinalStatus::Confirmed => "CONFIRMED",
            FinalStatus::ResetRequired => "RESET_REQUIRED",
        }
    }
}

/// The user to create in the pool, found in the legacy store. Checked before it goes to
/// Cognito: at least one attribute, no `sub` or `cognito:` names, `email_verified` only with
/// `email` (`phone_number_verified` likewise), values of at most 2,048 characters, SMS MFA
/// only with a phone number, and for `ForgotPassword` a verified email or phone number.
///
/// ```
/// use cognito_triggers::{FinalStatus, MigratedUser};
///
/// let user = MigratedUser::default()
///     .verified_email("jane@example.com")
///     .attribute("given_name", "Jane")
///     .final_status(FinalStatus::Confirmed);
/// assert_eq!(user.attributes().count(), 3);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct MigratedUser {
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) final_status: Option<FinalStatus>,
    pub(crate) enable_sms_mfa: bool,
}

impl std::fmt::Debug for MigratedUser {
    // Attribute names only: values are the user's data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigratedUser")
            .field(
                "attributes",
                &self.attributes.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("final_status", &self.final_status)
            .field("enable_sms_mfa", &self.enable_sms_mfa)
            .finish()
    }
}

impl MigratedUser {
    /// A user attribute (`email`, `given_name`, `custom:tenant`, ..).
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> MigratedUser {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// `email` and `email_verified: "true"`: the address the legacy store had confirmed.
    pub fn verified_email(self, email: impl Into<String>) -> MigratedUser {
        self.attribute("email", email)
            .attribute("email_verified", "true")
    }

    /// `phone_number` and `phone_number_verified: "true"`.
    pub fn verified_phone(self, phone: impl Into<String>) -> MigratedUser {
        self.attribute("phone_number", phone)
            .attribute("phone_number_verified", "true")
    }

    /// The status after migration, over the attribute's `final_status`.
    pub fn final_status(mut self, status: FinalStatus) -> MigratedUser {
        self.final_status = Some(status);
        self
    }

    /// Requires SMS MFA for the user (`enableSMSMFA`; needs `phone_number`).
    pub fn enable_sms_mfa(mut self) -> MigratedUser {
        self.enable_sms_mfa = true;
        self
    }

    /// The attributes, in the order given.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// `response` of user migration: what is not set is left out.
#[derive(Serialize)]
pub(crate) struct Answer<'c> {
    #[serde(rename = "userAttributes", serialize_with = "as_map")]
    pub(crate) user_attributes: &'c [(String, String)],
    #[serde(rename = "finalUserStatus", skip_serializing_if = "Option::is_none")]
    pub(crate) final_user_status: Option<&'static str>,
    #[serde(rename = "messageAction", skip_serializing_if = "Option::is_none")]
    pub(crate) message_action: Option<&'static str>,
    #[serde(
        rename = "desiredDeliveryMediums",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub(crate) desired_delivery_mediums: &'static [&'static str],
    #[serde(rename = "forceAliasCreation", skip_serializing_if = "Option::is_none")]
    pub(crate) force_alias_creation: Option<bool>,
    #[serde(rename = "enableSMSMFA", skip_serializing_if = "std::ops::Not::not")]
    pub(crate) enable_sms_mfa: bool,
}

fn as_map<S: serde::Serializer>(pairs: &&[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}
