//! Define auth challenge: the event, and [`DefineAuthChallengeTrigger`], the state machine
//! `#[define_auth_challenge(flow = [..], attempts = N)]` generates.

use serde::Serialize;

use cognito_triggers_rules::custom_auth::{decide, define::SOURCE_PREFIX, Decision};

use super::session::{session, ChallengeResult};
use crate::engine::decode::{nullish, string_map_skipping_nulls, StringMap};
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::outcome::OutcomeFuture;
use crate::engine::{Common, Kind, Response};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked define auth challenge (`triggerSource` without its
    /// `DefineAuthChallenge_` prefix).
    pub enum DefineAuthChallengeSource, prefix SOURCE_PREFIX, {
        /// A round of a custom sign-in (`Authentication`).
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A define auth challenge event: the session so far, to decide the next step.
    ///
    /// ```
    /// use cognito_triggers::DefineAuthChallenge;
    ///
    /// let text = r#"{"triggerSource": "DefineAuthChallenge_Authentication", "request": {
    ///     "userAttributes": {"email": "jane@example.com"},
    ///     "session": [{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": null}],
    ///     "userNotFound": false},
    ///     "response": {"challengeName": null, "issueTokens": null, "failAuthentication": null}}"#;
    /// DefineAuthChallenge::read(text, |event| {
    ///     assert_eq!(event.session.len(), 1);
    ///     assert!(!event.session[0].challenge_result);
    /// })
    /// .unwrap();
    /// ```
    pub struct DefineAuthChallenge, source DefineAuthChallengeSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// The challenges answered so far, oldest first (`request.session`).
        #[serde(default, borrow, deserialize_with = "session")]
        pub session: Vec<ChallengeResult<'a>>,
        /// `ClientMetadata` of `RespondToAuthChallenge` (absent on the first round).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
        /// Set when the user does not exist and the app client prevents user-existence
        /// errors (`request.userNotFound`; `null` or absent reads as `false`).
        #[serde(default, deserialize_with = "nullish")]
        pub user_not_found: bool,
    }
}

/// The user's function, adapted by the macro: further checks; an error ends the sign-in with
/// its text.
#[derive(Clone, Copy)]
pub enum DefineAuthChallengeHandler {
    /// `fn define(event: &DefineAuthChallenge) -> ..`.
    WithEvent(for<'e, 'a> fn(&'e DefineAuthChallenge<'a>) -> OutcomeFuture<'e>),
    /// `fn define() -> ..`.
    WithoutEvent(fn() -> OutcomeFuture<'static>),
}

/// The configuration the macro writes for one `#[define_auth_challenge]`.
pub struct DefineAuthChallengeConfig {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `flow = [..]`, checked at compile time.
    pub flow: &'static [&'static str],
    /// `attempts`: wrong answers allowed in one sign-in.
    pub attempts: u32,
    /// The user's function.
    pub handler: DefineAuthChallengeHandler,
}

const KIND: Kind = Kind {
    name: "DefineAuthChallenge",
    title: "define auth challenge",
    source_prefix: SOURCE_PREFIX,
};

/// `response` of define auth challenge: all three fields, every time.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Answer<'f> {
    pub(crate) challenge_name: Option<&'f str>,
    pub(crate) issue_tokens: bool,
    pub(crate) fail_authentication: bool,
}

impl<'f> From<Decision<'f>> for Answer<'f> {
    fn from(decision: Decision<'f>) -> Answer<'f> {
        match decision {
            Decision::Challenge(name) => Answer {
                challenge_name: Some(name),
                issue_tokens: false,
                fail_authentication: false,
            },
            Decision::IssueTokens => Answer {
                challenge_name: None,
                issue_tokens: true,
                fail_authentication: false,
            },
            Decision::Fail(_) => Answer {
                challenge_name: None,
                issue_tokens: false,
                fail_authentication: true,
            },
        }
    }
}

/// A define auth challenge trigger: `#[define_auth_challenge] fn define` defines it as
/// `static DEFINE`.
///
/// ```
/// use cognito_triggers::define_auth_challenge;
///
/// #[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
/// fn define() {}
///
/// let answered = DEFINE.invoke_blocking(r#"{"triggerSource": "DefineAuthChallenge_Authentication",
///     "request": {"session": [{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": true}]}}"#).unwrap();
/// assert!(answered.contains(r#""issueTokens":true"#));
/// ```
pub struct DefineAuthChallengeTrigger {
    config: DefineAuthChallengeConfig,
}

impl DefineAuthChallengeTrigger {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: DefineAuthChallengeConfig) -> DefineAuthChallengeTrigger {
        DefineAuthChallengeTrigger { config }
    }

    /// The flow's steps.
    pub fn flow(&self) -> &'static [&'static str] {
        self.config.flow
    }

    /// The decision for an event.
    pub(crate) fn decide<'f>(&'f self, event: &DefineAuthChallenge<'_>) -> Decision<'f> {
        decide(
            self.config.flow,
            self.config.attempts,
            event.user_not_found,
            event.session.iter().map(ChallengeResult::entry),
        )
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let config = &self.config;
        let event = DefineAuthChallenge::decode(envelope)?;
        match config.handler {
            DefineAuthChallengeHandler::WithEvent(f) => config.common.call(f(&event)).await?,
            DefineAuthChallengeHandler::WithoutEvent(f) => config.common.call(f()).await?,
        }
        let decision = self.decide(&event);
        if let Decision::Fail(reason) = decision {
            tracing::info!(
                rounds = event.session.len(),
                "the sign-in ends: {}",
                reason.describe()
            );
        }
        serde_json::value::to_raw_value(&Answer::from(decision))
            .map(|raw| Some(Response::Owned(raw)))
            .map_err(|e| TriggerError::internal(format!("cannot write the response: {e}")))
    }
}

crate::engine::source::trigger_impl!(DefineAuthChallengeTrigger, KIND);
