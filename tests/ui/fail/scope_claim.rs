use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims(scope = "openid admin"))]
async fn handler() {}
