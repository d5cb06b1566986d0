use cognito_triggers::{pre_token_generation, PreTokenGeneration};

#[pre_token_generation(groups = ["admins"])]
async fn handler(event: &PreTokenGeneration, extra: u32) {}
