//! The post confirmation trigger: event, `add_to_groups` (with the `sdk` feature), the trigger
//! the macro generates, local mode.

pub mod event;
#[cfg(feature = "sdk")]
mod groups;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod trigger;
