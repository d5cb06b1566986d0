// A crate that re-exports cognito-triggers points the macro at its own path.
mod facade {
    pub use cognito_triggers as triggers;
}

#[cognito_triggers::pre_token_generation(crate = "facade::triggers", claims(via = "facade"))]
fn handler() {}
