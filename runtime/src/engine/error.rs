//! The one error type of an invocation.

use std::borrow::Cow;
use std::fmt;

/// Why an invocation failed. Its message is what Cognito shows the caller
/// (`PreSignUp failed with error <message>.`), so it names the problem and carries no
/// attribute values, paths or backtraces. It is one line: control characters in it (from a
/// member name, a claim name, a handler's own message) are escaped.
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
    /// The handler did not finish within the attribute's `timeout`.
    Timeout,
    /// The trigger's configuration (an `env("..")` value) is missing or invalid.
    Configuration,
    /// The answer could not be written.
    Internal,
}

impl ErrorKind {
    /// The Lambda `errorType` for this kind.
    pub fn error_type(self) -> &'static str {
        match self {
            ErrorKind::InvalidEvent => "InvalidEvent",
            ErrorKind::Handler => "HandlerError",
            ErrorKind::HandlerPanic => "HandlerPanic",
            ErrorKind::RuleViolation => "RuleViolation",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Configuration => "ConfigurationError",
            ErrorKind::Internal => "InternalError",
        }
    }
}

impl TriggerError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let message = message.into();
        let message = match one_line(&message) {
            Cow::Borrowed(_) => message,
            Cow::Owned(escaped) => escaped,
        };
        TriggerError { kind, message }
    }

    pub(crate) fn invalid_event(message: impl Into<String>) -> Self {
        TriggerError::new(ErrorKind::InvalidEvent, message)
    }

    pub(crate) fn rule(message: impl Into<String>) -> Self {
        TriggerError::new(ErrorKind::RuleViolation, message)
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        TriggerError::new(ErrorKind::Internal, message)
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

/// `text` with its control characters escaped (`\n`, `\u{7}`), so that it stays one line (a log
/// line, a Lambda error message).
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_control) {
        return Cow::Borrowed(text);
    }
    let escape = |c: char| -> String {
        if c.is_control() {
            c.escape_debug().collect()
        } else {
            c.into()
        }
    };
    Cow::Owned(text.chars().map(escape).collect())
}

impl From<TriggerError> for lambda_runtime::Diagnostic {
    fn from(error: TriggerError) -> Self {
        lambda_runtime::Diagnostic {
            error_type: error.kind.error_type().to_owned(),
            error_message: error.to_string(),
        }
    }
}

/// An error made to refuse: its text is what Cognito shows the user, as
/// `<Trigger> failed with error <text>.`
///
/// ```
/// use cognito_triggers::{pre_sign_up, Deny, PreSignUp, SignUp};
///
/// #[pre_sign_up(main = false)]
/// fn handler(event: &PreSignUp) -> Result<SignUp, Deny> {
///     match event.attribute("custom:invite") {
///         Some(_) => Ok(SignUp::default()),
///         None => Err(Deny::new("Sign-ups are by invitation only")),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deny(Cow<'static, str>);

impl Deny {
    /// A refusal with this text, shown to the user. Keep secrets and attribute values out of it.
    pub fn new(text: impl Into<Cow<'static, str>>) -> Deny {
        Deny(text.into())
    }

    /// The text shown to the user.
    pub fn text(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Deny {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Deny {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line() {
        let error = TriggerError::rule("`a\nb\u{7}`: not allowed\r\n");
        assert_eq!(error.message(), "`a\\nb\\u{7}`: not allowed\\r\\n");
        assert_eq!(error.to_string().lines().count(), 1);
        assert_eq!(TriggerError::rule("é\"").message(), "é\"");
    }
}
