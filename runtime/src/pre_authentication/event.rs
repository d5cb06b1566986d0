//! The pre authentication event, borrowed from the received text.

use cognito_triggers_rules::lifecycle::pre_authentication::SOURCE_PREFIX;

use serde::{Deserialize, Deserializer};

use crate::engine::decode::{nullish, string_map_of, string_map_skipping_nulls, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked pre authentication (`triggerSource` without its
    /// `PreAuthentication_` prefix).
    pub enum PreAuthenticationSource, prefix SOURCE_PREFIX, {
        /// A user is signing in (`Authentication`); the password is not checked yet.
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A pre authentication event: a user is signing in, before the password is checked. An
    /// error refuses the sign-in with its text.
    ///
    /// ```
    /// use cognito_triggers::PreAuthentication;
    ///
    /// let text = r#"{"triggerSource": "PreAuthentication_Authentication", "userName": "jane",
    ///     "request": {"userAttributes": {"email_verified": "true"}, "validationData": null,
    ///                 "userNotFound": false},
    ///     "response": {}}"#;
    /// PreAuthentication::read(text, |event| {
    ///     assert!(event.is_verified("email"));
    ///     assert!(!event.user_not_found);
    ///     assert!(event.validation_data.is_empty());
    /// })
    /// .unwrap();
    /// ```
    pub struct PreAuthentication, source PreAuthenticationSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent);
        /// empty when the user does not exist.
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// `ClientMetadata` of `InitiateAuth`/`AdminInitiateAuth`, which Cognito sends as
        /// `request.validationData`.
        #[serde(default, borrow)]
        pub validation_data: StringMap<'a>,
        /// `request.userNotFound`: the user does not exist. Cognito sends it (and runs the
        /// trigger for unknown users) only when the app client prevents user-existence errors.
        /// A refusal must then read exactly as it would for an existing user, or it tells who
        /// has an account.
        #[serde(default, deserialize_with = "nullish")]
        pub user_not_found: bool,
    }
}

impl<'a> PreAuthentication<'a> {
    /// Whether `<name>_verified` is `"true"` (`email`, `phone_number`).
    pub fn is_verified(&self, name: &str) -> bool {
        is_verified(&self.user_attributes, name)
    }
}

/// What `require_verified` reads: the `<name>_verified` attributes of `request.userAttributes`,
/// the values of the others skipped, not decoded (nor checked to be strings). The rest of
/// `request` is checked as [`PreAuthentication`] checks it.
pub(crate) fn verified_attributes<'a>(
    envelope: &Envelope<'a>,
) -> Result<StringMap<'a>, TriggerError> {
    fn verified_only<'de, D: Deserializer<'de>>(d: D) -> Result<StringMap<'de>, D::Error> {
        string_map_of(d, |name| name.ends_with("_verified"))
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Checked<'a> {
        #[serde(default, borrow, deserialize_with = "verified_only")]
        user_attributes: StringMap<'a>,
        #[serde(default, borrow, rename = "validationData")]
        _validation_data: StringMap<'a>,
        #[serde(default, rename = "userNotFound", deserialize_with = "nullish")]
        _user_not_found: bool,
    }
    Ok(envelope.request::<Checked<'a>>()?.user_attributes)
}

/// Whether `<name>_verified` is `"true"`.
pub(crate) fn is_verified(attributes: &StringMap<'_>, name: &str) -> bool {
    attributes
        .iter()
        .any(|(key, value)| value == "true" && key.strip_suffix("_verified") == Some(name))
}
