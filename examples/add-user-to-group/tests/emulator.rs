//! `add_to_groups` against a running Cognito emulator (`cognito-local`), not a mock: the
//! example's bootstrap serves events from a Lambda runtime API with `AWS_ENDPOINT_URL` at the
//! emulator, and the AWS SDK for Rust sets up the pool and reads the groups back.

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use aws_sdk_cognitoidentityprovider::Client;
use cognito_triggers::testing::{Answer, RuntimeApi};
use cognito_triggers_tests::CognitoLocal;
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_add-user-to-group");

fn client(endpoint: &str) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .build();
    Client::from_conf(config)
}

fn event(source: &str, pool: &str, user: &str) -> Vec<u8> {
    json!({
        "version": "1", "triggerSource": source, "region": "us-east-1",
        "userPoolId": pool, "userName": user,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"userAttributes": {"sub": "11111111-2222-3333-4444-555555555555",
                    "cognito:user_status": "CONFIRMED", "email": "jane@example.com"}},
        "response": {}
    })
    .to_string()
    .into_bytes()
}

async fn groups_of(cognito: &Client, pool: &str, user: &str) -> Vec<String> {
    let listed = cognito
        .admin_list_groups_for_user()
        .user_pool_id(pool)
        .username(user)
        .send()
        .await
        .expect("AdminListGroupsForUser");
    listed
        .groups()
        .iter()
        .filter_map(|g| g.group_name().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_confirmed_sign_up_joins_everyone_and_a_retry_succeeds() {
    let emulator = CognitoLocal::start();
    let endpoint = emulator.endpoint();
    let cognito = client(&endpoint);
    let pool = cognito
        .create_user_pool()
        .pool_name("sign-in")
        .send()
        .await
        .expect("CreateUserPool");
    let pool = pool
        .user_pool()
        .and_then(|p| p.id())
        .expect("a pool id")
        .to_owned();
    cognito
        .create_group()
        .user_pool_id(&pool)
        .group_name("EVERYONE")
        .send()
        .await
        .expect("CreateGroup");
    for user in ["jane", "john"] {
        cognito
            .admin_create_user()
            .user_pool_id(&pool)
            .username(user)
            .message_action(MessageActionType::Suppress)
            .user_attributes(
                AttributeType::builder()
                    .name("email")
                    .value(format!("{user}@example.com"))
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .expect("AdminCreateUser");
    }
    assert!(groups_of(&cognito, &pool, "jane").await.is_empty());

    // The example's bootstrap, on the Lambda path, with the standard AWS environment.
    let api = RuntimeApi::bind().unwrap();
    let mut bootstrap = api
        .command(BIN)
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_CONFIG_FILE", "/nonexistent")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .spawn()
        .unwrap();
    let mut session = api.accept(&mut bootstrap, Duration::from_secs(30)).unwrap();

    let sign_up = event("PostConfirmation_ConfirmSignUp", &pool, "jane");
    // Cognito retries a call that took too long: the second run must succeed too.
    for attempt in 1..=2 {
        let answer = session.invoke(&sign_up).unwrap();
        assert!(
            answer.is_success(),
            "attempt {attempt}: {:?}",
            String::from_utf8_lossy(answer.body())
        );
        // The event goes back unchanged.
        let answered: serde_json::Value = serde_json::from_slice(answer.body()).unwrap();
        let sent: serde_json::Value = serde_json::from_slice(&sign_up).unwrap();
        assert_eq!(answered, sent);
        assert_eq!(
            groups_of(&cognito, &pool, "jane").await,
            ["EVERYONE"],
            "attempt {attempt}"
        );
    }

    // A password reset adds nobody (the Amplify page's handler would).
    let reset = event("PostConfirmation_ConfirmForgotPassword", &pool, "john");
    assert!(session.invoke(&reset).unwrap().is_success());
    assert!(groups_of(&cognito, &pool, "john").await.is_empty());

    // A failure is one clear line for Cognito, and the bootstrap goes on serving.
    let missing = event("PostConfirmation_ConfirmSignUp", &pool, "nobody");
    match session.invoke(&missing).unwrap() {
        Answer::Error(body) => {
            let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let message = error["errorMessage"].as_str().unwrap();
            assert!(
                message.starts_with(
                    "the user could not be added to group `EVERYONE` (UserNotFoundException"
                ),
                "{message}"
            );
            assert!(!message.contains('\n'), "{message}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    let again = event("PostConfirmation_ConfirmSignUp", &pool, "john");
    assert!(session.invoke(&again).unwrap().is_success());
    assert_eq!(groups_of(&cognito, &pool, "john").await, ["EVERYONE"]);

    let _ = bootstrap.kill();
    let _ = bootstrap.wait();
}
