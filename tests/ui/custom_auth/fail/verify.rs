use cognito_triggers::{verify_auth_challenge, VerifyAuthChallenge};

#[verify_auth_challenge(answer = "123456", main = false)]
fn verify(_event: &VerifyAuthChallenge) -> bool {
    true
}

fn main() {}
