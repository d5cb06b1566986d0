//! Local mode: a bootstrap run without `AWS_LAMBDA_RUNTIME_API`.

use std::io::Read;
use std::process::ExitCode;

use super::{block_on, report_panics_at, AnyTrigger, Router};

struct Options {
    event: Option<String>,
    source: Option<String>,
    /// The trigger's own options (`--claims`).
    own: Vec<String>,
}

fn parse(
    args: Vec<String>,
    own: &[(&'static str, &'static str)],
) -> Result<Option<Options>, String> {
    let mut options = Options {
        event: None,
        source: None,
        own: Vec::new(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--event" => {
                let path = args
                    .next()
                    .ok_or("`--event` needs a path (or `-` for stdin)")?;
                options.event = Some(path);
            }
            "--source" => {
                options.source = Some(args.next().ok_or("`--source` needs a trigger source")?);
            }
            // An option of the trigger's own: `--claims`, or `--html PATH` with its value.
            other
                if own
                    .iter()
                    .any(|(name, _)| name.split(' ').next() == Some(other)) =>
            {
                let takes_value = own
                    .iter()
                    .any(|(name, _)| name.split_once(' ').is_some_and(|(n, _)| n == other));
                options.own.push(arg.clone());
                if takes_value {
                    let value = args
                        .next()
                        .ok_or_else(|| format!("`{arg}` needs a value (see --help)"))?;
                    options.own.push(value);
                }
            }
            other => match other.strip_prefix("--event=") {
                Some(path) => options.event = Some(path.to_owned()),
                None => return Err(format!("unknown argument `{other}` (see --help)")),
            },
        }
    }
    Ok(Some(options))
}

fn usage(router: &Router<'_>, program: &str) -> String {
    let triggers = router.triggers();
    let sources: Vec<&str> = triggers
        .iter()
        .flat_map(|t| t.local().sample_sources().iter().copied())
        .collect();
    let own: Vec<(&str, &str)> = triggers
        .iter()
        .flat_map(|t| t.local().options().iter().copied())
        .collect();
    let names: Vec<String> = triggers
        .iter()
        .map(|t| format!("`{}` ({})", t.common().name(), t.kind().title))
        .collect();
    let mut out = format!(
        "Runs this Cognito trigger locally: {}.\n\nUsage: {program} [--event PATH]",
        names.join(", ")
    );
    if sources.len() > 1 {
        out += " [--source NAME]";
    }
    for (name, _) in &own {
        out += &format!(" [{name}]");
    }
    out += "\n\n  (no options)   run on a built-in sample event and print the answer and what it\n                 means for the user";
    out += "\n  --event PATH   read the event from PATH (`-` reads stdin) and print exactly the JSON the\n                 function returns to Cognito: the event with `response` filled in";
    if sources.len() > 1 {
        out += &format!(
            "\n  --source NAME  the sample event of another trigger source: {}",
            sources.join(", ")
        );
    }
    for (name, help) in &own {
        out += &format!("\n  {name:<14} {help}");
    }
    out += "\n  -h, --help     print this help\n\nWith AWS_LAMBDA_RUNTIME_API set (on Lambda, under `cargo lambda watch`) the binary serves\nevents from the Lambda runtime API instead.";
    out
}

/// The event's text, as read: it goes through the same raw path as on Lambda.
fn read_event(path: &str) -> Result<String, String> {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| format!("cannot read the event from `{path}`: {e}"))?;
    Ok(text)
}

