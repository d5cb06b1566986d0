//! Custom authentication: the define, create and verify auth challenge triggers, their events,
//! the one-time codes, and their local mode. The flow simulator is `crate::simulate::auth`.

pub(crate) mod code;
pub mod create;
pub mod define;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod session;
pub mod verify;
