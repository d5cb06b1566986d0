use cognito_triggers::pre_token_generation;

#[pre_token_generation(suppress = ["email", "aud", "cognito:username"])]
async fn handler() {}
