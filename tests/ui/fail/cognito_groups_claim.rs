use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims("cognito:groups" = "admins"))]
async fn handler() {}
