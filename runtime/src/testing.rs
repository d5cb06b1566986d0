//! Testing helpers (feature `testing`): a Lambda runtime API on loopback that feeds a
//! bootstrap events and collects its answers, for soak tests and cold-start measurements of
//! the real binary.
//!
//! ```no_run
//! use cognito_triggers::testing::RuntimeApi;
//!
//! let api = RuntimeApi::bind().unwrap();
//! let mut bootstrap = api.command("target/lambda/override-token/bootstrap").spawn().unwrap();
//! let mut session = api.accept(&mut bootstrap, std::time::Duration::from_secs(10)).unwrap();
//! let answer = session.invoke(br#"{"version":"1","request":{}}"#).unwrap();
//! assert!(answer.is_success());
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A runtime API listening on a free loopback port.
pub struct RuntimeApi {
    listener: TcpListener,
}

/// A bootstrap connected to a [`RuntimeApi`], served one event per [`Session::invoke`]. Every
/// connection the bootstrap opens is read on its own thread, so a client that spreads its
/// requests over several connections is served in order.
pub struct Session {
    requests: Receiver<io::Result<Request>>,
    pending_next: Option<TcpStream>,
    served: u64,
    timeout: Duration,
    answered_at: Option<Instant>,
}

struct Request {
    line: String,
    body: Vec<u8>,
    reply: TcpStream,
}

/// What the bootstrap answered.
#[derive(Debug)]
pub enum Answer {
    /// `POST /runtime/invocation/{id}/response` with this body.
    Response(Vec<u8>),
    /// `POST /runtime/invocation/{id}/error` with this body (`errorType`, `errorMessage`).
    Error(Vec<u8>),
}

impl Answer {
    /// Whether the invocation succeeded.
    pub fn is_success(&self) -> bool {
        matches!(self, Answer::Response(_))
    }

    /// The body the bootstrap posted.
    pub fn body(&self) -> &[u8] {
        match self {
            Answer::Response(body) | Answer::Error(body) => body,
        }
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<(String, Vec<u8>)> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the bootstrap closed the connection",
        ));
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((line.trim_end().to_owned(), body))
}

impl RuntimeApi {
    /// Listens on `127.0.0.1` on a free port.
    pub fn bind() -> io::Result<RuntimeApi> {
        Ok(RuntimeApi {
            listener: TcpListener::bind("127.0.0.1:0")?,
        })
    }

    /// `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> io::Result<String> {
        Ok(self.listener.local_addr()?.to_string())
    }

    /// A command for `program` with the Lambda environment pointing at this API.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("AWS_LAMBDA_RUNTIME_API", self.address().unwrap_or_default())
            .env("AWS_LAMBDA_FUNCTION_NAME", "test")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
        command
    }

    /// Waits for `child` to connect; fails when it exits first or `timeout` passes.
    pub fn accept(self, child: &mut Child, timeout: Duration) -> io::Result<Session> {
        // The listener accepts on a thread of its own and hands the first connection over; this
        // thread wakes as soon as it arrives, and every millisecond to see whether the child
        // has exited.
        let (accepted, first) = mpsc::channel();
        let listener = self.listener;
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepted.send(stream).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + timeout;
        let first_stream = loop {
            match first.recv_timeout(Duration::from_millis(1)) {
                Ok(stream) => break stream?,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if child.try_wait()?.is_some() {
                        return Err(io::Error::other(
                            "the bootstrap exited before calling the runtime API",
                        ));
                    }
                    if Instant::now() > deadline {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "the bootstrap did not call the runtime API",
                        ));
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(io::Error::other("the runtime API stopped listening"))
                }
            }
        };
        let (sender, requests) = mpsc::channel();
        serve_connection(first_stream, sender.clone())?;
        std::thread::spawn(move || {
            for stream in first {
                let Ok(stream) = stream else { break };
                if serve_connection(stream, sender.clone()).is_err() {
                    break;
                }
            }
        });
        Ok(Session {
            requests,
            pending_next: None,
            served: 0,
            timeout,
            answered_at: None,
        })
    }
}

/// Reads requests from one connection on a thread of its own.
fn serve_connection(stream: TcpStream, sender: Sender<io::Result<Request>>) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_nodelay(true)?;
    let reply = stream.try_clone()?;
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        loop {
            let request = read_request(&mut reader).and_then(|(line, body)| {
                Ok(Request {
                    line,
                    body,
                    reply: reply.try_clone()?,
                })
            });
            match request {
                Ok(request) => {
                    if sender.send(Ok(request)).is_err() {
                        break;
                    }
                }
                // A closed connection is normal: the client opens another.
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                Err(e) => {
                    let _ = sender.send(Err(e));
                    break;
                }
            }
        }
    });
    Ok(())
}

impl Session {
    /// Hands `event` to the bootstrap's next `GET /next` and returns what it posts back.
    pub fn invoke(&mut self, event: &[u8]) -> io::Result<Answer> {
        let mut reply = match self.pending_next.take() {
            Some(reply) => reply,
            None => self.expect_next()?,
        };
        self.served += 1;
        let deadline = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
            + 60_000;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
             Lambda-Runtime-Aws-Request-Id: request-{}\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\n\
             Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:test\r\n\
             Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\nContent-Length: {}\r\n\r\n",
            self.served,
            event.len()
        );
        // One write, so that Nagle's algorithm does not hold the body back for an ACK.
        let mut message = head.into_bytes();
        message.extend_from_slice(event);
        reply.write_all(&message)?;
        let request = self.next_request()?;
        self.answered_at = Some(Instant::now());
        let mut reply = request.reply;
        reply.write_all(b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n")?;
        let answer = if request.line.contains("/response") {
            Answer::Response(request.body)
        } else if request.line.contains("/error") {
            Answer::Error(request.body)
        } else {
            return Err(io::Error::other(format!(
                "unexpected request `{}`",
                request.line
            )));
        };
        self.pending_next = Some(self.expect_next()?);
        Ok(answer)
    }

    /// When the bootstrap's last answer arrived.
    pub fn answered_at(&self) -> Option<Instant> {
        self.answered_at
    }

    fn next_request(&mut self) -> io::Result<Request> {
        match self.requests.recv_timeout(self.timeout) {
            Ok(request) => request,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "no request from the bootstrap",
            )),
        }
    }

    /// Waits for `GET /next` and returns the connection to answer it on.
    fn expect_next(&mut self) -> io::Result<TcpStream> {
        let request = self.next_request()?;
        if !(request.line.starts_with("GET ") && request.line.contains("/invocation/next")) {
            return Err(io::Error::other(format!(
                "expected GET /next, got `{}`",
                request.line
            )));
        }
        Ok(request.reply)
    }
}

/// Handles one event given as JSON text the way a bootstrap serving `triggers` does: routed
/// by `triggerSource` (an event nobody serves goes back unchanged), through the same raw path
/// as the Lambda loop. For fuzzing and tests of several triggers at once.
pub async fn invoke_routed(
    triggers: &[&'static dyn crate::AnyTrigger],
    input: &[u8],
) -> Result<Vec<u8>, crate::TriggerError> {
    let router = crate::engine::Router::new(triggers).map_err(crate::TriggerError::internal)?;
    let answer = router.invoke_payload(input).await?;
    Ok(answer.get().as_bytes().to_vec())
}
