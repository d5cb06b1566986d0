use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims(tier = 3, beta = true, roles = ["a"], plain = "fine"))]
async fn handler() {}
