//! `handwritten-sdk` with the logging most Rust Lambda functions have: lambda_runtime's default
//! `tracing-subscriber` subscriber. The fair baseline for the size and memory of a bootstrap
//! that logs, as the generated one does (the SDK's own `tracing` events stay in a binary only
//! when a subscriber can be installed).

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    cognito_triggers_bench::sdk::serve_post_confirmation().await
}
