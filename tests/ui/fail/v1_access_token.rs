use cognito_triggers::pre_token_generation;

#[pre_token_generation(access_token(claims(tenant = "acme"), scopes(add = ["api/read"])))]
async fn handler() {}
