use cognito_triggers::{create_auth_challenge, CreateAuthChallenge};

#[create_auth_challenge(public(delivery = "email"), main = false)]
fn no_code(_event: &CreateAuthChallenge, _code: &str) {}

#[create_auth_challenge(code(digits = 3), main = false)]
fn short(_event: &CreateAuthChallenge, _code: &str) {}

#[create_auth_challenge(code(digits = 6, expires = "1h"), main = false)]
fn unit(_event: &CreateAuthChallenge, _code: &str) {}

#[create_auth_challenge(code(digits = 6, expires = "16m"), main = false)]
fn too_long(_event: &CreateAuthChallenge, _code: &str) {}

#[create_auth_challenge(code(digits = 6, lenght = 6), public(code = "123456", delivery = "email", delivery = "sms"), main = false)]
fn public_code(_event: &CreateAuthChallenge, _code: &str) {}

fn main() {}
