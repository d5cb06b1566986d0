//! Simulators: the tokens Cognito issues after pre token generation, and whole custom
//! sign-ins through the define, create and verify auth challenge triggers.

pub mod auth;
mod tokens;

pub use tokens::{simulate, simulate_at, SimulationError, Tokens, TOKEN_LIFETIME_SECS};
