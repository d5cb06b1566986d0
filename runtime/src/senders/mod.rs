//! The custom email and SMS sender triggers: their events, the decryption of the code with
//! the AWS Encryption SDK (feature `senders`), the triggers the macros generate and their
//! local mode.

pub(crate) mod decrypt;
pub mod email;
#[cfg(any(debug_assertions, feature = "local"))]
mod local;
pub mod sms;
pub mod trigger;
