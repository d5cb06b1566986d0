//! The Lambda runtime loop (`AWS_LAMBDA_RUNTIME_API` is set: Lambda or `cargo lambda watch`).

use std::process::ExitCode;

use lambda_runtime::{service_fn, LambdaEvent};
use tracing::level_filters::LevelFilter;

use super::event::RawEvent;
use super::log::{level_from_env, LineLogger};
use super::{block_on, report_panics_at, Router};

/// Serves events until the runtime API goes away. A failed event becomes a Lambda error
/// response (`errorType`, `errorMessage`) and the loop goes on with the next one.
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
    let served = block_on(lambda_runtime::run(service_fn(
        move |event: LambdaEvent<RawEvent>| async move {
            LineLogger::set_request_id(&event.context.request_id);
            router.invoke_raw(event.payload).await
        },
    )));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("the Lambda runtime stopped: {error}");
            ExitCode::FAILURE
        }
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
