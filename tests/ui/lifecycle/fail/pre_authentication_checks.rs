use cognito_triggers::pre_authentication;

#[pre_authentication(require_verified = ["email_verified", "given_name"], main = false)]
fn names() {}

#[pre_authentication(clients(allow = ["has space"], deny = ["x"]), main = false)]
fn clients() {}

#[pre_authentication(clients(), main = false)]
fn no_allow() {}

#[pre_authentication(message = "Verify your email first", main = false)]
fn message_without_checks() {}

#[pre_authentication(require_verified = ["email"], message = "  ")]
fn blank_message() {}
