use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups = ["a"], claims(x = "1"), groups = ["b"], id_token(claims(y = "2")))]
async fn handler() {}
