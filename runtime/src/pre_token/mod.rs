//! The pre token generation trigger.

pub mod event;
pub mod overrides;
pub mod raw;
pub mod response;
mod scan;
