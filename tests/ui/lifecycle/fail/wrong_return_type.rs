use cognito_triggers::{post_authentication, SignUp};

#[post_authentication]
fn handler() -> SignUp {
    SignUp::default()
}
