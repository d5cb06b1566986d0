//! The Lambda runtime loop (`AWS_LAMBDA_RUNTIME_API` is set: Lambda or `cargo lambda watch`).

use std::process::ExitCode;
use std::task;

use bytes::Bytes;
use lambda_runtime::tower::{Layer, Service};
use lambda_runtime::{layers::TracingLayer, service_fn, LambdaEvent, LambdaInvocation, Runtime};
use tracing::level_filters::LevelFilter;

use super::error::TriggerError;
use super::log::{level_from_env, LineLogger};
use super::{block_on, report_panics_at, Router};

tokio::task_local! {
    /// The payload of the invocation being handled, as the runtime API delivered it.
    static PAYLOAD: Bytes;
}

/// Serves events until the runtime API goes away. A failed event becomes a Lambda error
/// response (`errorType`, `errorMessage`) and the loop goes on with the next one.
///
/// `lambda_runtime` decodes each payload into the handler's event type through
/// `serde_path_to_error`, which must own what it decodes: an event would then be copied member
/// by member out of the payload. [`TakePayload`] hands the payload's bytes to the handler
/// instead, which reads the event in place ([`Router::invoke_payload`]); `lambda_runtime` is
/// left `null` to decode. BENCHMARKS.md, "Sixth round: the payload read in place".
pub(crate) fn run(router: Router<'_>) -> ExitCode {
    // `init` first: a subscriber it installs wins over this crate's logger.
    for trigger in router.triggers() {
        trigger.run_init();
    }
    init_logging();
    report_panics_at(tracing::Level::ERROR);
    for trigger in router.triggers() {
        trigger.cold_start();
    }
    let router = &router;
    // lambda_runtime logs each failed invocation and reports it to the runtime API.
    let handler = service_fn(move |event: LambdaEvent<()>| async move {
        LineLogger::set_request_id(&event.context.request_id);
        let payload = PAYLOAD
            .try_with(Bytes::clone)
            .map_err(|_| TriggerError::internal("the invocation's payload is missing"))?;
        router.invoke_payload(&payload).await
    });
    let runtime = Runtime::new(handler)
        .layer(TakePayloadLayer)
        .layer(TracingLayer::new());
    match block_on(runtime.run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("the Lambda runtime stopped: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Takes each invocation's payload out of what `lambda_runtime` decodes, for the handler to
/// read in place: the payload is set aside for the handler's future while it runs.
struct TakePayloadLayer;

impl<S> Layer<S> for TakePayloadLayer {
    type Service = TakePayload<S>;

    fn layer(&self, inner: S) -> TakePayload<S> {
        TakePayload(inner)
    }
}

/// See [`TakePayloadLayer`].
struct TakePayload<S>(S);

impl<S: Service<LambdaInvocation>> Service<LambdaInvocation> for TakePayload<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = tokio::task::futures::TaskLocalFuture<Bytes, S::Future>;

    fn poll_ready(&mut self, cx: &mut task::Context<'_>) -> task::Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, mut invocation: LambdaInvocation) -> Self::Future {
        let payload = std::mem::replace(&mut invocation.body, Bytes::from_static(b"null"));
        PAYLOAD.scope(payload, self.0.call(invocation))
    }
}

/// Logs to stdout (CloudWatch), as JSON when the function's log format is JSON, at the level
/// of `AWS_LAMBDA_LOG_LEVEL` or `RUST_LOG` (a level name; default `info`). Does nothing when
/// the `init` functions already installed a subscriber.
fn init_logging() {
    let level = level_from_env(&["AWS_LAMBDA_LOG_LEVEL", "RUST_LOG"], LevelFilter::INFO);
    let json = std::env::var("AWS_LAMBDA_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    LineLogger::install(level, json, false);
}
