use cognito_triggers::custom_message;

#[custom_message(
    sign_up(subject = "Welcome", email = "<p>Welcome aboard!</p>"),
    forgot_password(sms = "Reset your password in the app"),
)]
async fn handler() {}
