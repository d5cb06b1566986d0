//! The chain a user pool drives: `cargo lambda watch --only-lambda-apis` (PyPI `cargo-lambda`,
//! pinned in `scripts/test`) serving the Lambda Invoke API that `cognito-local` calls by
//! function name, and our example bootstraps polling its runtime API, one per function name.
//! Shared by the chain suite (`tests/chain.rs`) and `local-pool` (`scripts/local-pool`); the
//! emulators themselves are `cognito_triggers_tests::{CognitoLocal, Moto}`.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use cognito_triggers_tests::{lambda_watch, CognitoLocal, Guard};

/// The folder holding the workspace's binaries of this build profile (`target/debug`): the
/// running executable's folder, or its parent when it is a test in `deps/`.
fn binaries() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.parent().map(Path::to_path_buf).unwrap_or(dir)
    } else {
        dir
    }
}

/// An example's bootstrap as the workspace build made it: `target/debug/<name>`.
pub fn example(name: &str) -> PathBuf {
    let path = binaries().join(name);
    assert!(
        path.is_file(),
        "{} is missing: build the examples first (`scripts/test` or `cargo test --workspace` \
         builds every one; `scripts/local-pool` builds the ones it serves)",
        path.display()
    );
    path
}

/// Copies a child's output into `log` until it closes.
fn drain(pipe: Option<impl Read + Send + 'static>, log: &Arc<Mutex<String>>) {
    let Some(pipe) = pipe else { return };
    let log = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if let Ok(mut log) = log.lock() {
                log.push_str(&line);
                log.push('\n');
            }
        }
    });
}

/// `cargo lambda watch --only-lambda-apis` on a free loopback port, and the bootstraps
/// started with [`LambdaApis::serve`]; everything is stopped when it drops.
pub struct LambdaApis {
    port: u16,
    invoke_port: u16,
    log: Arc<Mutex<String>>,
    bootstraps: Vec<Guard>,
    _watch: Guard,
}

impl LambdaApis {
    /// Starts the emulator from the workspace root (it knows the workspace's binary names);
    /// returns once it listens.
    pub fn start() -> LambdaApis {
        let (port, watch) = lambda_watch();
        LambdaApis {
            port,
            invoke_port: invoke_adapter(port),
            log: Arc::default(),
            bootstraps: Vec::new(),
            _watch: watch,
        }
    }

    /// `http://127.0.0.1:PORT`: cognito-local's `LambdaClient.endpoint` — the emulator's
    /// Invoke API behind [`invoke_adapter`].
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.invoke_port)
    }

    /// cognito-local's `LambdaClient` configuration (the AWS SDK for JavaScript's Lambda
    /// client options) for this emulator.
    pub fn lambda_client(&self) -> serde_json::Value {
        serde_json::json!({
            "endpoint": self.endpoint(),
            "region": "us-east-1",
            "credentials": {"accessKeyId": "local", "secretAccessKey": "local"}
        })
    }

    /// Starts `program` as the function `name` (the name cognito-local's `TriggerFunctions`
    /// gives), with `env` added to the Lambda environment; its log goes to [`LambdaApis::log`].
    pub fn serve(&mut self, name: &str, program: &Path, env: &[(&str, &str)]) {
        let mut child = Command::new(program)
            .env(
                "AWS_LAMBDA_RUNTIME_API",
                format!("http://127.0.0.1:{}/.rt/{name}", self.port),
            )
            .env("AWS_LAMBDA_FUNCTION_NAME", name)
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_LOG_LEVEL", "debug")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        drain(child.stdout.take(), &self.log);
        drain(child.stderr.take(), &self.log);
        self.bootstraps.push(Guard(child));
    }

    /// What the bootstraps have logged so far.
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for LambdaApis {
    fn drop(&mut self) {
        // The bootstraps before the emulator they poll.
        self.bootstraps.clear();
    }
}

/// Serves the Lambda Invoke API of the emulator at `port` on a new loopback port, as Lambda
/// answers it. Lambda answers an invocation whose function failed with `200` and
/// `X-Amz-Function-Error: Unhandled`, the error in the body; `cargo lambda watch` (1.9.2)
/// answers `500`, which the AWS SDK for JavaScript in cognito-local takes for a failed call
/// (`UnexpectedLambdaException`, and retries) instead of the function's refusal. Each request
/// goes through as it is (one per connection); that one answer is rewritten.
pub fn invoke_adapter(port: u16) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let adapter = listener.local_addr().map(|a| a.port()).expect("a port");
    std::thread::spawn(move || {
        for client in listener.incoming().map_while(Result::ok) {
            std::thread::spawn(move || {
                let _ = forward(client, port);
            });
        }
    });
    adapter
}

fn forward(mut client: TcpStream, port: u16) -> std::io::Result<()> {
    use std::io::Write;
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
        if !lower.starts_with("connection:") {
            head.push_str(&line);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let mut upstream = TcpStream::connect(("127.0.0.1", port))?;
    upstream.write_all(head.as_bytes())?;
    upstream.write_all(b"Connection: close\r\n\r\n")?;
    upstream.write_all(&body)?;
    let mut answer = Vec::new();
    upstream.read_to_end(&mut answer)?;
    let failed = answer.starts_with(b"HTTP/1.1 500");
    if failed && head.contains("/invocations") {
        let rest = answer
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&answer[..0], |i| &answer[i + 1..]);
        client.write_all(b"HTTP/1.1 200 OK\r\nX-Amz-Function-Error: Unhandled\r\n")?;
        client.write_all(rest)?;
    } else {
        client.write_all(&answer)?;
    }
    client.flush()
}

