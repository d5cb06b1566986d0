//! Test-only triggers live in `src/bin`; the suites are in `tests/`. What the suites and the
//! examples' tests share is here.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs a trigger binary in local mode (no `AWS_LAMBDA_RUNTIME_API`) with `args`, `stdin` on
/// its standard input, and returns what it printed and its exit status.
pub fn run_local(binary: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(binary)
        .args(args)
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // A binary that exits before reading closes the pipe: that is its answer, not an error.
        let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{binary} did not finish: {e}"))
}

/// The UTC date `days` from today, `years` earlier, as `YYYY-MM-DD` (a `birthdate`); `None`
/// when that day does not exist (29 February in another year).
pub fn birthdate(years: i32, days: i64) -> Option<String> {
    use cognito_triggers::rules::pre_sign_up::Date;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = Date::from_unix(now.saturating_add_signed(days * 86_400));
    let text = format!("{:04}-{:02}-{:02}", day.year - years, day.month, day.day);
    Date::parse(&text).map(|_| text)
}
