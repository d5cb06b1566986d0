use cognito_triggers::custom_message;

#[custom_message(
    sign_up(sms = "Code {####}"),
    locale(es, forgot_password(sms = "Código {####}")),
    triggers = ["SignUp", "CustomMessage_ResendCode"],
)]
async fn handler() {}
