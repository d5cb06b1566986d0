//! The Amplify Gen 2 "Override ID token claims" handler, in one attribute: the user's groups
//! become `["amplify_group_1"]` and the ID token gets `amplfy_attribute: "amplify_gen_2"`.
//!
//! `cargo run -p override-token` runs it on a sample event and prints the response and the ID
//! token; `cargo lambda build --release -p override-token` builds the Lambda `bootstrap`.

use cognito_triggers::pre_token_generation;

#[pre_token_generation(groups = ["amplify_group_1"], claims(amplfy_attribute = "amplify_gen_2"))]
async fn handler() {}
