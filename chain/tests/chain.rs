//! The whole chain, locally, with components nobody in this project wrote: `cognito-local`
//! (the user pool emulator, npm, pinned in `emulators/package-lock.json`) calls our example
//! bootstraps by name through the Lambda Invoke API of `cargo lambda watch --only-lambda-apis`
//! (PyPI `cargo-lambda`, pinned in `scripts/test`), and the AWS SDK for Rust does what an app
//! does: `SignUp`, `ConfirmSignUp`, `InitiateAuth`, `ForgotPassword`, `AdminCreateUser`. Each
//! scenario asserts what the client sees and what the pool holds afterwards.
//!
//! The bootstraps are the debug builds of the examples (and of the test binary `two-triggers`)
//! that `cargo test --workspace` makes next to this test (`target/debug/<name>`), each polling
//! the emulator's runtime API for its function name. Where the emulators depart from AWS is
//! written down in README.md ("The whole chain locally") and asserted where it shows, not
//! worked around.

use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::error::DisplayErrorContext;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, DeliveryMediumType, UserStatusType,
};
use aws_sdk_cognitoidentityprovider::Client;
use base64::Engine as _;
use cognito_triggers_chain::{
    aws_env, borrowed, cognito, create_pool, delivered, example, start_main_chain, LambdaApis,
};
use cognito_triggers_tests::{CognitoLocal, Moto};
use serde_json::{json, Value};

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("an attribute")
}

/// `InitiateAuth` with `USER_PASSWORD_AUTH`, as an app signs in: the claims of the ID token,
/// or the error's text.
async fn sign_in(
    cognito: &Client,
    client: &str,
    user: &str,
    password: &str,
) -> Result<Value, String> {
    let signed_in = cognito
        .initiate_auth()
        .client_id(client)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", user)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
        .map_err(|e| DisplayErrorContext(&e).to_string())?;
    let id_token = signed_in
        .authentication_result()
        .and_then(|r| r.id_token())
        .ok_or("no ID token")?;
    Ok(claims(id_token))
}

/// The claims of a JWT (its payload, not verified: cognito-local signs with its own key).
fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT has three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

