use cognito_triggers::{custom_email_sender, custom_sms_sender, CustomEmailSender, CustomSmsSender};

#[custom_email_sender(key_arn = "1234abcd-12ab-34cd-56ef-1234567890ab", main = false)]
fn key_id(_event: &CustomEmailSender, _code: Option<&str>) {}

#[custom_sms_sender(main = false)]
fn no_key(_event: &CustomSmsSender, _code: Option<&str>) {}

#[custom_sms_sender(key_arn = env("KMS_KEY_ARN"), triggers = ["AccountTakeOverNotification"], main = false)]
fn sms_takeover(_event: &CustomSmsSender, _code: Option<&str>) {}

#[custom_email_sender(key_arn = env("KMS_KEY_ARN"), main = false)]
fn no_code(_event: &CustomEmailSender) {}

fn main() {}
