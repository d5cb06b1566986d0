//! [`simulate_auth`]: a custom sign-in played through the three challenge triggers the way
//! Cognito runs them — define decides, create makes the challenge, the user answers, verify
//! judges, the session grows — with scripted answers.

use std::fmt;

use serde_json::{json, Value};

use crate::custom_auth::create::CreateAuthChallengeTrigger;
use crate::custom_auth::define::DefineAuthChallengeTrigger;
use crate::custom_auth::verify::VerifyAuthChallengeTrigger;
use crate::TriggerError;

/// The answer that stands for "the code create made": `simulate_auth(.., &["000000", CODE_ANSWER])`
/// answers wrong once, then right.
pub const CODE_ANSWER: &str = "<code>";

/// Cognito ends a custom sign-in after this many rounds; the simulator stops there too.
const MAX_ROUNDS: usize = 20;

/// One round of a simulated sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthRound {
    /// What define asked for (`CUSTOM_CHALLENGE`, `PASSWORD_VERIFIER`).
    pub challenge: String,
    /// For a custom challenge: whether create made a new code (and called the function to
    /// deliver it) or kept the one of the wrong answer before.
    pub new_code: Option<bool>,
    /// What the client received (`publicChallengeParameters`).
    pub public: Value,
    /// The answer given, `<code>` when it was the code.
    pub answer: Option<String>,
    /// Whether verify found it correct (a password step is taken as passed).
    pub correct: bool,
}

/// How a simulated sign-in ended.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthOutcome {
    /// Define issued the tokens.
    Tokens,
    /// Define ended the sign-in (`failAuthentication`).
    Failed,
    /// Define asked for another answer and the script had none left.
    OutOfAnswers,
}

/// A simulated sign-in: its rounds and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthSimulation {
    /// Every round, in order.
    pub rounds: Vec<AuthRound>,
    /// How it ended.
    pub outcome: AuthOutcome,
}

impl fmt::Display for AuthSimulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, round) in self.rounds.iter().enumerate() {
            write!(f, "round {}: define → {}", i + 1, round.challenge)?;
            match round.new_code {
                Some(true) => write!(f, "; create → a new code, delivered by the function")?,
                Some(false) => write!(f, "; create → the same code again, not delivered again")?,
                None => {}
            }
            if let Some(answer) = &round.answer {
                let verdict = if round.correct { "correct" } else { "wrong" };
                write!(f, "; answer {answer} → {verdict}")?;
            }
            writeln!(f)?;
        }
        let end = match self.outcome {
            AuthOutcome::Tokens => "tokens issued",
            AuthOutcome::Failed => "the sign-in fails",
            AuthOutcome::OutOfAnswers => "waiting for another answer (the script has none left)",
        };
        write!(f, "round {}: define → {end}", self.rounds.len() + 1)
    }
}

fn envelope(source: &str, user_attributes: &Value, request: Value) -> String {
    let mut request = request;
    request["userAttributes"] = user_attributes.clone();
    json!({
        "version": "1",
        "triggerSource": source,
        "region": "us-east-1",
        "userPoolId": "us-east-1_SIMULATED",
        "userName": "simulated-user",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "simulated-client"},
        "request": request,
        "response": {},
    })
    .to_string()
}

fn response(answered: &str) -> Result<Value, TriggerError> {
    let value: Value = serde_json::from_str(answered)
        .map_err(|e| TriggerError::internal(format!("unreadable answer: {e}")))?;
    Ok(value["response"].clone())
}

