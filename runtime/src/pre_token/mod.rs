//! The pre token generation trigger: event, overrides, response, the trigger the macro
//! generates and its local mode.

pub mod event;
mod groups;
pub(crate) mod into;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod overrides;
pub mod response;
pub mod trigger;
pub(crate) mod wire;
