//! The user migration trigger: event (with its password kept out of every log), the
//! [`MigratedUser`](response::MigratedUser) builder, the trigger the macro generates and its
//! local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod response;
pub mod trigger;
