use cognito_triggers::pre_token_generation;

// Every mistake of one attribute is reported in one compilation.
#[pre_token_generation(
    groups = ["has space"],
    claims(sub = "x", tier = 1, "cognito:foo" = "y"),
    suppress = ["exp"],
    triggers = ["Login"],
)]
async fn handler() {}
