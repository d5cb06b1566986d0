//! Custom authentication: the trigger sources of define, create and verify auth challenge,
//! the challenge names a `flow` may list and the order Cognito runs them in, the state machine
//! that decides each round from the session, and the limits of `attempts` and codes.
//!
//! The define trigger and the flow simulator run the same [`decide`]; the macro checks `flow`
//! with [`check_flow`].

use crate::{did_you_mean, Violation};

/// Define auth challenge.
pub mod define {
    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "DefineAuthChallenge_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["Authentication"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), crate::Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// Create auth challenge.
pub mod create {
    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "CreateAuthChallenge_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["Authentication"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), crate::Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// Verify auth challenge response.
pub mod verify {
    /// The prefix of its trigger sources.
    pub const SOURCE_PREFIX: &str = "VerifyAuthChallengeResponse_";
    /// Its trigger sources without the prefix.
    pub const SOURCES: [&str; 1] = ["Authentication"];

    /// Checks a trigger source name given without its prefix.
    pub fn check_source_name(name: &str) -> Result<(), crate::Violation> {
        crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
    }
}

/// The challenges a `flow` may list.
pub const FLOW_STEPS: [&str; 3] = ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"];

/// The multi-factor challenges Cognito itself inserts after `PASSWORD_VERIFIER` for a user
/// with MFA: a successful one may stand between the password and the next step.
pub const COGNITO_MFA: [&str; 3] = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"];

/// The other challenge names Cognito documents in sessions: never expected by a flow.
pub const OTHER_CHALLENGES: [&str; 4] = [
    "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
    "ADMIN_NO_SRP_AUTH",
    "NEW_PASSWORD_REQUIRED",
];

/// The most wrong answers `attempts` may allow.
pub const MAX_ATTEMPTS: u32 = 10;
/// The fewest and most digits of a code.
pub const CODE_DIGITS: std::ops::RangeInclusive<u32> = 4..=10;
/// The longest `expires` of a code, in seconds: Cognito's custom auth session lasts at most
/// 15 minutes (`AuthSessionValidity`).
pub const MAX_EXPIRY_SECS: u64 = 15 * 60;

/// The prefix of `challengeMetadata` that create writes for the challenges it makes.
pub const METADATA_PREFIX: &str = "CODE-";

/// Checks one `flow` name.
pub fn check_step(name: &str) -> Result<(), Violation> {
    if FLOW_STEPS.contains(&name) {
        return Ok(());
    }
    if COGNITO_MFA.contains(&name) {
        return Err(Violation::new(format!(
            "`{name}` cannot be a step of the flow"
        ))
        .hint("Cognito inserts its own MFA challenge after PASSWORD_VERIFIER for users with MFA; the flow accepts it there"));
    }
    let mut known: Vec<&str> = FLOW_STEPS.to_vec();
    known.extend(OTHER_CHALLENGES);
    let hint = match did_you_mean(name, &FLOW_STEPS) {
        Some(s) => format!("did you mean `{s}`?"),
        None if OTHER_CHALLENGES.contains(&name) => {
            "a custom flow's steps are SRP_A, PASSWORD_VERIFIER and CUSTOM_CHALLENGE".to_owned()
        }
        None => format!("expected one of {}", FLOW_STEPS.join(", ")),
    };
    Err(Violation::new(format!("unknown challenge `{name}`")).hint(hint))
}

/// Checks the order of a whole `flow` (each name already checked): an optional `SRP_A`,
/// `PASSWORD_VERIFIER` pair first, then one or more `CUSTOM_CHALLENGE`s.
pub fn check_flow(flow: &[&str]) -> Result<(), Violation> {
    let custom = match flow {
        ["SRP_A", "PASSWORD_VERIFIER", rest @ ..] => rest,
        ["SRP_A", ..] => {
            return Err(Violation::new("`SRP_A` must be followed by `PASSWORD_VERIFIER`")
                .hint("the password is verified in those two steps: flow = [\"SRP_A\", \"PASSWORD_VERIFIER\", \"CUSTOM_CHALLENGE\"]"))
        }
        rest => rest,
    };
    if let Some(misplaced) = custom.iter().find(|s| **s != "CUSTOM_CHALLENGE") {
        return Err(Violation::new(format!(
            "`{misplaced}` is out of place in the flow"
        ))
        .hint("a flow starts with the password (`SRP_A`, `PASSWORD_VERIFIER`), if any, then lists its `CUSTOM_CHALLENGE` steps"));
    }
    if custom.is_empty() {
        return Err(Violation::new("the flow has no `CUSTOM_CHALLENGE`")
            .hint("custom authentication exists to add custom challenges; for the password alone use USER_SRP_AUTH"));
    }
    Ok(())
}

/// One entry of a session, as the decision reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// `challengeName`.
    pub name: &'a str,
    /// `challengeResult`.
    pub result: bool,
}

/// What define answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision<'f> {
    /// Ask this challenge next (`challengeName`).
    Challenge(&'f str),
    /// Every step succeeded in order: `issueTokens`.
    IssueTokens,
    /// End the sign-in: `failAuthentication`, for this reason.
    Fail(FailReason),
}

/// Why define ends a sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailReason {
    /// `userNotFound`: the user does not exist (the app client prevents user-existence errors).
    UserNotFound,
    /// `attempts` wrong answers.
    TooManyAttempts,
    /// A challenge the flow does not expect at that place (unknown, out of order, after the
    /// end), or a failed password step.
    Unexpected,
    /// The flow starts with `SRP_A`, which the client must send with `InitiateAuth`.
    NoSrp,
}

