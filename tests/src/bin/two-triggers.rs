//! One bootstrap for two triggers (`cognito_triggers::serve`), for the end-to-end suite.

use cognito_triggers::{pre_sign_up, pre_token_generation};

#[pre_sign_up(email_domains(allow = ["example.com"]), auto_confirm = true, main = false)]
fn sign_up() {}

#[pre_token_generation(claims(tier = "gold"), main = false)]
fn tokens() {}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve(&[&SIGN_UP, &TOKENS])
}
