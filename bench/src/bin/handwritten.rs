//! The hand-written baseline bootstrap: the Amplify page's handler on `aws_lambda_events`
//! types, as a Rust user writes it today.

use cognito_triggers_bench::handwritten_v1;
use lambda_runtime::{service_fn, LambdaEvent};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::run(service_fn(|event: LambdaEvent<_>| {
        handwritten_v1(event.payload)
    }))
    .await
}
