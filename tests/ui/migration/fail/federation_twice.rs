use cognito_triggers::inbound_federation;

// Each attribute is mapped from one claim: a second mapping would silently win or lose.
#[inbound_federation(
    map(
        email = "idToken.email",
        given_name = "userInfo.given_name",
        email = "userInfo.email",
    ),
    main = false
)]
fn handler() {}

fn main() {}
