use cognito_triggers::pre_token_generation;

#[pre_token_generation(version = "V2_0", access_token(claims(aud = "https://api.example.com")))]
async fn handler() {}
