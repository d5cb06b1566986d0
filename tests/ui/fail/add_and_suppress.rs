use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims(email = "masked@example.com"), suppress = ["email"])]
async fn handler() {}