impl FailReason {
    /// In words, for logs and local mode.
    pub fn describe(self) -> &'static str {
        match self {
            FailReason::UserNotFound => "the user does not exist",
            FailReason::TooManyAttempts => "too many wrong answers",
            FailReason::Unexpected => "the session does not follow the flow",
            FailReason::NoSrp => "the flow starts with SRP_A, which the client did not send",
        }
    }
}

/// The next step of a sign-in from its session: tokens only when the session is exactly the
/// flow, in order, ending with its last step (wrong answers to a `CUSTOM_CHALLENGE` repeat it,
/// up to `attempts` in all; Cognito's MFA challenge may follow `PASSWORD_VERIFIER`); anything
/// else ends the sign-in.
pub fn decide<'s, 'f>(
    flow: &[&'f str],
    attempts: u32,
    user_not_found: bool,
    session: impl IntoIterator<Item = Entry<'s>>,
) -> Decision<'f> {
    if user_not_found {
        return Decision::Fail(FailReason::UserNotFound);
    }
    let mut step = 0;
    let mut wrong = 0;
    let mut after_password = false;
    for entry in session {
        let Some(&expected) = flow.get(step) else {
            return Decision::Fail(FailReason::Unexpected);
        };
        if after_password && COGNITO_MFA.contains(&entry.name) {
            // Cognito's own MFA step: it must have succeeded.
            after_password = false;
            if !entry.result {
                return Decision::Fail(FailReason::Unexpected);
            }
            continue;
        }
        after_password = false;
        if entry.name != expected {
            return Decision::Fail(FailReason::Unexpected);
        }
        match (entry.result, expected) {
            (true, "PASSWORD_VERIFIER") => {
                after_password = true;
                step += 1;
            }
            (true, _) => step += 1,
            (false, "CUSTOM_CHALLENGE") => {
                wrong += 1;
                if wrong >= attempts {
                    return Decision::Fail(FailReason::TooManyAttempts);
                }
            }
            (false, _) => return Decision::Fail(FailReason::Unexpected),
        }
    }
    match flow.get(step) {
        None => Decision::IssueTokens,
        Some(&"SRP_A") => Decision::Fail(FailReason::NoSrp),
        Some(next) => Decision::Challenge(next),
    }
}

