use cognito_triggers::pre_token_generation;

#[pre_token_generation(version = "V4_0", claims(tier = "gold"))]
async fn handler() {}
