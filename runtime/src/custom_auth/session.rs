//! The session of a custom sign-in: one entry per challenge answered so far.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};

use crate::engine::decode::nullish;

/// One answered challenge (`request.session[i]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChallengeResult<'a> {
    /// `SRP_A`, `PASSWORD_VERIFIER`, `CUSTOM_CHALLENGE`, an MFA challenge, ..; empty when
    /// `null`.
    #[serde(
        default,
        borrow,
        deserialize_with = "crate::engine::decode::str_or_empty"
    )]
    pub challenge_name: Cow<'a, str>,
    /// Whether the user answered it correctly (`null` reads as `false`).
    #[serde(default, deserialize_with = "nullish")]
    pub challenge_result: bool,
    /// What create auth challenge named it (`challengeMetadata`), for custom challenges.
    #[serde(
        default,
        borrow,
        deserialize_with = "crate::engine::decode::optional_str"
    )]
    pub challenge_metadata: Option<Cow<'a, str>>,
}

impl<'a> ChallengeResult<'a> {
    /// As the state machine reads it.
    pub(crate) fn entry(&self) -> cognito_triggers_rules::custom_auth::Entry<'_> {
        cognito_triggers_rules::custom_auth::Entry {
            name: &self.challenge_name,
            result: self.challenge_result,
        }
    }
}

/// `request.session`: `null` or absent reads as empty; a `null` entry as an entry with no
/// name, which no flow expects.
pub(crate) fn session<'de: 'a, 'a, D>(deserializer: D) -> Result<Vec<ChallengeResult<'a>>, D::Error>
where
    D: Deserializer<'de>,
{
    let entries: Option<Vec<Option<ChallengeResult<'a>>>> = Option::deserialize(deserializer)?;
    Ok(entries
        .unwrap_or_default()
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}
