use cognito_triggers::{
    create_auth_challenge, define_auth_challenge, verify_auth_challenge, CreateAuthChallenge,
    DefineAuthChallenge, Deny, VerifyAuthChallenge,
};

#[define_auth_challenge(flow = ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"], attempts = 5, main = false)]
fn define(event: &DefineAuthChallenge) -> Result<(), Deny> {
    let _ = event.session.len();
    Ok(())
}

#[create_auth_challenge(code(digits = 8, expires = "90s"), public(delivery = "sms", hint = "8 digits"), timeout = "3s", main = false)]
async fn create(event: &CreateAuthChallenge<'_>, code: &str) -> Result<(), std::io::Error> {
    let _ = (event.attribute("phone_number"), code.len());
    Ok(())
}

#[verify_auth_challenge(main = false)]
async fn verify(event: &VerifyAuthChallenge<'_>) {
    let _ = event.challenge_answer.as_deref();
}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"])]
fn passwordless() {}

#[allow(dead_code)]
fn serve() -> std::process::ExitCode {
    cognito_triggers::serve(&[&DEFINE, &CREATE, &VERIFY])
}
