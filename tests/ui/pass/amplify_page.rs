use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"))]
async fn handler() {}
