//! The Amplify Gen 2 page "Custom Auth Challenge", done safely: a passwordless sign-in with a
//! one-time code sent by email.
//!
//! The page's define function issues tokens after any successful challenge, its create
//! function uses a constant code, and its verify function accepts every answer. Here:
//! - define issues tokens only when the session is the flow — one `CUSTOM_CHALLENGE`, answered
//!   correctly — and ends the sign-in after 3 wrong answers or anything unexpected;
//! - create draws a 6-digit code from the operating system's CSPRNG, valid for 3 minutes, keeps
//!   it for the retries of one sign-in (a wrong answer does not send a second email), and
//!   hands it to `create` below to email;
//! - verify compares the answer with the code in constant time and checks the expiry.
//!
//! `cargo run -p passwordless-code -- --answers 000000,<code>` plays a sign-in (a wrong answer,
//! then the code) without AWS; `cargo lambda build --release -p passwordless-code --features
//! sdk` builds the `bootstrap` that sends the email with SES (`SENDER_EMAIL` names a verified
//! sender). One function serves the three triggers.

mod delivery;

use cognito_triggers::{
    create_auth_challenge, define_auth_challenge, verify_auth_challenge, CreateAuthChallenge, Deny,
};

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 3, main = false)]
async fn define() {}

#[create_auth_challenge(
    code(digits = 6, expires = "3m"),
    public(delivery = "email"),
    timeout = "4s",
    main = false
)]
async fn create(event: &CreateAuthChallenge<'_>, code: &str) -> Result<(), Deny> {
    let Some(email) = event.attribute("email") else {
        return Err(Deny::new(
            "There is no email address to send a sign-in code to",
        ));
    };
    if cognito_triggers::in_local_mode() {
        eprintln!("local mode: the code would be emailed to the user (nothing is sent)");
        return Ok(());
    }
    delivery::send(email, code).await
}

#[verify_auth_challenge(main = false)]
async fn verify() {}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve_custom_auth(&DEFINE, &CREATE, &VERIFY)
}
