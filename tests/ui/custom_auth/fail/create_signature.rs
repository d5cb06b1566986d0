use cognito_triggers::{create_auth_challenge, CreateAuthChallenge};

#[create_auth_challenge(code(digits = 6), main = false)]
fn event_only(_event: &CreateAuthChallenge) {}

#[create_auth_challenge(code(digits = 6), main = false)]
fn three(_event: &CreateAuthChallenge, _code: &str, _extra: u8) {}

#[create_auth_challenge(code(digits = 6), main = false)]
fn wrong_code_type(_event: &CreateAuthChallenge, _code: u32) {}

fn main() {}
