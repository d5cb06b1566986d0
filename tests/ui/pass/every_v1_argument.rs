use cognito_triggers::pre_token_generation;

fn setup() {}

#[pre_token_generation(
    version = "V1_0",
    groups(add = ["editors"], remove = ["guests"], allow = ["editors", "reviewers"]),
    iam_roles = ["arn:aws:iam::123456789012:role/editor", "arn:aws:iam::123456789012:role/viewer"],
    preferred_role = "arn:aws:iam::123456789012:role/editor",
    claims(tier = "gold", "custom:tenant" = attr("custom:tenant", default = "none"), org = attr("custom:org")),
    suppress = ["phone_number", "dev:internal", "cognito:groups"],
    triggers = ["Authentication", "RefreshTokens"],
    init = setup,
    crate = "cognito_triggers",
)]
async fn handler() {}
