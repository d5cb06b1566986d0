use cognito_triggers::pre_token_generation;

#[pre_token_generation(claims(sub = "someone-else", iss = "https://evil.example"))]
async fn handler() {}
