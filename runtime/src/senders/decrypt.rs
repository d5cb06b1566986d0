//! The code's decryption: the AWS Encryption SDK for Rust with a KMS keyring (feature
//! `senders`). Cognito encrypts each code with the pool's KMS key, the non-committing suite
//! AES-256-GCM/HKDF-SHA384/ECDSA-P384 (`0x0378`) and `userpool-id` in the encryption context,
//! so the client's commitment policy must allow non-committing decryption, and decryption
//! requires that context: a code made for another pool does not decrypt.

/// What Cognito receives when a code cannot be decrypted: the detail goes to the log.
pub(crate) const NOT_DECRYPTED: &str = "the code could not be decrypted";

#[cfg(feature = "senders")]
mod esdk {
    use std::collections::HashMap;

    use aws_esdk::client as esdk_client;
    use aws_esdk::material_providers::client as mpl_client;
    use aws_esdk::material_providers::types::keyring::KeyringRef;
    use aws_esdk::material_providers::types::material_providers_config::MaterialProvidersConfig;
    use aws_esdk::material_providers::types::EsdkCommitmentPolicy;
    use aws_esdk::types::aws_encryption_sdk_config::AwsEncryptionSdkConfig;
    use base64::Engine as _;

    use super::NOT_DECRYPTED;
    use crate::engine::error::TriggerError;

    /// An Encryption SDK client and a keyring: built once per cold start.
    pub struct Decryptor {
        client: esdk_client::Client,
        keyring: KeyringRef,
    }

    fn failed(what: &str, detail: impl std::fmt::Display) -> TriggerError {
        tracing::error!("{what}: {detail}");
        TriggerError::internal(NOT_DECRYPTED)
    }

    /// A client whose commitment policy decrypts Cognito's non-committing suite (and never
    /// encrypts without commitment).
    fn client() -> Result<esdk_client::Client, TriggerError> {
        let config = AwsEncryptionSdkConfig::builder()
            .commitment_policy(EsdkCommitmentPolicy::RequireEncryptAllowDecrypt)
            .build()
            .map_err(|e| failed("Encryption SDK configuration", e))?;
        esdk_client::Client::from_conf(config).map_err(|e| failed("Encryption SDK client", e))
    }

    fn material_providers() -> Result<mpl_client::Client, TriggerError> {
        let config = MaterialProvidersConfig::builder()
            .build()
            .map_err(|e| failed("material providers configuration", e))?;
        mpl_client::Client::from_conf(config).map_err(|e| failed("material providers", e))
    }

    impl Decryptor {
        /// A KMS keyring for `key_arn`, its KMS client from the standard AWS environment
        /// (`AWS_ENDPOINT_URL` reaches an emulator).
        pub async fn kms(key_arn: &str) -> Result<Decryptor, TriggerError> {
            let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
            let keyring = material_providers()?
                .create_aws_kms_keyring()
                .kms_key_id(key_arn)
                .kms_client(aws_sdk_kms::Client::new(&sdk))
                .send()
                .await
                .map_err(|e| failed("KMS keyring", e))?;
            Ok(Decryptor {
                client: client()?,
                keyring,
            })
        }

        /// A raw AES-256 keyring (`namespace`, `name`, a 32-byte key): for ciphertexts made
        /// without KMS, as in tests.
        pub async fn raw_aes(
            namespace: &str,
            name: &str,
            key: [u8; 32],
        ) -> Result<Decryptor, TriggerError> {
            let keyring = material_providers()?
                .create_raw_aes_keyring()
                .key_name(name)
                .key_namespace(namespace)
                .wrapping_key(key.to_vec())
                .wrapping_alg(
                    aws_esdk::material_providers::types::AesWrappingAlg::AlgAes256GcmIv12Tag16,
                )
                .send()
                .await
                .map_err(|e| failed("raw AES keyring", e))?;
            Ok(Decryptor {
                client: client()?,
                keyring,
            })
        }

        /// The plaintext of a base64 code encrypted for `pool_id`.
        pub async fn decrypt(&self, code: &str, pool_id: &str) -> Result<String, TriggerError> {
            let ciphertext = base64::engine::general_purpose::STANDARD
                .decode(code.trim())
                .map_err(|e| failed("the code is not base64", e))?;
            let context = HashMap::from([(
                cognito_triggers_rules::senders::POOL_CONTEXT_KEY.to_owned(),
                pool_id.to_owned(),
            )]);
            let output = self
                .client
                .decrypt()
                .ciphertext(ciphertext)
                .keyring(self.keyring.clone())
                .encryption_context(context)
                .send()
                .await
                .map_err(|e| failed("the Encryption SDK refused the code", e))?;
            let plaintext = output
                .plaintext
                .ok_or_else(|| failed("decryption", "no plaintext"))?;
            String::from_utf8(plaintext.into_inner())
                .map_err(|_| failed("decryption", "the plaintext is not UTF-8"))
        }
    }
}

#[cfg(feature = "senders")]
pub use esdk::Decryptor;

/// Without the `senders` feature there is nothing to decrypt with (the attributes refuse to
/// compile without it; this keeps the types whole).
#[cfg(not(feature = "senders"))]
pub struct Decryptor;

#[cfg(not(feature = "senders"))]
use crate::engine::error::TriggerError;

#[cfg(not(feature = "senders"))]
impl Decryptor {
    /// Always an error: the feature is off.
    pub async fn kms(_key_arn: &str) -> Result<Decryptor, TriggerError> {
        tracing::error!("custom senders need the `senders` feature of cognito-triggers");
        Err(TriggerError::internal(NOT_DECRYPTED))
    }

    /// Always an error: the feature is off.
    pub async fn decrypt(&self, _code: &str, _pool_id: &str) -> Result<String, TriggerError> {
        Err(TriggerError::internal(NOT_DECRYPTED))
    }
}

/// A temporary password as Cognito encrypted it (HTML-escaped) read back as typed.
pub(crate) fn unescape_password(text: &str) -> String {
    #[cfg(feature = "senders")]
    return html_escape::decode_html_entities(text).into_owned();
    #[cfg(not(feature = "senders"))]
    text.to_owned()
}
