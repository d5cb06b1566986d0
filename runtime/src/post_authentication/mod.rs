//! The post authentication trigger: event, the trigger the macro generates, local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod trigger;
