//! The hand-written baseline of `add-user-to-group` (`bench/src/sdk.rs`), with no logger.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    cognito_triggers_bench::sdk::serve_post_confirmation().await
}
