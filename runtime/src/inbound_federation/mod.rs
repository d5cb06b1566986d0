//! The inbound federation trigger: event, the [`AttributeMap`](trigger::AttributeMap) builder,
//! the mapping the macro generates and its local mode.

pub mod event;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod trigger;
