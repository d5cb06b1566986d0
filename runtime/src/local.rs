//! Local mode: the generated binary run without `AWS_LAMBDA_RUNTIME_API`.

use std::io::Read;
use std::process::ExitCode;

use serde_json::Value;

use crate::trigger::{block_on, Trigger};
use crate::{sample_event, simulate, PreTokenGeneration, Tokens};

const USAGE: &str = "\
Runs this Cognito pre token generation trigger locally.

Usage: BINARY [--event PATH] [--claims]

  (no options)   run on a built-in sample event of the configured version and print the
                 response and the token claims Cognito would issue
  --event PATH   read the event from PATH (`-` reads stdin) and print exactly the JSON the
                 function returns to Cognito: the event with `response` filled in
  --claims       print the claims of the tokens Cognito would issue instead:
                 {\"id_token\": {..}, \"access_token\": {..}}
  --jwt          print those tokens signed RS256 with a key generated now, and the JWKS
                 that verifies them: {\"id_token\": \"eyJ..\", \"access_token\": .., \"jwks\": ..}
                 (needs the `jwt` feature of cognito-triggers)
  -h, --help     print this help

With AWS_LAMBDA_RUNTIME_API set (on Lambda, under `cargo lambda watch`) the binary serves
events from the Lambda runtime API instead.";

struct Options {
    event: Option<String>,
    claims: bool,
    jwt: bool,
}

fn parse(args: Vec<String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        event: None,
        claims: false,
        jwt: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--claims" => options.claims = true,
            "--jwt" => options.jwt = true,
            "--event" => {
                let path = args
                    .next()
                    .ok_or("`--event` needs a path (or `-` for stdin)")?;
                options.event = Some(path);
            }
            other => match other.strip_prefix("--event=") {
                Some(path) => options.event = Some(path.to_owned()),
                None => return Err(format!("unknown argument `{other}` (see --help)")),
            },
        }
    }
    Ok(Some(options))
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

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("<cannot print: {e}>"))
}

/// Runs the handler on `event` and returns the answered event and the simulated tokens.
/// The answered event as parsed JSON and the simulated tokens.
fn tokens(event: &str, answered: &[u8]) -> Result<(Value, Tokens), String> {
    let answered: Value = serde_json::from_slice(answered).map_err(|e| e.to_string())?;
    let decoded = PreTokenGeneration::from_json(event).map_err(|e| e.to_string())?;
    let response = answered.get("response").cloned().unwrap_or(Value::Null);
    let tokens = simulate(&decoded, &response).map_err(|e| format!("simulation: {e}"))?;
    Ok((answered, tokens))
}

#[cfg(feature = "jwt")]
fn signed(tokens: &Tokens) -> Result<String, String> {
    let key = crate::SigningKey::generate().map_err(|e| e.to_string())?;
    Ok(pretty(&key.sign_tokens(tokens).map_err(|e| e.to_string())?))
}

#[cfg(not(feature = "jwt"))]
fn signed(_: &Tokens) -> Result<String, String> {
    Err("`--jwt` needs the `jwt` feature: cognito-triggers = { version = \"0.1\", features = [\"jwt\"] }".into())
}

fn render(trigger: &Trigger, program: &str, options: &Options) -> Result<String, String> {
    let event = match &options.event {
        Some(path) => read_event(path)?,
        None => sample_event(trigger.version()).to_string(),
    };
    // The same path as the Lambda loop, so `--event` prints exactly what Lambda returns.
    let output = block_on(trigger.invoke_bytes(event.as_bytes())).map_err(|e| e.to_string())?;
    if options.event.is_some() && !options.claims && !options.jwt {
        return String::from_utf8(output).map_err(|e| e.to_string());
    }
    let (answered, tokens) = tokens(&event, &output)?;
    if options.jwt {
        return signed(&tokens);
    }
    if options.claims {
        return Ok(pretty(&tokens));
    }
    let source = answered
        .get("triggerSource")
        .and_then(Value::as_str)
        .unwrap_or("?");
    let mut out = format!(
        "{program}: `{}`, a pre token generation trigger for {}\nbuilt-in sample event: {source}, user {}\n\n",
        trigger.name(),
        trigger.version(),
        answered.get("userName").and_then(Value::as_str).unwrap_or("(none)"),
    );
    let response = answered.get("response").cloned().unwrap_or(Value::Null);
    out += &format!(
        "Response to Cognito:\n{}\n",
        pretty(&serde_json::json!({ "response": response }))
    );
    if let Some(id) = &tokens.id_token {
        out += &format!("\nID token claims:\n{}\n", pretty(id));
    } else {
        out += "\nNo ID token: a client credentials grant issues only an access token.\n";
    }
    out += &format!("\nAccess token claims:\n{}", pretty(&tokens.access_token));
    Ok(out)
}

pub(crate) fn run(trigger: &Trigger, mut args: Vec<String>) -> ExitCode {
    init_logging();
    crate::trigger::report_panics_at(tracing::Level::DEBUG);
    let program = if args.is_empty() {
        String::new()
    } else {
        args.remove(0)
    };
    let program = std::path::Path::new(&program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(trigger.name())
        .to_owned();
    let options = match parse(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", USAGE.replace("BINARY", &program));
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match render(trigger, &program, &options) {
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
fn init_logging() {
    let level =
        crate::log::level_from_env(&["RUST_LOG"], tracing::level_filters::LevelFilter::WARN);
    crate::log::LineLogger::install(level, false, true);
}
