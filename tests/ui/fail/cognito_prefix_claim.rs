use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims("cognito:user_status" = "CONFIRMED"), suppress = ["cognito:roles"])]
async fn handler() {}
