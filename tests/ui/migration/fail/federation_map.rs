use cognito_triggers::inbound_federation;

#[inbound_federation(
    map(
        email = "idtoken.email",
        given_name = "userInfo",
        sub = "idToken.sub",
        "cognito:groups" = "samlResponse.groups",
        "custom:token" = "tokenResponse.refresh_token",
        family_name = "userInfo.",
        email = "userInfo.email",
    ),
    truncate = 4096,
    main = false
)]
fn handler() {}

#[inbound_federation(map(), truncate = "2048", main = false)]
fn empty() {}

fn main() {}
