use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups = [
    "",
    "two words",
    "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
    "ok",
    "ok",
])]
async fn handler() {}
