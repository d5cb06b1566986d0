use cognito_triggers::pre_token_generation;

#[pre_token_generation(
    groups = ["admins"],
    iam_roles = ["arn:aws:iam::123:role/short-account", "arn:aws:iam::123456789012:role/admin"],
    preferred_role = "arn:aws:iam::123456789012:role/other",
)]
async fn handler() {}
