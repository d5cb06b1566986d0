//! The one error type of an invocation.

use std::fmt;

/// Why an invocation failed. Its message is what Cognito shows the caller
/// (`PreTokenGeneration failed with error <message>.`), so it names the problem and carries no
/// attribute values, paths or backtraces.
#[derive(Debug)]
pub struct TriggerError {
    kind: ErrorKind,
    message: String,
}

/// The class of a [`TriggerError`], reported as the Lambda `errorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The event could not be read.
    InvalidEvent,
    /// The handler returned an error.
    Handler,
    /// The handler panicked.
    HandlerPanic,
    /// The overrides break a Cognito rule (for example a reserved claim).
    RuleViolation,
}

impl ErrorKind {
    /// The Lambda `errorType` for this kind.
    pub fn error_type(self) -> &'static str {
        match self {
            ErrorKind::InvalidEvent => "InvalidEvent",
            ErrorKind::Handler => "HandlerError",
            ErrorKind::HandlerPanic => "HandlerPanic",
            ErrorKind::RuleViolation => "RuleViolation",
        }
    }
}

impl TriggerError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        TriggerError {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn invalid_event(message: impl Into<String>) -> Self {
        TriggerError::new(ErrorKind::InvalidEvent, message)
    }

    pub(crate) fn rule(message: impl Into<String>) -> Self {
        TriggerError::new(ErrorKind::RuleViolation, message)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, as Cognito receives it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TriggerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::InvalidEvent => write!(f, "invalid event: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for TriggerError {}

impl From<TriggerError> for lambda_runtime::Diagnostic {
    fn from(error: TriggerError) -> Self {
        lambda_runtime::Diagnostic {
            error_type: error.kind.error_type().to_owned(),
            error_message: error.to_string(),
        }
    }
}
