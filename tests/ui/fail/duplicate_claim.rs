use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims(tier = "gold", "tier" = "silver"))]
async fn handler() {}
