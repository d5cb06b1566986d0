//! A local user pool with the example triggers, to try them by hand: `scripts/local-pool`
//! builds the examples and runs this. It starts the Lambda APIs of `cargo lambda watch`, the
//! example bootstraps and `cognito-local` calling them (pre sign-up and post confirmation:
//! `sign-in-suite`; custom message; pre token generation: `override-token`; user migration),
//! creates a pool and an app client, prints how to reach them, then every message the pool
//! "delivers", until Ctrl-C.

use std::time::Duration;

use cognito_triggers_chain::{cognito, create_pool, deliveries, start_main_chain};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (_lambda, emulator) = start_main_chain();
    let endpoint = emulator.endpoint();
    let (pool, client) = create_pool(&cognito(&endpoint)).await;
    println!("cognito-local: {endpoint} (AWS_ENDPOINT_URL for any AWS SDK or CLI)");
    println!("user pool:     {pool} (group EVERYONE)");
    println!("app client:    {client} (USER_PASSWORD_AUTH)");
    println!();
    println!("Sign up with an amazon.com address (pre sign-up refuses others), confirm with the");
    println!("code printed below (post confirmation adds the user to EVERYONE), sign in (the ID");
    println!("token carries amplfy_attribute), or sign in as jane@example.com with the password");
    println!("\"correct horse battery staple\" (migrated from the legacy store). For example:");
    println!();
    println!("  aws --endpoint-url {endpoint} cognito-idp sign-up --client-id {client} \\");
    println!("    --username jane --password 'correct horse battery staple' \\");
    println!("    --user-attributes Name=email,Value=jane@amazon.com Name=given_name,Value=Jane");
    println!();
    println!("Messages the pool delivers (our custom message trigger's) follow. Ctrl-C stops.");
    let mut shown = 0;
    loop {
        let messages = deliveries(&emulator.log());
        for message in messages.iter().skip(shown) {
            println!();
            for (field, value) in message {
                println!("{field}: {value}");
            }
        }
        shown = messages.len();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
