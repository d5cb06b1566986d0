use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups = ["admins"])]
async fn handler() -> String {
    String::new()
}
