use cognito_triggers::{post_authentication, pre_authentication};

#[post_authentication(require_verified = ["email"], main = false)]
fn after() {}

#[pre_authentication(triggers = ["SignIn", "PreAuthentication_Authentication"], require_verifed = ["email"])]
fn before() {}
