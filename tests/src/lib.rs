//! Test-only triggers live in `src/bin`; the suites are in `tests/`. What the suites and the
//! examples' tests share is here.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Kills and reaps its process on drop, also when an assertion fails.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cargo lambda watch --only-lambda-apis` (the Lambda runtime API and Invoke API
/// emulator; `scripts/test` installs cargo-lambda) from the workspace root on a free loopback
/// port and returns that port once it listens, with the guard that stops it.
pub fn lambda_watch() -> (u16, Guard) {
    let port = free_port();
    let watch = Command::new("cargo")
        .args([
            "lambda",
            "watch",
            "--only-lambda-apis",
            "--invoke-address",
            "127.0.0.1",
        ])
        .args(["--invoke-port", &port.to_string()])
        .current_dir(repository_root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cargo-lambda must be installed: scripts/test installs it into .venv");
    let watch = Guard(watch);
    wait_for_listener(port, "cargo lambda watch");
    (port, watch)
}

/// A free loopback port.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until something accepts connections on `port`, at most 60 s.
fn wait_for_listener(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not listen within 60 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

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

/// `cognito-local`, the Cognito user pool emulator (npm, pinned in `emulators/package-lock.json`),
/// installed on first use and running on a free loopback port until dropped.
pub struct CognitoLocal {
    _child: Guard,
    port: u16,
    log: std::sync::Arc<std::sync::Mutex<String>>,
    _dir: TempDir,
}

/// A directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repository_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default()
}

/// `emulators/node_modules`, installed from the lockfile (`npm ci`) when missing.
pub fn emulators() -> std::path::PathBuf {
    let dir = repository_root().join("emulators");
    let installed = ["cognito-local", "@aws-crypto/client-node"]
        .iter()
        .all(|package| {
            dir.join("node_modules")
                .join(package)
                .join("package.json")
                .exists()
        });
    if !installed {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm in {}: {e}", dir.display()));
        assert!(status.success(), "npm ci in {} failed", dir.display());
    }
    dir.join("node_modules")
}

impl CognitoLocal {
    /// Installs (first time) and starts the emulator with pools that, like Cognito's, take
    /// plain usernames (cognito-local's own default is email addresses); returns once it
    /// listens.
    pub fn start() -> CognitoLocal {
        CognitoLocal::start_with(serde_json::json!({}))
    }

    /// [`CognitoLocal::start`] with more of cognito-local's configuration (`.cognito/config.json`:
    /// `TriggerFunctions`, `LambdaClient`, `KMSConfig`, ..).
    pub fn start_with(mut config: serde_json::Value) -> CognitoLocal {
        use std::io::{BufRead, BufReader};
        let start = emulators().join("cognito-local/lib/bin/start.js");
        let port = free_port();
        // cognito-local keeps its pools in `.cognito/` under its working directory.
        let dir = std::env::temp_dir().join(format!("cognito-local-{}-{port}", std::process::id()));
        std::fs::create_dir_all(dir.join(".cognito")).expect("a directory for cognito-local");
        if let Some(object) = config.as_object_mut() {
            object
                .entry("UserPoolDefaults")
                .or_insert_with(|| serde_json::json!({ "UsernameAttributes": [] }));
        }
        std::fs::write(dir.join(".cognito/config.json"), config.to_string())
            .expect("cognito-local's configuration");
        let mut child = Command::new("node")
            .arg(&start)
            .current_dir(&dir)
            .env("PORT", port.to_string())
            .env("HOST", "127.0.0.1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start cognito-local: {e}"));
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines
            .by_ref()
            .map_while(Result::ok)
            .any(|line| line.contains("Cognito Local running on"));
        assert!(ready, "cognito-local exited before it listened");
        // Keep reading its log so that it never blocks on a full pipe, and keep it: the
        // messages cognito-local "delivers" are printed there.
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Ok(mut log) = kept.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
        CognitoLocal {
            _child: Guard(child),
            port,
            log,
            _dir: TempDir(dir),
        }
    }

    /// `http://127.0.0.1:PORT`, the value of `AWS_ENDPOINT_URL`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything cognito-local has printed since it started listening (its JSON log lines:
    /// the messages it delivers, the Lambda invocations it makes and their errors).
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// moto in server mode (PyPI `moto[server]`, pinned in `scripts/test`, which installs it into
/// `.venv`): KMS and SES on a free loopback port until dropped.
pub struct Moto {
    _child: Guard,
    port: u16,
}

impl Moto {
    /// Starts `.venv/bin/moto_server`; returns once it accepts connections.
    pub fn start() -> Moto {
        let server = repository_root().join(".venv/bin/moto_server");
        assert!(
            server.exists(),
            "{} is missing: `scripts/test` installs moto into .venv",
            server.display()
        );
        let port = free_port();
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start moto: {e}"));
        let moto = Moto {
            _child: Guard(child),
            port,
        };
        wait_for_listener(port, "moto");
        moto
    }

    /// `http://127.0.0.1:PORT`, the value of `AWS_ENDPOINT_URL`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// Runs `emulators/esdk-encrypt.mjs`: `plaintext` encrypted like Cognito does, by the
/// JavaScript Encryption SDK through the KMS at `endpoint`; the base64 ciphertext.
pub fn encrypt_with_javascript(
    key_arn: &str,
    pool_id: &str,
    plaintext: &str,
    endpoint: &str,
) -> String {
    emulators();
    let script = repository_root().join("emulators/esdk-encrypt.mjs");
    let output = Command::new("node")
        .arg(&script)
        .args([key_arn, pool_id, plaintext, endpoint])
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    assert!(
        output.status.success(),
        "esdk-encrypt.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("base64")
        .trim()
        .to_owned()
}
