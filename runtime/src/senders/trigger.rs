//! [`CustomEmailSenderTrigger`] and [`CustomSmsSenderTrigger`]: what `#[custom_email_sender]`
//! and `#[custom_sms_sender]` generate, run by the engine. The event goes back unchanged:
//! Cognito expects no answer from a sender.

use std::sync::OnceLock;

use cognito_triggers_rules::senders::{check_key_arn, email, sms};

use super::decrypt::{unescape_password, Decryptor};
use super::email::CustomEmailSender;
use super::sms::CustomSmsSender;
use crate::engine::env::Strings;
use crate::engine::error::TriggerError;
use crate::engine::event::Envelope;
use crate::engine::outcome::OutcomeFuture;
use crate::engine::{Common, Kind, Response};

/// The function of `#[custom_email_sender]`, adapted by the macro.
#[derive(Clone, Copy)]
pub enum EmailSenderHandler {
    /// `fn send(event: &CustomEmailSender, code: Option<&str>) -> ..`.
    Deliver(for<'e, 'a> fn(&'e CustomEmailSender<'a>, Option<&'e str>) -> OutcomeFuture<'e>),
}

/// The function of `#[custom_sms_sender]`, adapted by the macro.
#[derive(Clone, Copy)]
pub enum SmsSenderHandler {
    /// `fn send(event: &CustomSmsSender, code: Option<&str>) -> ..`.
    Deliver(for<'e, 'a> fn(&'e CustomSmsSender<'a>, Option<&'e str>) -> OutcomeFuture<'e>),
}

/// The configuration the macro writes for one sender attribute.
pub struct CustomSenderConfig<H> {
    /// `triggers`, `init`, `timeout` and the function's name.
    pub common: Common,
    /// `key_arn = ".."` or `env("..")`: the user pool's KMS key.
    pub key_arn: Strings,
    /// The user's function.
    pub handler: H,
}

/// The sender attributes in generated code: compile only with the `senders` feature.
#[diagnostic::on_unimplemented(
    message = "custom senders decrypt the code with the AWS Encryption SDK, which needs the `senders` feature of cognito-triggers",
    label = "needs the `senders` feature",
    note = "enable it: `cognito-triggers = {{ version = \"0.1\", features = [\"senders\"] }}`"
)]
pub trait SendersFeature {}

/// The type that implements [`SendersFeature`] when the feature is on.
pub struct Senders;

#[cfg(feature = "senders")]
impl SendersFeature for Senders {}

/// A sender's key in generated code: compiles only with the `senders` feature.
pub const fn sender_key<F: SendersFeature>(key: Strings) -> Strings {
    key
}

fn check(arn: &str) -> Result<(), String> {
    check_key_arn(arn).map_err(|v| v.to_string())
}

/// The key ARN, the decryptor built once, and the plaintext of one code.
struct Keys {
    decryptor: OnceLock<Decryptor>,
}

impl Keys {
    const fn new() -> Keys {
        Keys {
            decryptor: OnceLock::new(),
        }
    }

    async fn decrypt(
        &self,
        key_arn: &Strings,
        code: &str,
        pool_id: &str,
    ) -> Result<String, TriggerError> {
        let decryptor = match self.decryptor.get() {
            Some(decryptor) => decryptor,
            None => {
                let arn = key_arn.items(check)?;
                let [arn] = arn.as_slice() else {
                    tracing::error!(
                        "configuration: one KMS key ARN is expected, found {}",
                        arn.len()
                    );
                    return Err(TriggerError::new(
                        crate::ErrorKind::Configuration,
                        "the trigger is not configured correctly",
                    ));
                };
                let built = Decryptor::kms(arn).await?;
                // One event at a time: a second builder, if any, is dropped.
                let _ = self.decryptor.set(built);
                self.decryptor
                    .get()
                    .ok_or_else(|| TriggerError::internal("no decryptor"))?
            }
        };
        decryptor.decrypt(code, pool_id).await
    }

    /// What the function receives: `None` in local mode (nothing is decrypted or sent), else
    /// `Some` of the plaintext (a temporary password unescaped), or of `None` without a code.
    async fn code(
        &self,
        key_arn: &Strings,
        encrypted: Option<&str>,
        pool_id: &str,
        temporary_password: bool,
    ) -> Result<Option<Option<String>>, TriggerError> {
        if crate::in_local_mode() {
            return Ok(None);
        }
        let Some(encrypted) = encrypted else {
            return Ok(Some(None));
        };
        let plain = self.decrypt(key_arn, encrypted, pool_id).await?;
        Ok(Some(Some(match temporary_password {
            true => unescape_password(&plain),
            false => plain,
        })))
    }
}

const EMAIL_KIND: Kind = Kind {
    name: "CustomEmailSender",
    title: "custom email sender",
    source_prefix: email::SOURCE_PREFIX,
};

const SMS_KIND: Kind = Kind {
    name: "CustomSMSSender",
    title: "custom SMS sender",
    source_prefix: sms::SOURCE_PREFIX,
};

