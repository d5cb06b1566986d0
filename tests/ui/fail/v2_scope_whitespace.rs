use cognito_triggers::pre_token_generation;

#[pre_token_generation(
    version = "V2_0",
    access_token(scopes(add = ["api/read api/write"], suppress = ["phone"])),
)]
async fn handler() {}
