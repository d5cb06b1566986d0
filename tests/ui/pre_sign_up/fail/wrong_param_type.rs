use cognito_triggers::{pre_sign_up, PreTokenGeneration};

#[pre_sign_up]
fn handler(_event: &PreTokenGeneration) {}
