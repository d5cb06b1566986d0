use cognito_triggers::custom_message;

#[custom_message(
    sign_up(email = "<style>p {color:red}</style> code {####}"),
    resend_code(sms = "Code {###}"),
    forgot_password(email = "Hi { given_name }, code {####"),
    authentication(sms = "{custom:} {####}"),
)]
async fn handler() {}