/// Waits until `probe` holds or 10 s pass (cognito-local prints a delivered message just
/// after it answers the client).
fn eventually(what: &str, log: impl Fn() -> String, probe: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = log();
        if probe(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{what}; the log:\n{text}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Pre sign-up, custom message, post confirmation, pre token generation and user migration,
/// each an example bootstrap, driven by a client through cognito-local.
#[tokio::test]
async fn sign_up_confirm_sign_in_reset_invite_and_migrate_through_cognito_local() {
    let (lambda, emulator) = start_main_chain();
    let endpoint = emulator.endpoint();
    let cognito = cognito(&endpoint);
    let (pool, client) = create_pool(&cognito).await;

    // Sign-up refused for a look-alike domain: the client receives our refusal text, and the
    // pool holds no such user.
    let refused = cognito
        .sign_up()
        .client_id(&client)
        .username("mallory")
        .password("correct horse battery staple")
        .user_attributes(attribute("email", "mallory@amazon.com.evil.example"))
        .send()
        .await
        .expect_err("a look-alike domain is refused");
    let text = DisplayErrorContext(&refused).to_string();
    assert!(
        text.contains("Sign-ups are limited to amazon.com addresses"),
        "the client sees our refusal: {text}\ncognito-local:\n{}\nbootstraps:\n{}",
        emulator.log(),
        lambda.log()
    );
    assert!(cognito
        .admin_get_user()
        .user_pool_id(&pool)
        .username("mallory")
        .send()
        .await
        .is_err());

    // Sign-up accepted: the code arrives in our branded email (custom message), with the
    // user's name HTML-escaped in the body and as typed in the subject.
    let signed_up = cognito
        .sign_up()
        .client_id(&client)
        .username("jane")
        .password("correct horse battery staple")
        .user_attributes(attribute("email", "jane@amazon.com"))
        .user_attributes(attribute("given_name", "Jane <b>"))
        .user_attributes(attribute("locale", "es"))
        .send()
        .await
        .expect("SignUp");
    assert!(
        !signed_up.user_confirmed(),
        "sign-in-suite does not auto-confirm"
    );
    let log = eventually(
        "cognito-local delivers our sign-up email",
        || emulator.log(),
        |log| delivered(log, "jane", "Email Subject").is_some(),
    );
    assert_eq!(
        delivered(&log, "jane", "Email Subject").as_deref(),
        Some("Welcome to Acme, Jane <b>")
    );
    let code = delivered(&log, "jane", "Code").expect("the code cognito-local made");
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
    let email = delivered(&log, "jane", "Email Message").unwrap_or_default();
    assert!(email.starts_with("<!doctype html>"), "{email}");
    assert!(email.contains("Thanks for signing up"), "{email}");
    assert!(
        email.contains("Hi Jane &lt;b&gt;,"),
        "the name is escaped in HTML: {email}"
    );
    assert!(
        email.contains(&format!("<div class=\"code\">{code}</div>")),
        "cognito-local put its code where the template has {{####}}: {email}"
    );

    // ConfirmSignUp with that code: post confirmation puts the user in EVERYONE.
    cognito
        .confirm_sign_up()
        .client_id(&client)
        .username("jane")
        .confirmation_code(&code)
        .send()
        .await
        .expect("ConfirmSignUp");
    let groups = cognito
        .admin_list_groups_for_user()
        .user_pool_id(&pool)
        .username("jane")
        .send()
        .await
        .expect("AdminListGroupsForUser");
    let groups: Vec<_> = groups
        .groups()
        .iter()
        .filter_map(|g| g.group_name())
        .collect();
    assert_eq!(groups, ["EVERYONE"]);

    // Sign-in: the ID token carries the pre token generation claim. cognito-local applies
    // only `claimsToAddOrOverride` of the ID token, so the group override of the same answer
    // does not show here (it does on Cognito); the groups are the pool's.
    let id = sign_in(&cognito, &client, "jane", "correct horse battery staple")
        .await
        .expect("InitiateAuth");
    assert_eq!(id["amplfy_attribute"], "amplify_gen_2", "{id}");
    assert_eq!(id["cognito:username"], "jane");
    assert_eq!(id["cognito:groups"], json!(["EVERYONE"]), "{id}");

    // ForgotPassword: the reset email is the Spanish one, by the user's locale.
    cognito
        .forgot_password()
        .client_id(&client)
        .username("jane")
        .send()
        .await
        .expect("ForgotPassword");
    let log = eventually(
        "cognito-local delivers our Spanish reset email",
        || emulator.log(),
        |log| {
            delivered(log, "jane", "Email Subject").as_deref() == Some("Restablecer mi contraseña")
        },
    );
    let message = delivered(&log, "jane", "Email Message").unwrap_or_default();
    assert!(
        message.starts_with("Tu nuevo código de un solo uso es "),
        "{message}"
    );

    // AdminCreateUser: the invitation carries the username and the temporary password.
    cognito
        .admin_create_user()
        .user_pool_id(&pool)
        .username("ana")
        .temporary_password("Temp-Pass-4821")
        .user_attributes(attribute("email", "ana@amazon.com"))
        .desired_delivery_mediums(DeliveryMediumType::Email)
        .send()
        .await
        .expect("AdminCreateUser");
    let log = eventually(
        "cognito-local delivers our invitation",
        || emulator.log(),
        |log| delivered(log, "ana", "Email Subject").is_some(),
    );
    assert_eq!(
        delivered(&log, "ana", "Email Subject").as_deref(),
        Some("Your Acme account")
    );
    assert_eq!(
        delivered(&log, "ana", "Email Message").as_deref(),
        Some("<p>Your username is ana and your temporary password is Temp-Pass-4821</p>")
    );

    // User migration: a legacy user's first sign-in (bcrypt-checked by the example) creates
    // them in the pool, confirmed, with the legacy attributes; a wrong password creates no one.
    let wrong = sign_in(&cognito, &client, "jane@example.com", "not the password").await;
    assert!(wrong.is_err(), "a wrong legacy password does not sign in");
    let migrated = |filter: &'static str| {
        let cognito = cognito.clone();
        let pool = pool.clone();
        async move {
            cognito
                .list_users()
                .user_pool_id(&pool)
                .filter(filter)
                .send()
                .await
                .expect("ListUsers")
                .users()
                .to_vec()
        }
    };
    assert!(migrated("email = \"jane@example.com\"").await.is_empty());
    let id = sign_in(
        &cognito,
        &client,
        "jane@example.com",
        "correct horse battery staple",
    )
    .await
    .expect("a legacy user signs in with the legacy password");
    assert_eq!(id["amplfy_attribute"], "amplify_gen_2");
    let users = migrated("email = \"jane@example.com\"").await;
    assert_eq!(users.len(), 1, "the legacy user is now in the pool");
    assert_eq!(users[0].user_status(), Some(&UserStatusType::Confirmed));
    let name = users[0]
        .attributes()
        .iter()
        .find(|a| a.name() == "name")
        .and_then(|a| a.value());
    assert_eq!(name, Some("Jane Doe"));

    // No password reached a bootstrap's log.
    let log = lambda.log();
    for secret in [
        "correct horse battery staple",
        "not the password",
        "Temp-Pass-4821",
    ] {
        assert!(!log.contains(secret), "a password reached the log:\n{log}");
    }
    assert!(!log.contains(&code), "a code reached the log:\n{log}");
}

/// Auto-confirmation, pre token generation through `serve`, and the custom email sender
/// with cognito-local encrypting codes through moto's KMS.
#[tokio::test]
async fn auto_confirm_and_custom_email_sender_through_cognito_local() {
    let moto = Moto::start();
    let kms_endpoint = moto.endpoint();
    let kms = aws_sdk_kms::Client::from_conf(
        aws_sdk_kms::Config::builder()
            .behavior_version(aws_sdk_kms::config::BehaviorVersion::latest())
            .endpoint_url(&kms_endpoint)
            .region(aws_sdk_kms::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_kms::config::Credentials::new(
                "local", "local", None, None, "chain",
            ))
            .build(),
    );
    let key = kms.create_key().send().await.expect("CreateKey");
    let key_arn = key
        .key_metadata()
        .map(|k| k.arn().unwrap_or_default().to_owned())
        .expect("a key ARN");
    kms.create_alias()
        .alias_name("alias/cognito-chain")
        .target_key_id(&key_arn)
        .send()
        .await
        .expect("CreateAlias");

    let mut lambda = LambdaApis::start();
    let emulator = CognitoLocal::start_with(json!({
        "LambdaClient": lambda.lambda_client(),
        "TriggerFunctions": {
            "PreSignUp": "two-triggers",
            "PreTokenGeneration": "two-triggers",
            "CustomEmailSender": "email-sender"
        },
        "KMSConfig": {
            "KMSKeyId": key_arn,
            "KMSKeyAlias": "alias/cognito-chain",
            "endpoint": kms_endpoint,
            "region": "us-east-1",
            "credentials": {"accessKeyId": "local", "secretAccessKey": "local"}
        }
    }));
    let endpoint = emulator.endpoint();
    lambda.serve("two-triggers", &example("two-triggers"), &[]);
    let mut sender_env = aws_env(&kms_endpoint);
    sender_env.push(("KMS_KEY_ARN", key_arn.clone()));
    sender_env.push(("SENDER_EMAIL", "no-reply@example.com".to_owned()));
    lambda.serve(
        "email-sender",
        &example("email-sender"),
        &borrowed(&sender_env),
    );
    let cognito = cognito(&endpoint);
    let (pool, client) = create_pool(&cognito).await;

    // Accepted and auto-confirmed by the pre sign-up trigger of a two-trigger bootstrap.
    let signed_up = cognito
        .sign_up()
        .client_id(&client)
        .username("sam")
        .password("correct horse battery staple")
        .user_attributes(attribute("email", "sam@example.com"))
        .send()
        .await
        .expect("SignUp");
    assert!(signed_up.user_confirmed(), "auto-confirmed");
    let user = cognito
        .admin_get_user()
        .user_pool_id(&pool)
        .username("sam")
        .send()
        .await
        .expect("AdminGetUser");
    assert_eq!(user.user_status(), Some(&UserStatusType::Confirmed));

    // The same bootstrap's pre token generation trigger, routed by `serve`.
    let id = sign_in(&cognito, &client, "sam", "correct horse battery staple")
        .await
        .expect("InitiateAuth");
    assert_eq!(id["tier"], "gold");

    // The custom email sender was called with the code cognito-local encrypted through moto's
    // KMS. cognito-local encrypts without the `userpool-id` encryption context that Cognito
    // always sets (and with the Encryption SDK's default committing suite); our sender
    // requires that context, so it refuses the code with its one clear error. (Codes encrypted
    // as Cognito does decrypt: examples/email-sender/tests/moto.rs.)
    let log = eventually(
        "cognito-local calls the custom email sender",
        || emulator.log(),
        |log| log.contains("email-sender failed with error"),
    );
    assert!(
        log.contains("email-sender failed with error the code could not be decrypted"),
        "{log}"
    );
    let sender_log = eventually(
        "the sender logs why",
        || lambda.log(),
        |log| log.contains("the Encryption SDK refused the code"),
    );
    // KMS refuses the data key: the Encryption SDK asks for it with the context the sender
    // requires, and cognito-local made it without.
    assert!(
        sender_log.contains("InvalidCiphertextException"),
        "{sender_log}"
    );
    assert!(!sender_log.contains("panicked"), "{sender_log}");
}
