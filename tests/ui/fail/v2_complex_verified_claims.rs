use cognito_triggers::pre_token_generation;

#[pre_token_generation(
    version = "V2_0",
    claims(email_verified = {"value": true}, address = ["1 Main St"], updated_at = 1700000000),
)]
async fn handler() {}
