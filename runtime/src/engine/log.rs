//! A small `tracing` subscriber: one line per event, text or JSON, to stdout (Lambda) or
//! stderr (local mode). Spans are not recorded.
//!
//! Every line on Lambda carries the invocation's request id (`requestId`), as
//! lambda_runtime's request span would with `tracing-subscriber`. It replaces
//! `tracing-subscriber` in the bootstrap; the measured difference is in `BENCHMARKS.md`
//! ("Logger").

use std::fmt::{Debug, Write as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::{span, Event, Metadata, Subscriber};

/// Where log lines go and how they look.
pub(crate) struct LineLogger {
    max: LevelFilter,
    json: bool,
    stderr: bool,
    next_span: AtomicU64,
}

/// The request id of the invocation being served (one at a time).
static REQUEST_ID: Mutex<String> = Mutex::new(String::new());

impl LineLogger {
    /// Sets the request id that the following log lines carry.
    pub(crate) fn set_request_id(id: &str) {
        if let Ok(mut current) = REQUEST_ID.lock() {
            current.clear();
            current.push_str(id);
        }
    }

    /// Installs the logger as the global default, unless a subscriber is already set (for
    /// example by the trigger's `init` function).
    pub(crate) fn install(max: LevelFilter, json: bool, stderr: bool) {
        let logger = LineLogger {
            max,
            json,
            stderr,
            next_span: AtomicU64::new(1),
        };
        let _ = tracing::subscriber::set_global_default(logger);
    }

    fn line(&self, event: &Event<'_>) -> String {
        let metadata = event.metadata();
        let mut fields = Fields {
            withhold_payloads: metadata.target().starts_with("lambda_runtime"),
            ..Fields::default()
        };
        event.record(&mut fields);
        if let Ok(id) = REQUEST_ID.lock() {
            if !id.is_empty() {
                fields.values.push(("requestId", id.clone()));
            }
        }
        if self.json {
            let mut object = serde_json::Map::new();
            object.insert("level".into(), metadata.level().as_str().into());
            object.insert("message".into(), fields.message.into());
            for (name, value) in fields.values {
                object.insert(name.into(), value.into());
            }
            object.insert("target".into(), metadata.target().into());
            serde_json::Value::Object(object).to_string()
        } else {
            let mut line = format!("{:>5} {}", metadata.level().as_str(), fields.message);
            for (name, value) in fields.values {
                let _ = write!(line, " {name}={value}");
            }
            line
        }
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    values: Vec<(&'static str, String)>,
    /// Set for lambda_runtime's own events, whose `body`/`payload` fields would carry the whole
    /// event (at TRACE it logs every "raw JSON event received"): user attributes, passwords,
    /// codes. Those fields are written as `<withheld>`.
    withhold_payloads: bool,
}

/// The fields of lambda_runtime's events that hold an invocation's data.
const PAYLOAD_FIELDS: [&str; 2] = ["body", "payload"];

impl Fields {
    fn push(&mut self, field: &Field, value: String) {
        let value = match self.withhold_payloads && PAYLOAD_FIELDS.contains(&field.name()) {
            true => "<withheld: it holds the user's data>".to_owned(),
            false => value,
        };
        self.values.push((field.name(), value));
    }
}

// Numbers and booleans are written with `Display` (integers) and serde_json (floats) rather
// than the `Debug` fallback of `Visit`: `Debug` for floats links its own formatting machinery.
impl Visit for Fields {
    fn record_f64(&mut self, field: &Field, value: f64) {
        let text = serde_json::Number::from_f64(value).map_or_else(
            || {
                if value.is_nan() {
                    "NaN"
                } else if value > 0.0 {
                    "inf"
                } else {
                    "-inf"
                }
                .to_owned()
            },
            |n| n.to_string(),
        );
        self.record_str(field, &text);
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.record_str(field, &value.to_string());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.record_str(field, &value.to_string());
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        self.record_str(field, &value.to_string());
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        self.record_str(field, &value.to_string());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.record_str(field, if value { "true" } else { "false" });
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            self.push(field, value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            self.push(field, format!("{value:?}"));
        }
    }
}

impl Subscriber for LineLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.max >= *metadata.level()
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(self.max)
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed))
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = self.line(event);
        line.push('\n');
        // A log line that cannot be written is dropped: logging never fails an invocation.
        let _ = if self.stderr {
            std::io::stderr().lock().write_all(line.as_bytes())
        } else {
            std::io::stdout().lock().write_all(line.as_bytes())
        };
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}

/// The first of `vars` that holds a level name (`error`, `warn`, `info`, `debug`, `trace`,
/// `off`), or `default`.
pub(crate) fn level_from_env(vars: &[&str], default: LevelFilter) -> LevelFilter {
    vars.iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|value| value.trim().parse().ok())
        .unwrap_or(default)
}
