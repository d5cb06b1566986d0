//! The hand-written baseline of the `senders` rows (`bench/src/senders.rs`), with no logger.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    cognito_triggers_bench::senders::serve_email_sender().await
}
