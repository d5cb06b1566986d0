//! Verify auth challenge response: the event, and [`VerifyAuthChallengeTrigger`], which
//! compares the answer with the code in constant time and writes `answerCorrect`.

use std::borrow::Cow;

use serde::Serialize;

use cognito_triggers_rules::custom_auth::verify::SOURCE_PREFIX;

use super::code::matches;
use super::create::{unix_now, CODE_KEY, EXPIRES_KEY};
use crate::engine::decode::{nullish, string_map_skipping_nulls, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::outcome::OutcomeFuture;
use crate::engine::{Common, Kind, Response};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked verify auth challenge response (`triggerSource` without its
    /// `VerifyAuthChallengeResponse_` prefix).
    pub enum VerifyAuthChallengeSource, prefix SOURCE_PREFIX, {
        /// An answer in a custom sign-in (`Authentication`).
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A verify auth challenge response event: the user's answer and what create kept.
    pub struct VerifyAuthChallenge, source VerifyAuthChallengeSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// What create auth challenge kept (`request.privateChallengeParameters`).
        #[serde(default, borrow)]
        pub private_challenge_parameters: StringMap<'a>,
        /// The user's answer (`request.challengeAnswer`).
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::optional_str")]
        pub challenge_answer: Option<Cow<'a, str>>,
        /// `ClientMetadata` of `RespondToAuthChallenge`.
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
        /// Set when the user does not exist (`request.userNotFound`).
        #[serde(default, deserialize_with = "nullish")]
        pub user_not_found: bool,
    }
}

/// The user's function, adapted by the macro: further checks; an error fails the call.
#[derive(Clone, Copy)]
pub enum VerifyAuthChallengeHandler {
    /// `fn verify(event: &VerifyAuthChallenge) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e VerifyAuthChallenge<'a>) -> OutcomeFuture<'e>),
    /// `fn verify() -> ..`.
    WithoutEvent(fn() -> OutcomeFuture<'static>),
}

/// The configuration the macro writes for one `#[verify_auth_challenge]`.
pub struct VerifyAuthChallengeConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// The user's function.
    pub handler: VerifyAuthChallengeHandler,
}

const KIND: Kind = Kind {
    name: "VerifyAuthChallengeResponse",
    title: "verify auth challenge response",
    source_prefix: SOURCE_PREFIX,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    answer_correct: bool,
}

impl VerifyAuthChallenge<'_> {
    /// Whether the answer is the code create kept, still valid: compared in constant time,
    /// white space around the answer ignored; no code, no answer, a user who does not exist
    /// or an expired code is a wrong answer.
    pub fn answer_is_correct(&self, now: u64) -> bool {
        let Some(code) = self.private_challenge_parameters.get(CODE_KEY) else {
            return false;
        };
        let Some(answer) = self.challenge_answer.as_deref() else {
            return false;
        };
        let expired = match self.private_challenge_parameters.get(EXPIRES_KEY) {
            None => false,
            Some(at) => at.parse::<u64>().map_or(true, |at| now >= at),
        };
        let correct = matches(answer.trim(), code);
        correct && !expired && !self.user_not_found && !code.is_empty()
    }
}

/// A verify auth challenge response trigger: `#[verify_auth_challenge] fn verify` defines it
/// as `static VERIFY`.
///
/// ```
/// use cognito_triggers::verify_auth_challenge;
///
/// #[verify_auth_challenge(main = false)]
/// fn verify() {}
///
/// let event = r#"{"triggerSource": "VerifyAuthChallengeResponse_Authentication", "request": {
///     "privateChallengeParameters": {"code": "042817"}, "challengeAnswer": "042817"},
///     "response": {"answerCorrect": null}}"#;
/// assert!(VERIFY.invoke_blocking(event).unwrap().contains(r#""answerCorrect":true"#));
/// ```
pub struct VerifyAuthChallengeTrigger {
    config: VerifyAuthChallengeConfig,
}

impl VerifyAuthChallengeTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: VerifyAuthChallengeConfig) -> VerifyAuthChallengeTrigger {
        VerifyAuthChallengeTrigger { config }
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let event = VerifyAuthChallenge::decode(envelope)?;
        match config.handler {
            VerifyAuthChallengeHandler::WithEvent(f) => config.common.call(f(&event)).await?,
            VerifyAuthChallengeHandler::WithoutEvent(f) => config.common.call(f()).await?,
        }
        let answer = Answer {
            answer_correct: event.answer_is_correct(unix_now()),
        };
        serde_json::value::to_raw_value(&answer)
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))
    }
}

crate::engine::source::trigger_impl!(VerifyAuthChallengeTrigger, KIND);