/// The sample event of `source` (short or full name), or of the first trigger.
fn sample(
    router: &Router<'_>,
    source: Option<&str>,
) -> Result<(&'static dyn AnyTrigger, String), String> {
    let triggers = router.triggers();
    let Some(wanted) = source else {
        let first = triggers[0];
        let source = first
            .local()
            .sample_sources()
            .first()
            .copied()
            .unwrap_or("");
        let event = first.local().sample(source).unwrap_or_default();
        return Ok((first, event));
    };
    for trigger in triggers {
        let prefix = trigger.kind().source_prefix;
        let short = wanted.strip_prefix(prefix).unwrap_or(wanted);
        if let Some(event) = trigger.local().sample(short) {
            return Ok((*trigger, event));
        }
    }
    let known: Vec<&str> = triggers
        .iter()
        .flat_map(|t| t.local().sample_sources().iter().copied())
        .collect();
    Err(format!(
        "no sample event for `{wanted}`; the samples are: {}",
        known.join(", ")
    ))
}

fn render(router: &Router<'_>, options: &Options) -> Result<String, String> {
    let (trigger, event) = match &options.event {
        // The same path as the Lambda loop (routing included), so `--event` prints exactly
        // what Lambda returns.
        Some(path) if options.own.is_empty() => {
            let event = read_event(path)?;
            let answer =
                block_on(router.invoke_payload(event.as_bytes())).map_err(|e| e.to_string())?;
            return Ok(answer.get().to_owned());
        }
        Some(path) => {
            let event = read_event(path)?;
            let source = serde_json::from_str::<serde_json::Value>(&event)
                .ok()
                .and_then(|v| v.get("triggerSource")?.as_str().map(str::to_owned))
                .unwrap_or_default();
            match router.route(&source) {
                Some(trigger) => (trigger, event),
                None => return Err(format!("no trigger of this bootstrap handles `{source}`")),
            }
        }
        None => sample(router, options.source.as_deref())?,
    };
    let report = trigger.local().report(&event, &options.own)?;
    match (router.triggers(), &options.source, &options.event) {
        (all @ [_, _, ..], None, None) => {
            let names: Vec<String> = all
                .iter()
                .map(|t| format!("`{}` ({})", t.common().name(), t.kind().title))
                .collect();
            Ok(format!(
                "This bootstrap serves {}; the first one's sample (`--source NAME` for another):\n\n{report}",
                names.join(", ")
            ))
        }
        _ => Ok(report),
    }
}

/// What local mode prints for a trigger without response fields: the refusal as the error
/// line, or `accepted` (what happens next for the user).
pub(crate) fn report_outcome(
    trigger: &(dyn AnyTrigger + 'static),
    event: &str,
    accepted: &str,
) -> Result<String, String> {
    block_on(trigger.handle_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
    let parsed: serde_json::Value = serde_json::from_str(event).map_err(|e| e.to_string())?;
    let text = |key: &str| {
        parsed
            .get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("(none)")
            .to_owned()
    };
    Ok(format!(
        "`{}`, a {} trigger\nevent: {}, user {}\n\nThe event goes back to Cognito unchanged: {accepted}",
        trigger.common().name(),
        trigger.kind().title,
        text("triggerSource"),
        text("userName"),
    ))
}

/// Local mode for the triggers of one bootstrap.
pub(crate) fn run(router: &Router<'_>, mut args: Vec<String>) -> ExitCode {
    super::LOCAL_MODE.store(true, std::sync::atomic::Ordering::Relaxed);
    // `init` first: a subscriber it installs wins over this crate's logger.
    for trigger in router.triggers() {
        trigger.run_init();
    }
    init_logging();
    report_panics_at(tracing::Level::DEBUG);
    let program = if args.is_empty() {
        String::new()
    } else {
        args.remove(0)
    };
    let program = std::path::Path::new(&program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(router.triggers()[0].common().name())
        .to_owned();
    let own: Vec<(&'static str, &'static str)> = router
        .triggers()
        .iter()
        .flat_map(|t| t.local().options().iter().copied())
        .collect();
    let options = match parse(args, &own) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", usage(router, &program));
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match render(router, &options) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

/// Warnings and errors go to stderr, so stdout holds only the answer.
pub(crate) fn init_logging() {
    let level =
        super::log::level_from_env(&["RUST_LOG"], tracing::level_filters::LevelFilter::WARN);
    super::log::LineLogger::install(level, false, true);
}