/// What tells the two senders apart: the event and the function's type.
pub trait Channel: 'static {
    /// The event: [`CustomEmailSender`] or [`CustomSmsSender`].
    type Event<'a>;
    /// The function, as the macro adapts it.
    type Handler: Copy + 'static;
    /// Reads the event.
    fn decode<'a>(envelope: &Envelope<'a>) -> Result<Self::Event<'a>, TriggerError>;
    /// The encrypted code (if any), the pool it was encrypted for, and whether it is a
    /// temporary password.
    fn code<'e>(event: &'e Self::Event<'_>) -> (Option<&'e str>, &'e str, bool);
    /// Calls the function with the event and the plaintext.
    fn deliver<'e>(
        handler: Self::Handler,
        event: &'e Self::Event<'_>,
        code: Option<&'e str>,
    ) -> OutcomeFuture<'e>;
}

/// The email channel of [`SenderTrigger`].
pub struct Email;

/// The SMS channel of [`SenderTrigger`].
pub struct Sms;

impl Channel for Email {
    type Event<'a> = CustomEmailSender<'a>;
    type Handler = EmailSenderHandler;

    fn decode<'a>(envelope: &Envelope<'a>) -> Result<CustomEmailSender<'a>, TriggerError> {
        CustomEmailSender::decode(envelope)
    }

    fn code<'e>(event: &'e CustomEmailSender<'_>) -> (Option<&'e str>, &'e str, bool) {
        let temporary = event.is_temporary_password();
        (
            event.encrypted_code.as_deref(),
            &event.user_pool_id,
            temporary,
        )
    }

    fn deliver<'e>(
        handler: EmailSenderHandler,
        event: &'e CustomEmailSender<'_>,
        code: Option<&'e str>,
    ) -> OutcomeFuture<'e> {
        let EmailSenderHandler::Deliver(send) = handler;
        send(event, code)
    }
}

impl Channel for Sms {
    type Event<'a> = CustomSmsSender<'a>;
    type Handler = SmsSenderHandler;

    fn decode<'a>(envelope: &Envelope<'a>) -> Result<CustomSmsSender<'a>, TriggerError> {
        CustomSmsSender::decode(envelope)
    }

    fn code<'e>(event: &'e CustomSmsSender<'_>) -> (Option<&'e str>, &'e str, bool) {
        let temporary = event.is_temporary_password();
        (
            event.encrypted_code.as_deref(),
            &event.user_pool_id,
            temporary,
        )
    }

    fn deliver<'e>(
        handler: SmsSenderHandler,
        event: &'e CustomSmsSender<'_>,
        code: Option<&'e str>,
    ) -> OutcomeFuture<'e> {
        let SmsSenderHandler::Deliver(send) = handler;
        send(event, code)
    }
}

/// A custom sender of one channel: the macro's configuration and the decryptor it builds.
pub struct SenderTrigger<C: Channel> {
    config: CustomSenderConfig<C::Handler>,
    keys: Keys,
}

/// A custom email sender: `#[custom_email_sender] fn send` defines it as `static SEND`.
pub type CustomEmailSenderTrigger = SenderTrigger<Email>;

/// A custom SMS sender: `#[custom_sms_sender] fn send` defines it as `static SEND`.
pub type CustomSmsSenderTrigger = SenderTrigger<Sms>;

impl<C: Channel> SenderTrigger<C> {
    /// Wraps a configuration; nothing runs until the first event.
    pub const fn new(config: CustomSenderConfig<C::Handler>) -> SenderTrigger<C> {
        SenderTrigger {
            config,
            keys: Keys::new(),
        }
    }

    fn prepare_key(&self) {
        self.config.key_arn.prepare(check);
    }

    async fn respond_to(&self, envelope: &Envelope<'_>) -> Result<Option<Response>, TriggerError> {
        let event = C::decode(envelope)?;
        let (encrypted, pool_id, temporary) = C::code(&event);
        let Some(code) = self
            .keys
            .code(&self.config.key_arn, encrypted, pool_id, temporary)
            .await?
        else {
            return Ok(None);
        };
        self.config
            .common
            .call(C::deliver(self.config.handler, &event, code.as_deref()))
            .await?;
        Ok(None)
    }

    /// The key ARN as written (an `env("..")` one is read at cold start), for local mode.
    #[cfg(any(debug_assertions, feature = "local"))]
    pub(crate) fn key_description(&self) -> String {
        describe(&self.config.key_arn)
    }
}

#[cfg(any(debug_assertions, feature = "local"))]
fn describe(key: &Strings) -> String {
    match key {
        Strings::Static(list) => list.first().copied().unwrap_or_default().to_owned(),
        Strings::Env(var) => format!("the key in `{}`", var.name()),
    }
}

crate::engine::source::trigger_impl!(CustomEmailSenderTrigger, EMAIL_KIND, prepare = prepare_key);
crate::engine::source::trigger_impl!(CustomSmsSenderTrigger, SMS_KIND, prepare = prepare_key);

/// Decrypts a code with a raw AES-256 keyring, as the trigger does with its KMS keyring: for
/// tests of ciphertexts made without KMS. Not a public API.
#[doc(hidden)]
#[cfg(feature = "senders")]
pub async fn decrypt_with_raw_aes(
    namespace: &str,
    name: &str,
    key: [u8; 32],
    code: &str,
    pool_id: &str,
) -> Result<String, TriggerError> {
    Decryptor::raw_aes(namespace, name, key)
        .await?
        .decrypt(code, pool_id)
        .await
}
