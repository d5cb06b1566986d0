//! The custom message trigger: event, the [`Message`](response::Message) builder, the
//! templates of the attribute and how they are filled in, the trigger the macro generates and
//! its local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub(crate) mod render;
pub mod response;
pub mod trigger;
