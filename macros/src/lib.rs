//! The trigger attributes of the `cognito-triggers` crate (`#[pre_token_generation]`,
//! `#[pre_sign_up]`, `#[post_confirmation]`, `#[pre_authentication]`, `#[post_authentication]`,
//! `#[custom_message]`, `#[define_auth_challenge]`, `#[create_auth_challenge]`,
//! `#[verify_auth_challenge]`, `#[user_migration]`, `#[inbound_federation]`, `#[custom_email_sender]`,
//! `#[custom_sms_sender]`). Use them through `cognito_triggers`; their documentation lives there.

mod common;
mod custom_auth;
mod custom_message;
mod inbound_federation;
mod post_authentication;
mod post_confirmation;
mod pre_authentication;
mod pre_sign_up;
mod pre_token;
mod senders;
mod user_migration;

use proc_macro::TokenStream;

/// Declares an Amazon Cognito pre token generation trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn pre_token_generation(attr: TokenStream, item: TokenStream) -> TokenStream {
    pre_token::pre_token_generation(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito pre sign-up trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn pre_sign_up(attr: TokenStream, item: TokenStream) -> TokenStream {
    pre_sign_up::pre_sign_up(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito post confirmation trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn post_confirmation(attr: TokenStream, item: TokenStream) -> TokenStream {
    post_confirmation::post_confirmation(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito pre authentication trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn pre_authentication(attr: TokenStream, item: TokenStream) -> TokenStream {
    pre_authentication::pre_authentication(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito post authentication trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn post_authentication(attr: TokenStream, item: TokenStream) -> TokenStream {
    post_authentication::post_authentication(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito custom message trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn custom_message(attr: TokenStream, item: TokenStream) -> TokenStream {
    custom_message::custom_message(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito define auth challenge trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn define_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    custom_auth::define_auth_challenge(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito create auth challenge trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn create_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    custom_auth::create_auth_challenge(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito verify auth challenge response trigger. See the
/// `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn verify_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    custom_auth::verify_auth_challenge(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito user migration trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn user_migration(attr: TokenStream, item: TokenStream) -> TokenStream {
    user_migration::user_migration(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito inbound federation trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn inbound_federation(attr: TokenStream, item: TokenStream) -> TokenStream {
    inbound_federation::inbound_federation(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito custom email sender trigger (feature `senders`). See the
/// `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn custom_email_sender(attr: TokenStream, item: TokenStream) -> TokenStream {
    senders::custom_email_sender(attr.into(), item.into()).into()
}

/// Declares an Amazon Cognito custom SMS sender trigger (feature `senders`). See the
/// `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn custom_sms_sender(attr: TokenStream, item: TokenStream) -> TokenStream {
    senders::custom_sms_sender(attr.into(), item.into()).into()
}
