//! A custom email sender: Cognito hands over the code encrypted with the AWS Encryption SDK
//! and the pool's KMS key; the trigger decrypts it (feature `senders`) and this function sends
//! the email with SES v2 — codes, temporary passwords, and account-takeover notices.
//!
//! Environment: `KMS_KEY_ARN` (the pool's `KMSKeyID`), `SENDER_EMAIL` (a verified SES
//! identity), and the standard AWS variables. The function needs `kms:Decrypt` on the key and
//! `ses:SendEmail`.
//!
//! `cargo run -p email-sender` shows what a sample sign-up would do (local mode decrypts and
//! sends nothing); `cargo lambda build --release -p email-sender` builds the `bootstrap`.

use cognito_triggers::{custom_email_sender, CustomEmailSender, CustomEmailSenderSource, Deny};

mod ses;

#[custom_email_sender(key_arn = env("KMS_KEY_ARN"))]
async fn send(event: &CustomEmailSender<'_>, code: Option<&str>) -> Result<(), Deny> {
    let Some(email) = event.attribute("email") else {
        return Err(Deny::new("The user has no email address"));
    };
    let (subject, body) = match (&event.trigger_source, code) {
        (CustomEmailSenderSource::AdminCreateUser, Some(password)) => (
            "Your Acme account",
            format!(
                "Your username is {} and your temporary password is {password}",
                event.user_name
            ),
        ),
        (CustomEmailSenderSource::AccountTakeOverNotification, _) => (
            "A sign-in to your Acme account was blocked",
            "We blocked a sign-in attempt that did not look like you. If it was you, sign in again; otherwise change your password.".to_owned(),
        ),
        (_, Some(code)) => ("Your Acme code", format!("Your Acme verification code is {code}")),
        (_, None) => return Ok(()),
    };
    ses::send(email, subject, &body).await
}