/// The standard AWS environment of a bootstrap whose SDK calls go to `endpoint`.
pub fn aws_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL", endpoint.to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ACCESS_KEY_ID", "local".to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "local".to_owned()),
        ("AWS_CONFIG_FILE", "/nonexistent".to_owned()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent".to_owned()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
    ]
}

/// `env` as the `(&str, &str)` pairs [`LambdaApis::serve`] takes.
pub fn borrowed<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The examples the main chain serves, by the cognito-local trigger each one is: pre sign-up
/// and post confirmation (`sign-in-suite`, one bootstrap), custom message, pre token
/// generation and user migration.
pub const TRIGGER_FUNCTIONS: [(&str, &str); 5] = [
    ("PreSignUp", "sign-in-suite"),
    ("PostConfirmation", "sign-in-suite"),
    ("CustomMessage", "custom-message"),
    ("PreTokenGeneration", "override-token"),
    ("UserMigration", "user-migration"),
];

/// Starts the main chain: the Lambda APIs, cognito-local calling them for
/// [`TRIGGER_FUNCTIONS`], and one bootstrap per example (`sign-in-suite`'s SDK calls go to
/// cognito-local).
pub fn start_main_chain() -> (LambdaApis, CognitoLocal) {
    let mut lambda = LambdaApis::start();
    let triggers: serde_json::Map<String, serde_json::Value> = TRIGGER_FUNCTIONS
        .iter()
        .map(|(trigger, name)| ((*trigger).to_owned(), (*name).into()))
        .collect();
    let emulator = CognitoLocal::start_with(serde_json::json!({
        "LambdaClient": lambda.lambda_client(),
        "TriggerFunctions": triggers,
    }));
    let env = aws_env(&emulator.endpoint());
    let mut names: Vec<&str> = TRIGGER_FUNCTIONS.iter().map(|(_, name)| *name).collect();
    names.dedup();
    for name in names {
        lambda.serve(name, &example(name), &borrowed(&env));
    }
    (lambda, emulator)
}

/// The fields of the message boxes cognito-local prints when it "delivers" a message
/// (`Username:`, `Code:`, `Email Subject:`, `Email Message:`, ..), oldest first. The box is
/// 80 columns wide: a value that runs over several rows (a long or multi-line message) is
/// joined with single spaces.
pub fn deliveries(log: &str) -> Vec<Vec<(String, String)>> {
    const FIELDS: [&str; 6] = [
        "Username",
        "Destination",
        "Code",
        "Email Subject",
        "Email Message",
        "SMS Message",
    ];
    log.split("Confirmation Code Delivery")
        .skip(1)
        .map(|message| {
            let rows = message.split('╰').next().unwrap_or_default();
            let mut fields: Vec<(String, String)> = Vec::new();
            for row in rows.split('│').map(str::trim).filter(|r| !r.is_empty()) {
                let field = FIELDS.iter().find_map(|f| {
                    let value = row.strip_prefix(f)?.strip_prefix(':')?;
                    Some((f.to_string(), value.trim().to_owned()))
                });
                match (field, fields.last_mut()) {
                    (Some(field), _) => fields.push(field),
                    (None, Some((_, value))) => {
                        value.push(' ');
                        value.push_str(row);
                    }
                    (None, None) => {}
                }
            }
            fields
        })
        .collect()
}

/// The value of `field` in the last message cognito-local delivered to `username`.
pub fn delivered(log: &str, username: &str, field: &str) -> Option<String> {
    deliveries(log)
        .into_iter()
        .rev()
        .find(|m| m.iter().any(|(f, v)| f == "Username" && v == username))?
        .into_iter()
        .find_map(|(f, v)| (f == field).then_some(v))
}

/// What a client of the emulated pool needs: the AWS SDK for Rust's Cognito client and a pool
/// to sign up to.
mod pool {
    use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_cognitoidentityprovider::types::{ExplicitAuthFlowsType, VerifiedAttributeType};
    use aws_sdk_cognitoidentityprovider::Client;

    /// A Cognito client of the pool emulator at `endpoint`.
    pub fn cognito(endpoint: &str) -> Client {
        Client::from_conf(
            aws_sdk_cognitoidentityprovider::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .endpoint_url(endpoint)
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new("local", "local", None, None, "chain"))
                .build(),
        )
    }

    /// A pool named `chain` that verifies email addresses, an app client with password
    /// sign-in, and the group `EVERYONE`.
    pub async fn create_pool(cognito: &Client) -> (String, String) {
        let pool = cognito
            .create_user_pool()
            .pool_name("chain")
            .auto_verified_attributes(VerifiedAttributeType::Email)
            .send()
            .await
            .expect("CreateUserPool");
        let pool = pool
            .user_pool()
            .and_then(|p| p.id())
            .expect("a pool id")
            .to_owned();
        let client = cognito
            .create_user_pool_client()
            .user_pool_id(&pool)
            .client_name("app")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .send()
            .await
            .expect("CreateUserPoolClient");
        let client = client
            .user_pool_client()
            .and_then(|c| c.client_id())
            .expect("a client id")
            .to_owned();
        cognito
            .create_group()
            .user_pool_id(&pool)
            .group_name("EVERYONE")
            .send()
            .await
            .expect("CreateGroup");
        (pool, client)
    }
}

pub use pool::{cognito, create_pool};
