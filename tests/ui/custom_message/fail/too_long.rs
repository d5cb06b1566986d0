use cognito_triggers::custom_message;

#[custom_message(
    sign_up(sms = "Welcome to Acme Corporation! We are delighted to have you with us. To finish signing up, please enter this confirmation code in the app: {####}"),
    forgot_password(subject = "Your Acme Corporation password reset request: please read this message carefully, as it holds the one-time code that you asked us for a moment ago", email = "Code {####}"),
)]
async fn handler() {}
