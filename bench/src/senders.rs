//! The hand-written custom email sender of the `senders` rows (feature `senders`): the code
//! decrypted with the AWS Encryption SDK for Rust and a KMS keyring built at cold start, as a
//! Rust user writes it today (no Rust library has types for this trigger). The plaintext is
//! handed to [`std::hint::black_box`], as the generated sender's function does.

use std::collections::HashMap;

use aws_esdk::client as esdk_client;
use aws_esdk::material_providers::client as mpl_client;
use aws_esdk::material_providers::types::keyring::KeyringRef;
use aws_esdk::material_providers::types::material_providers_config::MaterialProvidersConfig;
use aws_esdk::material_providers::types::EsdkCommitmentPolicy;
use aws_esdk::types::aws_encryption_sdk_config::AwsEncryptionSdkConfig;
use base64::Engine as _;
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    user_pool_id: String,
    request: Request,
}

#[derive(Deserialize)]
struct Request {
    code: Option<String>,
}

/// An Encryption SDK client that decrypts Cognito's non-committing suite.
pub fn esdk() -> Result<esdk_client::Client, Error> {
    let config = AwsEncryptionSdkConfig::builder()
        .commitment_policy(EsdkCommitmentPolicy::RequireEncryptAllowDecrypt)
        .build()?;
    Ok(esdk_client::Client::from_conf(config)?)
}

/// A KMS keyring for `key_arn` whose client comes from the standard AWS environment.
pub async fn kms_keyring(key_arn: &str) -> Result<KeyringRef, Error> {
    let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let mpl = mpl_client::Client::from_conf(MaterialProvidersConfig::builder().build()?)?;
    Ok(mpl
        .create_aws_kms_keyring()
        .kms_key_id(key_arn)
        .kms_client(aws_sdk_kms::Client::new(&sdk))
        .send()
        .await?)
}

/// The plaintext of a base64 `code` encrypted for `pool`.
pub async fn decrypt(
    client: &esdk_client::Client,
    keyring: &KeyringRef,
    code: &str,
    pool: &str,
) -> Result<String, Error> {
    let ciphertext = base64::engine::general_purpose::STANDARD.decode(code)?;
    let output = client
        .decrypt()
        .ciphertext(ciphertext)
        .keyring(keyring.clone())
        .encryption_context(HashMap::from([("userpool-id".to_owned(), pool.to_owned())]))
        .send()
        .await?;
    let plaintext = output.plaintext.ok_or("no plaintext")?;
    Ok(String::from_utf8(plaintext.into_inner())?)
}

/// Builds the client and the keyring (key from `KMS_KEY_ARN`) and serves events until the
/// runtime API goes away.
pub async fn serve_email_sender() -> Result<(), Error> {
    let key_arn = std::env::var("KMS_KEY_ARN")?;
    let client = &esdk()?;
    let keyring = &kms_keyring(&key_arn).await?;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Event>| async move {
        let event = event.payload;
        if let Some(code) = &event.request.code {
            let code = decrypt(client, keyring, code, &event.user_pool_id).await?;
            std::hint::black_box(code);
        }
        Ok::<_, Error>(())
    }))
    .await
}
