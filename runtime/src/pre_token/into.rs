//! The return types a pre token generation function may have, checked on the user's tokens.

use crate::{BoxError, Overrides};

/// The return types a trigger function may have.
#[diagnostic::on_unimplemented(
    message = "a pre token generation function cannot return `{Self}`",
    label = "this return type is not accepted",
    note = "return nothing, `Overrides`, or `Result<Overrides, E>` where `E: std::error::Error + Send + Sync + 'static` (sync or async)"
)]
pub trait IntoOverrides {
    /// Converts the function's result.
    fn into_overrides(self) -> Result<Overrides, BoxError>;
}

impl IntoOverrides for () {
    fn into_overrides(self) -> Result<Overrides, BoxError> {
        Ok(Overrides::default())
    }
}

impl IntoOverrides for Overrides {
    fn into_overrides(self) -> Result<Overrides, BoxError> {
        Ok(self)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoOverrides for Result<Overrides, E> {
    fn into_overrides(self) -> Result<Overrides, BoxError> {
        self.map_err(|e| Box::new(e) as BoxError)
    }
}

impl<E: std::error::Error + Send + Sync + 'static> IntoOverrides for Result<(), E> {
    fn into_overrides(self) -> Result<Overrides, BoxError> {
        self.map(|()| Overrides::default())
            .map_err(|e| Box::new(e) as BoxError)
    }
}

/// Converts the function's result, with the trait bound checked on the user's tokens.
pub fn into_overrides<T: IntoOverrides>(value: T) -> Result<Overrides, BoxError> {
    value.into_overrides()
}
