//! Create auth challenge: the event, and [`CreateAuthChallengeTrigger`], which makes a
//! one-time code, keeps it for the retries of one sign-in, and has the function deliver it.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use cognito_triggers_rules::custom_auth::{create::SOURCE_PREFIX, METADATA_PREFIX};

use super::code::new_code;
use super::session::{session, ChallengeResult};
use crate::engine::decode::{nullish, string_map_skipping_nulls, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::outcome::OutcomeFuture;
use crate::engine::{Common, Kind, Response};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked create auth challenge (`triggerSource` without its
    /// `CreateAuthChallenge_` prefix).
    pub enum CreateAuthChallengeSource, prefix SOURCE_PREFIX, {
        /// A challenge of a custom sign-in (`Authentication`).
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A create auth challenge event: the challenge define asked for, and the session so far.
    pub struct CreateAuthChallenge, source CreateAuthChallengeSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// The challenge to create (`request.challengeName`), `CUSTOM_CHALLENGE` for ours.
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::optional_str")]
        pub challenge_name: Option<Cow<'a, str>>,
        /// The challenges answered so far, oldest first (`request.session`).
        #[serde(default, borrow, deserialize_with = "session")]
        pub session: Vec<ChallengeResult<'a>>,
        /// `ClientMetadata` of `RespondToAuthChallenge` (absent on the first round).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
        /// Set when the user does not exist (`request.userNotFound`).
        #[serde(default, deserialize_with = "nullish")]
        pub user_not_found: bool,
    }
}

/// `code(digits = .., expires = "..")`.
#[derive(Clone, Copy, Debug)]
pub struct CodeConfig {
    /// Digits of the code (4 to 10).
    pub digits: u32,
    /// How long a code is accepted; `None` for the whole sign-in.
    pub expires: Option<Duration>,
}

/// The user's function, adapted by the macro: delivers a new code.
#[derive(Clone, Copy)]
pub enum CreateAuthChallengeHandler {
    /// `fn create(event: &CreateAuthChallenge, code: &str) -> ..`.
    Deliver(for<'e, 'a> fn(&'e CreateAuthChallenge<'a>, &'e str) -> OutcomeFuture<'e>),
}

/// The configuration the macro writes for one `#[create_auth_challenge]`.
pub struct CreateAuthChallengeConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `code(..)`.
    pub code: CodeConfig,
    /// `public(name = "value", ..)`: `publicChallengeParameters`, which the client receives.
    pub public: &'static [(&'static str, &'static str)],
    /// The user's function.
    pub handler: CreateAuthChallengeHandler,
}

const KIND: Kind = Kind {
    name: "CreateAuthChallenge",
    title: "create auth challenge",
    source_prefix: SOURCE_PREFIX,
};

/// The names in `privateChallengeParameters`.
pub(crate) const CODE_KEY: &str = "code";
pub(crate) const EXPIRES_KEY: &str = "expires";

/// `response` of create auth challenge.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer<'c> {
    public_challenge_parameters: PublicParameters,
    private_challenge_parameters: PrivateParameters<'c>,
    challenge_metadata: String,
}

struct PublicParameters(&'static [(&'static str, &'static str)]);

impl Serialize for PublicParameters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

#[derive(Serialize)]
struct PrivateParameters<'c> {
    code: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
}

/// A code made for this sign-in: what create writes into `challengeMetadata`
/// (`CODE-<code>` or `CODE-<code>-<expiry in Unix seconds>`), read back on a retry. Cognito
/// passes the metadata only to the define and create triggers, never to the client.
struct Issued<'s> {
    code: Cow<'s, str>,
    expires: Option<u64>,
}

impl<'s> Issued<'s> {
    fn metadata(&self) -> String {
        match self.expires {
            Some(at) => format!("{METADATA_PREFIX}{}-{at}", self.code),
            None => format!("{METADATA_PREFIX}{}", self.code),
        }
    }

    /// The code of the session's last entry, when it is a wrong answer to a code of ours that
    /// is still valid and has `digits` digits.
    fn reusable(session: &'s [ChallengeResult<'s>], digits: u32, now: u64) -> Option<Issued<'s>> {
        let last = session.last()?;
        if last.challenge_name != "CUSTOM_CHALLENGE" || last.challenge_result {
            return None;
        }
        let rest = last
            .challenge_metadata
            .as_deref()?
            .strip_prefix(METADATA_PREFIX)?;
        let (code, expires) = match rest.split_once('-') {
            Some((code, at)) => (code, Some(at.parse::<u64>().ok()?)),
            None => (rest, None),
        };
        let valid = code.len() == digits as usize
            && code.bytes().all(|b| b.is_ascii_digit())
            && expires.is_none_or(|at| now < at);
        valid.then(|| Issued {
            code: Cow::Owned(code.to_owned()),
            expires,
        })
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A create auth challenge trigger: `#[create_auth_challenge] fn create` defines it as
/// `static CREATE`.
pub struct CreateAuthChallengeTrigger {
    config: CreateAuthChallengeConfig,
}

impl CreateAuthChallengeTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: CreateAuthChallengeConfig) -> CreateAuthChallengeTrigger {
        CreateAuthChallengeTrigger { config }
    }

    /// `code(..)`.
    pub fn code_config(&self) -> CodeConfig {
        self.config.code
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let event = CreateAuthChallenge::decode(envelope)?;
        // Only custom challenges are ours to create.
        if event.challenge_name.as_deref() != Some("CUSTOM_CHALLENGE") {
            return Ok(None);
        }
        let now = unix_now();
        let issued = match Issued::reusable(&event.session, config.code.digits, now) {
            // A wrong answer: the same code again, and no second delivery.
            Some(issued) => issued,
            None => {
                let code = new_code(config.code.digits).map_err(|e| {
                    TriggerError::internal(format!(
                        "the operating system gave no random bytes: {e}"
                    ))
                })?;
                let issued = Issued {
                    code: Cow::Owned(code),
                    expires: config.code.expires.map(|d| now.saturating_add(d.as_secs())),
                };
                let CreateAuthChallengeHandler::Deliver(deliver) = config.handler;
                config.common.call(deliver(&event, &issued.code)).await?;
                issued
            }
        };
        let answer = Answer {
            public_challenge_parameters: PublicParameters(config.public),
            private_challenge_parameters: PrivateParameters {
                code: &issued.code,
                expires: issued.expires.map(|at| at.to_string()),
            },
            challenge_metadata: issued.metadata(),
        };
        serde_json::value::to_raw_value(&answer)
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|_| TriggerError::internal("cannot write the response"))
    }
}

crate::engine::source::trigger_impl!(CreateAuthChallengeTrigger, KIND);
