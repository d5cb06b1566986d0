use cognito_triggers::custom_message;

// Paths are relative to the crate's Cargo.toml; trybuild's crate sits in target/tests/trybuild.
#[custom_message(
    sign_up(email_file = "templates/missing.html"),
    resend_code(email_file = "../../../../tests/ui/custom_message/templates/too-long.html"),
    forgot_password(email_file = "../../../../tests/ui/custom_message/templates/bad-placeholder.html"),
)]
async fn handler() {}
