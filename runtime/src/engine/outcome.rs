//! What a function may return when the attribute writes the whole answer (post confirmation,
//! pre and post authentication, the custom auth challenges): nothing, or a `Result` whose
//! error refuses.

use super::{BoxError, BoxFuture};

/// The future of one call of such a function.
pub type OutcomeFuture<'a> = BoxFuture<'a, Result<(), BoxError>>;

/// The return types of a function whose trigger has no response fields.
#[diagnostic::on_unimplemented(
    message = "this trigger function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "the attribute writes this trigger's answer: return nothing or `Result<(), E>` where `E: std::error::Error + Send + Sync + 'static` (`cognito_triggers::Deny` refuses with its text)"
)]
pub trait IntoOutcome {
    /// Converts the function's result: `Err` fails the invocation with its text.
    fn into_outcome(self) -> Result<(), BoxError>;
}

impl IntoOutcome for () {
    fn into_outcome(self) -> Result<(), BoxError> {
        Ok(())
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoOutcome for Result<(), E> {
    fn into_outcome(self) -> Result<(), BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_outcome<T: IntoOutcome>(value: T) -> Result<(), BoxError> {
    value.into_outcome()
}

/// The future of a function with an empty body (`async fn handler() {}`): ready at once with
/// `convert(())`. Without state it needs no allocation when boxed (BENCHMARKS.md, "Fourth
/// round").
pub struct Immediate<F>(pub F);

impl<T, F: Fn() -> T + Unpin> std::future::Future for Immediate<F> {
    type Output = T;

    fn poll(self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<T> {
        std::task::Poll::Ready((self.0)())
    }
}
