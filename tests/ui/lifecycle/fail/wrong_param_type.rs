use cognito_triggers::{pre_authentication, PreSignUp};

#[pre_authentication]
fn handler(event: &PreSignUp) {
    let _ = event;
}
