use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups(add = ["readers", "admins"], allow = ["readers", "two words"], deny = ["x"]))]
async fn handler() {}
