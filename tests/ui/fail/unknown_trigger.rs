use cognito_triggers::pre_token_generation;

#[pre_token_generation(triggers = ["Authentication", "TokenGeneration_RefreshTokens", "SignUp"])]
async fn handler() {}
