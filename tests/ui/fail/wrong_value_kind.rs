use cognito_triggers::pre_token_generation;

#[pre_token_generation(version = 2, groups = "admins", main = "no", suppress = "email", init = "setup")]
async fn handler() {}
