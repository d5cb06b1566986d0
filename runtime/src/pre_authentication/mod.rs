//! The pre authentication trigger: event, the checks of the attribute, the trigger the macro
//! generates, local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod trigger;
