//! The generated side of the `senders` rows: `#[custom_email_sender]` decrypting the code
//! (key from `KMS_KEY_ARN`) and handing it to [`std::hint::black_box`], as the hand-written
//! sender (`bench/src/senders.rs`) does.

use cognito_triggers::{custom_email_sender, CustomEmailSender, Deny};

#[custom_email_sender(key_arn = env("KMS_KEY_ARN"))]
async fn send(_event: &CustomEmailSender<'_>, code: Option<&str>) -> Result<(), Deny> {
    std::hint::black_box(code);
    Ok(())
}
