use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims("" = "nameless"), suppress = [""])]
async fn handler() {}
