//! An API authorizer reads the tenant from the access token: this V2_0 trigger copies the
//! user's `custom:tenant` attribute into the access token as `tenant`, adds the
//! `api/tenant.read` scope, and tags admins dynamically.
//!
//! The pool's pre token generation trigger must be configured with `LambdaVersion: V2_0`
//! (see the README, "Use with Amplify Gen 2" / "Use with CDK").

use cognito_triggers::{pre_token_generation, Overrides, PreTokenGeneration};

#[pre_token_generation(
    version = "V2_0",
    access_token(
        claims(tenant = attr("custom:tenant", default = "none")),
        scopes(add = ["api/tenant.read"]),
    ),
)]
fn handler(event: &PreTokenGeneration) -> Overrides {
    if event.in_group("admins") {
        Overrides::default()
            .access_claim("role", "admin")
            .add_scope("api/tenant.write")
    } else {
        Overrides::default()
    }
}