/// Plays one sign-in of a user with `user_attributes` (a JSON object) through `define`,
/// `create` and `verify` with the scripted `answers` ([`CODE_ANSWER`] answers with the code create
/// made). A flow that starts with the password begins as Cognito does after `InitiateAuth`
/// with `SRP_A`; password steps are taken as passed. Create's function is called as on Lambda:
/// in local mode it should not send anything.
///
/// ```
/// use cognito_triggers::{simulate_auth, AuthOutcome, CODE_ANSWER};
/// use cognito_triggers::{create_auth_challenge, define_auth_challenge, verify_auth_challenge, CreateAuthChallenge, Deny};
///
/// #[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
/// fn define() {}
/// #[create_auth_challenge(code(digits = 6), main = false)]
/// fn create(_event: &CreateAuthChallenge, _code: &str) -> Result<(), Deny> { Ok(()) }
/// #[verify_auth_challenge(main = false)]
/// fn verify() {}
///
/// let user = serde_json::json!({"email": "jane@example.com"});
/// let run = simulate_auth(&DEFINE, &CREATE, &VERIFY, &user, &["000000", CODE_ANSWER]).unwrap();
/// assert_eq!(run.outcome, AuthOutcome::Tokens);
/// assert_eq!(run.rounds.len(), 2);
/// ```
pub fn simulate_auth(
    define: &'static DefineAuthChallengeTrigger,
    create: &'static CreateAuthChallengeTrigger,
    verify: &'static VerifyAuthChallengeTrigger,
    user_attributes: &Value,
    answers: &[&str],
) -> Result<AuthSimulation, TriggerError> {
    let mut session: Vec<Value> = Vec::new();
    if define.flow().first() == Some(&"SRP_A") {
        session.push(
            json!({"challengeName": "SRP_A", "challengeResult": true, "challengeMetadata": null}),
        );
    }
    let mut answers = answers.iter();
    let mut rounds = Vec::new();
    loop {
        let event = envelope(
            "DefineAuthChallenge_Authentication",
            user_attributes,
            json!({ "session": session, "userNotFound": false }),
        );
        let decided = response(&define.invoke_blocking(&event)?)?;
        if decided["issueTokens"] == true {
            return Ok(AuthSimulation {
                rounds,
                outcome: AuthOutcome::Tokens,
            });
        }
        if decided["failAuthentication"] == true || rounds.len() >= MAX_ROUNDS {
            return Ok(AuthSimulation {
                rounds,
                outcome: AuthOutcome::Failed,
            });
        }
        let challenge = decided["challengeName"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if challenge != "CUSTOM_CHALLENGE" {
            // The password step, which Cognito checks itself.
            session.push(json!({"challengeName": challenge, "challengeResult": true, "challengeMetadata": null}));
            rounds.push(AuthRound {
                challenge,
                new_code: None,
                public: Value::Null,
                answer: None,
                correct: true,
            });
            continue;
        }
        let event = envelope(
            "CreateAuthChallenge_Authentication",
            user_attributes,
            json!({ "challengeName": challenge, "session": session, "userNotFound": false }),
        );
        let created = response(&create.invoke_blocking(&event)?)?;
        let metadata = created["challengeMetadata"].clone();
        let reused = session
            .last()
            .is_some_and(|last| last["challengeMetadata"] == metadata);
        let Some(&answer) = answers.next() else {
            rounds.push(AuthRound {
                challenge,
                new_code: Some(!reused),
                public: created["publicChallengeParameters"].clone(),
                answer: None,
                correct: false,
            });
            return Ok(AuthSimulation {
                rounds,
                outcome: AuthOutcome::OutOfAnswers,
            });
        };
        let private = created["privateChallengeParameters"].clone();
        let given = match answer {
            CODE_ANSWER => private["code"].as_str().unwrap_or_default().to_owned(),
            other => other.to_owned(),
        };
        let event = envelope(
            "VerifyAuthChallengeResponse_Authentication",
            user_attributes,
            json!({ "privateChallengeParameters": private, "challengeAnswer": given, "userNotFound": false }),
        );
        let verified = response(&verify.invoke_blocking(&event)?)?;
        let correct = verified["answerCorrect"] == true;
        session.push(json!({"challengeName": "CUSTOM_CHALLENGE", "challengeResult": correct, "challengeMetadata": metadata}));
        rounds.push(AuthRound {
            challenge,
            new_code: Some(!reused),
            public: created["publicChallengeParameters"].clone(),
            answer: Some(answer.to_owned()),
            correct,
        });
    }
}

/// The bootstrap of a custom sign-in: the three triggers served by one binary (see
/// [`serve`](crate::serve)), and in local mode also `--answers A,B,..`, which plays a sign-in
/// of the built-in sample user through them with [`simulate_auth`] and prints each round
/// (`<code>` answers with the code create made; the code itself is never printed).
///
/// ```no_run
/// use cognito_triggers::{create_auth_challenge, define_auth_challenge, verify_auth_challenge, CreateAuthChallenge};
///
/// #[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
/// fn define() {}
/// #[create_auth_challenge(code(digits = 6), main = false)]
/// fn create(_event: &CreateAuthChallenge, _code: &str) {}
/// #[verify_auth_challenge(main = false)]
/// fn verify() {}
///
/// fn main() -> std::process::ExitCode {
///     cognito_triggers::serve_custom_auth(&DEFINE, &CREATE, &VERIFY)
/// }
/// ```
pub fn serve_custom_auth(
    define: &'static DefineAuthChallengeTrigger,
    create: &'static CreateAuthChallengeTrigger,
    verify: &'static VerifyAuthChallengeTrigger,
) -> std::process::ExitCode {
    #[cfg(any(debug_assertions, feature = "local"))]
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_none() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if let Some(code) = play(define, create, verify, &args) {
            return code;
        }
    }
    crate::serve(&[define, create, verify])
}

/// `--answers A,B,..` in local mode: `None` when the arguments are something else.
#[cfg(any(debug_assertions, feature = "local"))]
fn play(
    define: &'static DefineAuthChallengeTrigger,
    create: &'static CreateAuthChallengeTrigger,
    verify: &'static VerifyAuthChallengeTrigger,
    args: &[String],
) -> Option<std::process::ExitCode> {
    use std::process::ExitCode;
    let answers: String = match args {
        [flag, answers] if flag == "--answers" => answers.clone(),
        [one] => one.strip_prefix("--answers=")?.to_owned(),
        _ if args.iter().any(|a| a.starts_with("--answers")) => {
            eprintln!("error: `--answers A,B,..` takes no other options");
            return Some(ExitCode::from(2));
        }
        _ => return None,
    };
    crate::engine::LOCAL_MODE.store(true, std::sync::atomic::Ordering::Relaxed);
    crate::engine::local::init_logging();
    let answers: Vec<&str> = answers
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    let sample: Value = serde_json::from_str(include_str!("../custom_auth/samples/create.json"))
        .unwrap_or_default();
    let user = sample["request"]["userAttributes"].clone();
    println!(
        "A sign-in of the sample user (flow: {}), answers: {}\n",
        define.flow().join(" → "),
        answers.join(", ")
    );
    match simulate_auth(define, create, verify, &user, &answers) {
        Ok(run) => {
            println!("{run}");
            Some(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Some(ExitCode::FAILURE)
        }
    }
}
