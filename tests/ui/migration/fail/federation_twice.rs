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

// A number of characters is whole.
#[inbound_federation(map(email = "idToken.email"), truncate = 0.5, main = false)]
fn half() {}

fn main() {}
