use cognito_triggers::pre_token_generation;

#[pre_token_generation(
    version = "V2_0",
    id_token(claims(family_name = "Doe", favorite_number = 2, verified = true), suppress = ["email"]),
    access_token(
        claims(
            tenant = attr("custom:tenant"),
            limits = {"requests": 9223372036854775807, "ratio": -1.5, "tags": ["a", 1, false]},
            roles = ["reader", "writer"],
        ),
        suppress = ["phone_number"],
        scopes(add = ["solar-system-data/asteroids.add"], suppress = ["phone"]),
    ),
)]
async fn handler() {}
