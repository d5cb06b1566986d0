//! The custom email sender against real components: moto in server mode for KMS and SES, the
//! AWS Encryption SDK for Rust and for JavaScript making ciphertexts the way Cognito does
//! (non-committing suite 0x0378, `userpool-id` in the encryption context). Codes made with
//! KMS through moto are decrypted by the trigger and mailed through moto's SES, where the test
//! reads the message back; tampered, truncated, foreign-pool and foreign-key ciphertexts are
//! clear errors with no panic and no plaintext.

use std::collections::HashMap;
use std::io::{Read, Write};

use aws_esdk::client as esdk_client;
use aws_esdk::material_providers::client as mpl_client;
use aws_esdk::material_providers::types::material_providers_config::MaterialProvidersConfig;
use aws_esdk::material_providers::types::{
    AesWrappingAlg, EsdkAlgorithmSuiteId, EsdkCommitmentPolicy,
};
use aws_esdk::types::aws_encryption_sdk_config::AwsEncryptionSdkConfig;
use base64::Engine as _;
use cognito_triggers_tests::{encrypt_with_javascript, Moto};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_EXAMPLE";
const SENDER: &str = "no-reply@example.com";
const BIN: &str = env!("CARGO_BIN_EXE_email-sender");

fn client() -> esdk_client::Client {
    let config = AwsEncryptionSdkConfig::builder()
        .commitment_policy(EsdkCommitmentPolicy::ForbidEncryptAllowDecrypt)
        .build()
        .unwrap();
    esdk_client::Client::from_conf(config).unwrap()
}

fn mpl() -> mpl_client::Client {
    mpl_client::Client::from_conf(MaterialProvidersConfig::builder().build().unwrap()).unwrap()
}

/// `plaintext` encrypted like Cognito does: the non-committing, signing suite and the pool id
/// in the encryption context.
async fn encrypt(
    keyring: aws_esdk::material_providers::types::keyring::KeyringRef,
    plaintext: &str,
    pool: &str,
) -> String {
    let out = client()
        .encrypt()
        .plaintext(plaintext.as_bytes().to_vec())
        .keyring(keyring)
        .encryption_context(HashMap::from([("userpool-id".to_owned(), pool.to_owned())]))
        .algorithm_suite_id(EsdkAlgorithmSuiteId::AlgAes256GcmIv12Tag16HkdfSha384EcdsaP384)
        .send()
        .await
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(out.ciphertext.unwrap().into_inner())
}

fn event(source: &str, code: Option<&str>) -> String {
    json!({
        "version": "1",
        "triggerSource": format!("CustomEmailSender_{source}"),
        "region": "us-east-1",
        "userPoolId": POOL,
        "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {
            "type": "customEmailSenderRequestV1",
            "code": code,
            "clientMetadata": null,
            "userAttributes": {"email": "jane@example.com", "email_verified": "true"}
        }
    })
    .to_string()
}

/// Runs the example's bootstrap on one event through a loopback Lambda runtime API, with the
/// AWS environment pointing at moto; the answer's body.
fn invoke(env: &[(&str, String)], event: &str) -> (bool, String) {
    let api = cognito_triggers::testing::RuntimeApi::bind().unwrap();
    let mut command = api.command(BIN);
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Drained while it runs: at TRACE the AWS SDK writes more than a pipe holds.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let mut session = api
        .accept(&mut child, std::time::Duration::from_secs(30))
        .unwrap();
    let answer = session.invoke(event.as_bytes());
    let _ = child.kill();
    let _ = child.wait();
    let log = stdout.join().unwrap_or_default() + &stderr.join().unwrap_or_default();
    let answer = answer.unwrap_or_else(|e| panic!("{e}; the bootstrap's log:\n{log}"));
    for secret in ["482957", "739164", "a<b>&c", "918273"] {
        assert!(!log.contains(secret), "a code reached the log: {log}");
    }
    (
        answer.is_success(),
        String::from_utf8_lossy(answer.body()).into_owned(),
    )
}

