//! The three custom auth triggers in one bootstrap, for the test that the code never reaches
//! a log line.

use cognito_triggers::{
    create_auth_challenge, define_auth_challenge, verify_auth_challenge, CreateAuthChallenge,
};

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
fn define() {}

#[create_auth_challenge(code(digits = 6, expires = "3m"), main = false)]
fn create(event: &CreateAuthChallenge, code: &str) {
    // What a careless delivery function might log: the library never does.
    tracing::warn!(user = %event.user_name, digits = code.len(), "delivering a sign-in code");
}

#[verify_auth_challenge(main = false)]
fn verify() {}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve(&[&DEFINE, &CREATE, &VERIFY])
}
