use cognito_triggers::pre_token_generation;

// `dev:` attributes can be suppressed, never added.
#[pre_token_generation(claims("dev:debug" = "1"), suppress = ["dev:internal"])]
async fn handler() {}
