//! The hand-written baseline with logging as most Rust Lambda functions have it:
//! lambda_runtime's default `tracing-subscriber` subscriber (text or JSON by
//! `AWS_LAMBDA_LOG_FORMAT`, the level from `AWS_LAMBDA_LOG_LEVEL`/`RUST_LOG`, the request id
//! from lambda_runtime's span).

use cognito_triggers_bench::handwritten_v1;
use lambda_runtime::{service_fn, LambdaEvent};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    lambda_runtime::run(service_fn(|event: LambdaEvent<_>| {
        handwritten_v1(event.payload)
    }))
    .await
}
