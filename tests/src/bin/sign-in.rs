//! One bootstrap for pre authentication, post authentication and post confirmation, for the
//! end-to-end suite.

use cognito_triggers::{
    post_authentication, post_confirmation, pre_authentication, Deny, PostAuthentication,
};

#[pre_authentication(
    require_verified = ["email"],
    clients(allow = ["1example23456789"]),
    message = "Verify your email address before signing in",
    main = false
)]
fn sign_in() {}

#[post_authentication(main = false)]
fn signed_in(event: &PostAuthentication) -> Result<(), Deny> {
    match event.attribute("custom:blocked") {
        Some("true") => Err(Deny::new("This account is blocked")),
        _ => Ok(()),
    }
}

#[post_confirmation(triggers = ["ConfirmSignUp"], main = false)]
async fn confirmed() {}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve(&[&SIGN_IN, &SIGNED_IN, &CONFIRMED])
}
