//! The generated Amplify handler with lambda_runtime's default `tracing-subscriber`
//! subscriber installed by `init` instead of this crate's own logger: what the logger saves.

use cognito_triggers::pre_token_generation;

fn setup() {
    lambda_runtime::tracing::init_default_subscriber();
}

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"), init = setup)]
async fn handler() {}
