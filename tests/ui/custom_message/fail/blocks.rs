use cognito_triggers::custom_message;

#[custom_message(
    sign_up(),
    sign_up(sms = "{####}"),
    forgot_pasword(sms = "{####}"),
    resend_code(email = "{####}", email_file = "welcome.html"),
    authentication(body = "{####}"),
    update_user_attribute(subject = "Line one\nline two"),
    verify_user_attribute(subject = "Code {####}"),
)]
async fn handler() {}
