use cognito_triggers::{custom_email_sender, CustomEmailSender};

// The tests crate does not enable the `senders` feature.
#[custom_email_sender(key_arn = env("KMS_KEY_ARN"))]
async fn send(_event: &CustomEmailSender<'_>, _code: Option<&str>) {}
