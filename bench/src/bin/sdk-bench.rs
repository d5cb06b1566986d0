//! The `sdk` rows: cold start, peak RSS and bootstrap size of `add-user-to-group` against the
//! hand-written post confirmation handler making the same AWS SDK call
//! (`bench/src/bin/handwritten-sdk.rs`), both adding a user to a group of a running
//! cognito-local; and how long building the SDK client takes. `bench/run.sh` builds the
//! bootstraps and runs this.
//!
//! Usage: sdk-bench --ours BOOTSTRAP --handwritten BOOTSTRAP [--quick]

use std::time::Instant;

use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::MessageActionType;
use aws_sdk_cognitoidentityprovider::Client;
use cognito_triggers_bench::measure::{
    median, median_cold_starts_with, pair_args, print_pair_rows, size_kib,
};
use cognito_triggers_tests::CognitoLocal;
use serde_json::{json, Value};

fn main() {
    let (ours, handwritten, runs) = pair_args("add-user-to-group", "handwritten-sdk");
    let emulator = CognitoLocal::start();
    let endpoint = emulator.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let cognito = Client::from_conf(
        aws_sdk_cognitoidentityprovider::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .endpoint_url(&endpoint)
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("bench", "bench", None, None, "bench"))
            .build(),
    );
    let pool = runtime.block_on(async {
        let pool = cognito
            .create_user_pool()
            .pool_name("bench")
            .send()
            .await
            .unwrap();
        let pool = pool.user_pool().and_then(|p| p.id()).unwrap().to_owned();
        cognito
            .create_group()
            .user_pool_id(&pool)
            .group_name("EVERYONE")
            .send()
            .await
            .unwrap();
        cognito
            .admin_create_user()
            .user_pool_id(&pool)
            .username("jane")
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
        pool
    });
    let event = json!({
        "version": "1", "triggerSource": "PostConfirmation_ConfirmSignUp", "region": "us-east-1",
        "userPoolId": pool, "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"userAttributes": {"sub": "11111111-2222-3333-4444-555555555555", "email": "jane@example.com"}},
        "response": {}
    });
    let env = [
        ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "bench"),
        ("AWS_SECRET_ACCESS_KEY", "bench"),
        ("AWS_CONFIG_FILE", "/nonexistent"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    let body = event.to_string().into_bytes();
    let [(ours_ms, ours_rss, ours_body), (hw_ms, hw_rss, hw_body)] =
        median_cold_starts_with([&[&ours], &[&handwritten]], &env, &body, runs);
    for answer in [&ours_body, &hw_body] {
        let answer: Value = serde_json::from_slice(answer).unwrap();
        assert_eq!(answer["userName"], "jane");
    }
    let groups = runtime.block_on(async {
        cognito
            .admin_list_groups_for_user()
            .user_pool_id(&pool)
            .username("jane")
            .send()
            .await
            .unwrap()
            .groups()
            .iter()
            .filter_map(|g| g.group_name().map(str::to_owned))
            .collect::<Vec<_>>()
    });
    assert_eq!(groups, ["EVERYONE"], "both bootstraps add the user");

    // Building the SDK client (aws-config's default chain with the environment above, then
    // the Cognito client), in this process: the first build and the later ones.
    for (key, value) in env {
        // SAFETY: this thread is the only one of the process that reads the environment now.
        unsafe { std::env::set_var(key, value) };
    }
    let builds: Vec<f64> = (0..runs)
        .map(|_| {
            runtime.block_on(async {
                let start = Instant::now();
                let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
                std::hint::black_box(Client::new(&config));
                start.elapsed().as_secs_f64() * 1000.0
            })
        })
        .collect();

    let all = print_pair_rows(
        "measure (add-user-to-group, sdk feature)",
        &[
            ("cold start: spawn → first response (with the AdminAddUserToGroup call to cognito-local)", ours_ms, hw_ms, "ms"),
            ("peak RSS at first response", ours_rss as f64 / 1024.0, hw_rss as f64 / 1024.0, "MiB"),
            ("bootstrap size (cargo lambda build --release)", size_kib(&ours), size_kib(&handwritten), "KiB"),
        ],
    );
    println!();
    println!("all sdk targets met: {}", if all { "yes" } else { "no" });
    println!();
    println!(
        "SDK client build (aws_config::load_defaults + Client::new), in-process, {runs} builds: first {:.2} ms, median {:.2} ms",
        builds[0],
        median(builds.clone())
    );
}
