use cognito_triggers::custom_message;

#[custom_message(
    sign_up(email = "Hi {usrname}, your code is {####}"),
    resend_code(sms = "Code {code}"),
    forgot_password(email = "Hi {favourite_colour}, code {####}"),
)]
async fn handler() {}
