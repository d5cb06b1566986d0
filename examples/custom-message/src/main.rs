//! The Amplify Gen 2 page "Custom message": a password-reset email in English or Spanish by
//! the user's `locale` attribute, and an invitation that carries both the username and the
//! temporary password; plus a branded HTML sign-up email read from `templates/welcome.html`
//! at compile time (editing the file rebuilds the trigger).
//!
//! The page's handler builds the messages by string interpolation at run time: nothing checks
//! that a message keeps the code, that an invitation keeps the username, or that a user
//! attribute put into an HTML email is escaped. Here each of those is a compile error or
//! cannot happen.
//!
//! `cargo run -p custom-message -- --source ForgotPassword` shows the reset email,
//! `--event events/forgot-password-es.json` the Spanish one, `--html welcome.html` writes the
//! sign-up email to a file; `cargo lambda build --release -p custom-message` builds the
//! `bootstrap`.

use cognito_triggers::custom_message;

#[custom_message(
    sign_up(
        subject = "Welcome to Acme, {given_name}",
        email_file = "templates/welcome.html"
    ),
    admin_create_user(
        subject = "Your Acme account",
        email = "<p>Your username is {username} and your temporary password is {####}</p>",
    ),
    locale(
        en,
        forgot_password(
            subject = "Reset my password",
            email = "Your new one-time code is {####}"
        )
    ),
    locale(
        es,
        forgot_password(
            subject = "Restablecer mi contraseña",
            email = "Tu nuevo código de un solo uso es {####}"
        )
    )
)]
async fn handler() {}
