//! Three triggers in one Lambda function (one build, one cold start): configure the same
//! function as the pool's pre sign-up, pre authentication and post confirmation trigger, and
//! `serve` routes each event by its `triggerSource`.
//!
//! - pre sign-up: only `amazon.com` addresses;
//! - pre authentication: the email address must be verified before the password is checked;
//! - post confirmation: a confirmed sign-up joins `EVERYONE`.
//!
//! `cargo run -p sign-in-suite` lists the triggers and runs the first one's sample;
//! `--source Authentication` (or any trigger source) picks another sample; `--event PATH`
//! routes an event of yours as Lambda would.

use std::process::ExitCode;

use cognito_triggers::{post_confirmation, pre_authentication, pre_sign_up};

#[pre_sign_up(
    email_domains(allow = ["amazon.com"]),
    message = "Sign-ups are limited to amazon.com addresses",
    main = false
)]
fn sign_up() {}

#[pre_authentication(require_verified = ["email"], main = false)]
fn sign_in() {}

#[post_confirmation(add_to_groups = ["EVERYONE"], main = false)]
async fn confirmed() {}

fn main() -> ExitCode {
    cognito_triggers::serve(&[&SIGN_UP, &SIGN_IN, &CONFIRMED])
}
