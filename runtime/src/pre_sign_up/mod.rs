//! The pre sign-up trigger: event, response and builder, the checks of the attribute, the
//! trigger the macro generates and its local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod response;
pub(crate) mod rules;
pub mod trigger;
