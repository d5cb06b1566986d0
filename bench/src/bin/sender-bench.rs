//! The `senders` rows: cold start, peak RSS and bootstrap size of a `#[custom_email_sender]`
//! bootstrap (`bench/src/bin/generated-sender.rs`) against the hand-written sender doing the
//! same decryption (`bench/src/bin/handwritten-sender.rs`), both decrypting a code through
//! moto's KMS; then the time to decrypt one code: per warm event through each bootstrap, and
//! in-process with the Encryption SDK through moto's KMS and with a raw AES keyring (the
//! cryptography alone). `bench/run.sh` builds the bootstraps and runs this.
//!
//! Usage: sender-bench --ours BOOTSTRAP --handwritten BOOTSTRAP [--quick]

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use aws_esdk::material_providers::client as mpl_client;
use aws_esdk::material_providers::types::keyring::KeyringRef;
use aws_esdk::material_providers::types::material_providers_config::MaterialProvidersConfig;
use aws_esdk::material_providers::types::{
    AesWrappingAlg, EsdkAlgorithmSuiteId, EsdkCommitmentPolicy,
};
use aws_esdk::types::aws_encryption_sdk_config::AwsEncryptionSdkConfig;
use base64::Engine as _;
use cognito_triggers::testing::RuntimeApi;
use cognito_triggers_bench::measure::{
    median, median_cold_starts_with, pair_args, print_pair_rows, size_kib,
};
use cognito_triggers_bench::senders;
use cognito_triggers_tests::Moto;
use serde_json::json;

const POOL: &str = "us-east-1_EXAMPLE";

/// `plaintext` encrypted as Cognito does: the non-committing, signing suite 0x0378 and the
/// pool id in the encryption context.
async fn encrypt(keyring: &KeyringRef, plaintext: &str) -> String {
    let config = AwsEncryptionSdkConfig::builder()
        .commitment_policy(EsdkCommitmentPolicy::ForbidEncryptAllowDecrypt)
        .build()
        .unwrap();
    let out = aws_esdk::client::Client::from_conf(config)
        .unwrap()
        .encrypt()
        .plaintext(plaintext.as_bytes().to_vec())
        .keyring(keyring.clone())
        .encryption_context(HashMap::from([("userpool-id".to_owned(), POOL.to_owned())]))
        .algorithm_suite_id(EsdkAlgorithmSuiteId::AlgAes256GcmIv12Tag16HkdfSha384EcdsaP384)
        .send()
        .await
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(out.ciphertext.unwrap().into_inner())
}

fn event(code: &str) -> Vec<u8> {
    json!({
        "version": "1", "triggerSource": "CustomEmailSender_SignUp", "region": "us-east-1",
        "userPoolId": POOL, "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {
            "type": "customEmailSenderRequestV1", "code": code, "clientMetadata": null,
            "userAttributes": {"email": "jane@example.com", "email_verified": "true"}
        }
    })
    .to_string()
    .into_bytes()
}

/// Median time per warm event of one running bootstrap: `runs` invocations after a first one.
fn warm_event_ms(program: &Path, env: &[(&str, &str)], event: &[u8], runs: usize) -> f64 {
    let api = RuntimeApi::bind().unwrap();
    let mut command = api.command(program);
    command
        .envs(env.iter().copied())
        .env("AWS_LAMBDA_LOG_LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = command.spawn().unwrap();
    let mut session = api.accept(&mut child, Duration::from_secs(20)).unwrap();
    assert!(session.invoke(event).unwrap().is_success());
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let answer = session.invoke(event).unwrap();
            assert!(answer.is_success());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    median(times)
}

fn main() {
    let (ours, handwritten, runs) = pair_args("generated-sender", "handwritten-sender");
    let moto = Moto::start();
    let endpoint = moto.endpoint();
    let env = [
        ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "bench"),
        ("AWS_SECRET_ACCESS_KEY", "bench"),
        ("AWS_CONFIG_FILE", "/nonexistent"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    for (key, value) in env {
        // SAFETY: no other thread of this process runs yet.
        unsafe { std::env::set_var(key, value) };
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mpl =
        mpl_client::Client::from_conf(MaterialProvidersConfig::builder().build().unwrap()).unwrap();
    let (key_arn, kms_code, kms_keyring) = runtime.block_on(async {
        let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        let created = aws_sdk_kms::Client::new(&config)
            .create_key()
            .send()
            .await
            .unwrap();
        let arn = created.key_metadata.unwrap().arn.unwrap();
        let keyring = senders::kms_keyring(&arn).await.unwrap();
        let code = encrypt(&keyring, "482957").await;
        (arn, code, keyring)
    });
    let (aes_code, aes_keyring) = runtime.block_on(async {
        let keyring = mpl
            .create_raw_aes_keyring()
            .key_name("bench")
            .key_namespace("bench")
            .wrapping_key([7u8; 32].to_vec())
            .wrapping_alg(AesWrappingAlg::AlgAes256GcmIv12Tag16)
            .send()
            .await
            .unwrap();
        (encrypt(&keyring, "482957").await, keyring)
    });

    let mut bootstrap_env = env.to_vec();
    bootstrap_env.push(("KMS_KEY_ARN", key_arn.as_str()));
    let body = event(&kms_code);
    let [(ours_ms, ours_rss, _), (hw_ms, hw_rss, _)] =
        median_cold_starts_with([&[&ours], &[&handwritten]], &bootstrap_env, &body, runs);
    let warm_runs = runs * 10;
    let ours_warm = warm_event_ms(&ours, &bootstrap_env, &body, warm_runs);
    let hw_warm = warm_event_ms(&handwritten, &bootstrap_env, &body, warm_runs);

    let client = senders::esdk().unwrap();
    let in_process = |keyring: &KeyringRef, code: &str| -> f64 {
        let times = (0..warm_runs)
            .map(|_| {
                runtime.block_on(async {
                    let start = Instant::now();
                    let plaintext = senders::decrypt(&client, keyring, code, POOL)
                        .await
                        .unwrap();
                    assert_eq!(plaintext, "482957");
                    start.elapsed().as_secs_f64() * 1000.0
                })
            })
            .collect();
        median(times)
    };
    let kms_ms = in_process(&kms_keyring, &kms_code);
    let aes_ms = in_process(&aes_keyring, &aes_code);

    let all = print_pair_rows(
        "measure (custom email sender, senders feature)",
        &[
            (
                "cold start: spawn → first response (with the KMS Decrypt call to moto)",
                ours_ms,
                hw_ms,
                "ms",
            ),
            (
                "peak RSS at first response",
                ours_rss as f64 / 1024.0,
                hw_rss as f64 / 1024.0,
                "MiB",
            ),
            (
                "bootstrap size (cargo lambda build --release)",
                size_kib(&ours),
                size_kib(&handwritten),
                "KiB",
            ),
        ],
    );
    println!(
        "| warm event: one code decrypted through moto's KMS ({warm_runs} events, median) | {ours_warm:.3} ms | {hw_warm:.3} ms | {:.2}× | — | — |",
        ours_warm / hw_warm
    );
    println!();
    println!(
        "all senders targets met: {}",
        if all { "yes" } else { "no" }
    );
    println!();
    println!(
        "Decrypting one code in-process ({warm_runs} decryptions, median): {kms_ms:.3} ms with the KMS keyring through moto, {aes_ms:.3} ms with a raw AES keyring (the cryptography alone: ECDSA P-384 verification, HKDF, AES-GCM)"
    );
}