/// Checks `digits` of `code(digits = ..)`.
pub fn check_digits(digits: u32) -> Result<(), Violation> {
    if CODE_DIGITS.contains(&digits) {
        return Ok(());
    }
    Err(
        Violation::new(format!("a code of {digits} digits is not allowed")).hint(format!(
            "codes have {} to {} digits",
            CODE_DIGITS.start(),
            CODE_DIGITS.end()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, result: bool) -> Entry<'_> {
        Entry { name, result }
    }

    const PASSWORDLESS: [&str; 1] = ["CUSTOM_CHALLENGE"];
    const WITH_PASSWORD: [&str; 3] = ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"];

    #[test]
    fn flows() {
        assert!(check_flow(&PASSWORDLESS).is_ok());
        assert!(check_flow(&WITH_PASSWORD).is_ok());
        assert!(check_flow(&["CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"]).is_ok());
        assert!(check_flow(&["SRP_A", "CUSTOM_CHALLENGE"]).is_err());
        assert!(check_flow(&["PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]).is_err());
        assert!(check_flow(&["CUSTOM_CHALLENGE", "SRP_A", "PASSWORD_VERIFIER"]).is_err());
        assert!(check_flow(&["SRP_A", "PASSWORD_VERIFIER"]).is_err());
        assert!(check_flow(&[]).is_err());
        assert_eq!(
            check_step("CUSTOM_CHALENGE").unwrap_err().hint.as_deref(),
            Some("did you mean `CUSTOM_CHALLENGE`?")
        );
        assert!(check_step("SMS_MFA").is_err());
    }

    #[test]
    fn passwordless() {
        let d = |s: &[Entry<'_>]| decide(&PASSWORDLESS, 3, false, s.iter().copied());
        assert_eq!(d(&[]), Decision::Challenge("CUSTOM_CHALLENGE"));
        assert_eq!(d(&[e("CUSTOM_CHALLENGE", true)]), Decision::IssueTokens);
        assert_eq!(
            d(&[e("CUSTOM_CHALLENGE", false), e("CUSTOM_CHALLENGE", false)]),
            Decision::Challenge("CUSTOM_CHALLENGE")
        );
        assert_eq!(
            d(&[
                e("CUSTOM_CHALLENGE", false),
                e("CUSTOM_CHALLENGE", false),
                e("CUSTOM_CHALLENGE", true)
            ]),
            Decision::IssueTokens
        );
        assert_eq!(
            d(&[e("CUSTOM_CHALLENGE", false); 3]),
            Decision::Fail(FailReason::TooManyAttempts)
        );
        // Anything after the end, or another challenge, ends the sign-in.
        assert_eq!(
            d(&[e("CUSTOM_CHALLENGE", true), e("CUSTOM_CHALLENGE", true)]),
            Decision::Fail(FailReason::Unexpected)
        );
        assert_eq!(
            d(&[e("PASSWORD_VERIFIER", true)]),
            Decision::Fail(FailReason::Unexpected)
        );
        assert_eq!(
            decide(&PASSWORDLESS, 3, true, []),
            Decision::Fail(FailReason::UserNotFound)
        );
    }

    #[test]
    fn with_password() {
        let d = |s: &[Entry<'_>]| decide(&WITH_PASSWORD, 3, false, s.iter().copied());
        assert_eq!(d(&[]), Decision::Fail(FailReason::NoSrp));
        assert_eq!(
            d(&[e("SRP_A", true)]),
            Decision::Challenge("PASSWORD_VERIFIER")
        );
        assert_eq!(
            d(&[e("SRP_A", true), e("PASSWORD_VERIFIER", true)]),
            Decision::Challenge("CUSTOM_CHALLENGE")
        );
        assert_eq!(
            d(&[e("SRP_A", true), e("PASSWORD_VERIFIER", false)]),
            Decision::Fail(FailReason::Unexpected)
        );
        assert_eq!(
            d(&[
                e("SRP_A", true),
                e("PASSWORD_VERIFIER", true),
                e("SMS_MFA", true),
                e("CUSTOM_CHALLENGE", true)
            ]),
            Decision::IssueTokens
        );
        assert_eq!(
            d(&[
                e("SRP_A", true),
                e("PASSWORD_VERIFIER", true),
                e("SMS_MFA", false)
            ]),
            Decision::Fail(FailReason::Unexpected)
        );
        // MFA only right after the password.
        assert_eq!(
            d(&[e("SRP_A", true), e("SMS_MFA", true)]),
            Decision::Fail(FailReason::Unexpected)
        );
        // The custom step without the password before it.
        assert_eq!(
            d(&[e("CUSTOM_CHALLENGE", true)]),
            Decision::Fail(FailReason::Unexpected)
        );
    }
}