/// The bodies of the emails moto's SES holds (its model data, `/moto-api/data.json`).
fn sent_bodies(endpoint: &str) -> Vec<String> {
    let address = endpoint.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /moto-api/data.json HTTP/1.0\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let data: Value = serde_json::from_str(body).unwrap();
    let messages = data["ses"]["Message"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    messages.iter().map(|m| m.to_string()).collect()
}

#[test]
fn codes_encrypted_like_cognito_are_decrypted_and_mailed() {
    let moto = Moto::start();
    let endpoint = moto.endpoint();
    let aws = |key: &str| -> Vec<(&str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", endpoint.clone()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("KMS_KEY_ARN", key.to_owned()),
            ("SENDER_EMAIL", SENDER.into()),
            ("AWS_LAMBDA_LOG_LEVEL", "TRACE".into()),
        ]
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (key, other_key, ciphertexts) = runtime.block_on(async {
        std::env::set_var("AWS_ACCESS_KEY_ID", "test");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .load()
            .await;
        let kms = aws_sdk_kms::Client::new(&config);
        let mut keys = Vec::new();
        for _ in 0..2 {
            let created = kms.create_key().send().await.unwrap();
            keys.push(created.key_metadata.unwrap().arn.unwrap());
        }
        let ses = aws_sdk_sesv2::Client::new(&config);
        ses.create_email_identity()
            .email_identity(SENDER)
            .send()
            .await
            .unwrap();
        let keyring = |arn: String| {
            let kms = kms.clone();
            async move {
                mpl()
                    .create_aws_kms_keyring()
                    .kms_key_id(arn)
                    .kms_client(kms)
                    .send()
                    .await
                    .unwrap()
            }
        };
        let ours = keyring(keys[0].clone()).await;
        let theirs = keyring(keys[1].clone()).await;
        let ciphertexts = HashMap::from([
            ("code", encrypt(ours.clone(), "482957", POOL).await),
            (
                "password",
                encrypt(ours.clone(), "a&lt;b&gt;&amp;c", POOL).await,
            ),
            (
                "other pool",
                encrypt(ours.clone(), "918273", "us-east-1_OTHER").await,
            ),
            ("other key", encrypt(theirs, "918273", POOL).await),
        ]);
        (keys[0].clone(), keys[1].clone(), ciphertexts)
    });
    let _ = other_key;

    // A code made with the Rust Encryption SDK through moto's KMS.
    let (ok, body) = invoke(&aws(&key), &event("SignUp", Some(&ciphertexts["code"])));
    assert!(ok, "{body}");
    assert!(sent_bodies(&endpoint)
        .iter()
        .any(|m| m.contains("Your Acme verification code is 482957")));

    // A code made with the JavaScript Encryption SDK, through the same key.
    let from_js = encrypt_with_javascript(&key, POOL, "739164", &endpoint);
    let (ok, body) = invoke(&aws(&key), &event("ForgotPassword", Some(&from_js)));
    assert!(ok, "{body}");
    assert!(sent_bodies(&endpoint)
        .iter()
        .any(|m| m.contains("code is 739164")));

    // A temporary password comes HTML-escaped: it is mailed as the user must type it.
    let (ok, body) = invoke(
        &aws(&key),
        &event("AdminCreateUser", Some(&ciphertexts["password"])),
    );
    assert!(ok, "{body}");
    assert!(sent_bodies(&endpoint)
        .iter()
        .any(|m| m.contains("temporary password is a<b>&c")));

    // An account-takeover notice has no code.
    let (ok, body) = invoke(&aws(&key), &event("AccountTakeOverNotification", None));
    assert!(ok, "{body}");
    assert!(sent_bodies(&endpoint)
        .iter()
        .any(|m| m.contains("blocked a sign-in attempt")));

    // What must not decrypt: another pool's code, another key's, tampered, truncated, not base64.
    let mut tampered = base64::engine::general_purpose::STANDARD
        .decode(&ciphertexts["code"])
        .unwrap();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    let tampered = base64::engine::general_purpose::STANDARD.encode(tampered);
    let truncated = &ciphertexts["code"][..ciphertexts["code"].len() / 2];
    let before = sent_bodies(&endpoint).len();
    for (what, code) in [
        ("another pool", ciphertexts["other pool"].as_str()),
        ("another key", ciphertexts["other key"].as_str()),
        ("tampered", tampered.as_str()),
        ("truncated", truncated),
        ("not base64", "not base64 at all!"),
    ] {
        let (ok, body) = invoke(&aws(&key), &event("SignUp", Some(code)));
        assert!(!ok, "{what}: {body}");
        let error: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            error["errorMessage"], "the code could not be decrypted",
            "{what}"
        );
        assert!(
            !body.contains("918273") && !body.contains("482957"),
            "{what}: {body}"
        );
    }
    assert_eq!(
        sent_bodies(&endpoint).len(),
        before,
        "nothing is sent for a code that does not decrypt"
    );
}

#[test]
fn raw_aes_ciphertexts_of_cognitos_suite() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let key = [7u8; 32];
        let keyring = mpl()
            .create_raw_aes_keyring()
            .key_name("cognito-fixture")
            .key_namespace("tests")
            .wrapping_key(key.to_vec())
            .wrapping_alg(AesWrappingAlg::AlgAes256GcmIv12Tag16)
            .send()
            .await
            .unwrap();
        let code = encrypt(keyring.clone(), "042817", POOL).await;
        let header = base64::engine::general_purpose::STANDARD
            .decode(&code)
            .unwrap();
        // Message format 1, suite 0x0378: what Cognito sends.
        assert_eq!(&header[..4], &[0x01, 0x80, 0x03, 0x78]);
        let decrypt = |code: String, key: [u8; 32], pool: &'static str| async move {
            cognito_triggers::__private::decrypt_with_raw_aes(
                "tests",
                "cognito-fixture",
                key,
                &code,
                pool,
            )
            .await
        };
        assert_eq!(decrypt(code.clone(), key, POOL).await.unwrap(), "042817");
        assert!(decrypt(code.clone(), [8u8; 32], POOL).await.is_err());
        assert!(decrypt(code.clone(), key, "us-east-1_OTHER").await.is_err());
        let mut bytes = base64::engine::general_purpose::STANDARD
            .decode(&code)
            .unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        let error = decrypt(
            base64::engine::general_purpose::STANDARD.encode(&bytes),
            key,
            POOL,
        )
        .await
        .unwrap_err();
        assert_eq!(error.message(), "the code could not be decrypted");
        let error = decrypt(code[..20].to_owned(), key, POOL).await.unwrap_err();
        assert_eq!(error.message(), "the code could not be decrypted");
    });
}
