use cognito_triggers::pre_token_generation;

#[pre_token_generation(supress = ["email"], group = ["admins"], colour = "blue")]
async fn handler() {}
