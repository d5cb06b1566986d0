//! The inbound federation event: what the identity provider sent, before Cognito writes the
//! federated user's profile.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use cognito_triggers_rules::migration::inbound_federation::SOURCE_PREFIX;

use crate::engine::decode::{nullish, string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked inbound federation (`triggerSource` without its
    /// `InboundFederation_` prefix).
    pub enum InboundFederationSource, prefix SOURCE_PREFIX, {
        /// A sign-in through an identity provider (`ExternalProvider`).
        ExternalProvider,
    }
}

/// The kind of identity provider (`request.providerType`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProviderType {
    /// An OpenID Connect provider.
    Oidc,
    /// A SAML 2.0 provider.
    Saml,
    /// Facebook.
    Facebook,
    /// Google.
    Google,
    /// Sign in with Apple.
    SignInWithApple,
    /// Login with Amazon.
    LoginWithAmazon,
    /// A type this version of the crate does not know, as sent (empty when absent).
    #[default]
    Unknown,
    /// Another type, as sent.
    Other(String),
}

impl ProviderType {
    fn from_wire(value: &str) -> ProviderType {
        match value {
            "OIDC" => ProviderType::Oidc,
            "SAML" => ProviderType::Saml,
            "Facebook" => ProviderType::Facebook,
            "Google" => ProviderType::Google,
            "SignInWithApple" => ProviderType::SignInWithApple,
            "LoginWithAmazon" => ProviderType::LoginWithAmazon,
            "" => ProviderType::Unknown,
            other => ProviderType::Other(other.to_owned()),
        }
    }
}

fn provider_type<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ProviderType, D::Error> {
    let text: Option<Cow<'de, str>> = Option::deserialize(deserializer)?;
    Ok(ProviderType::from_wire(text.as_deref().unwrap_or_default()))
}

/// What the identity provider sent (`request.attributes`), each part as JSON; absent parts
/// are empty. `token_response` holds the provider's tokens: never log it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "an object of the provider's attributes"
)]
#[non_exhaustive]
pub struct ProviderAttributes {
    /// The provider's `/token` answer (OIDC and social providers).
    #[serde(default, deserialize_with = "nullish")]
    pub token_response: Map<String, Value>,
    /// The ID token's claims (OIDC and social providers).
    #[serde(default, deserialize_with = "nullish")]
    pub id_token: Map<String, Value>,
    /// The userInfo endpoint's answer (OIDC and social providers).
    #[serde(default, deserialize_with = "nullish")]
    pub user_info: Map<String, Value>,
    /// The SAML assertion's attributes (SAML providers).
    #[serde(default, deserialize_with = "nullish")]
    pub saml_response: Map<String, Value>,
}

impl ProviderAttributes {
    /// One part by its name in `map(..)`: `tokenResponse`, `idToken`, `userInfo`,
    /// `samlResponse`.
    pub fn part(&self, source: &str) -> Option<&Map<String, Value>> {
        match source {
            "tokenResponse" => Some(&self.token_response),
            "idToken" => Some(&self.id_token),
            "userInfo" => Some(&self.user_info),
            "samlResponse" => Some(&self.saml_response),
            _ => None,
        }
    }
}

crate::engine::source::trigger_event! {
    /// An inbound federation event, as the handler sees it.
    ///
    /// ```
    /// use cognito_triggers::{InboundFederation, ProviderType};
    ///
    /// let text = r#"{"triggerSource": "InboundFederation_ExternalProvider", "request": {
    ///     "providerName": "Okta", "providerType": "OIDC",
    ///     "attributes": {"idToken": {"email": "jane@example.com", "email_verified": true}}}}"#;
    /// InboundFederation::read(text, |event| {
    ///     assert_eq!(event.provider_type, ProviderType::Oidc);
    ///     assert_eq!(event.claim("idToken", "email").and_then(|v| v.as_str()), Some("jane@example.com"));
    ///     assert!(event.attributes.saml_response.is_empty());
    /// })
    /// .unwrap();
    /// ```
    pub struct InboundFederation, source InboundFederationSource {
        /// The provider's name in the user pool (`request.providerName`).
        #[serde(default, borrow, deserialize_with = "crate::engine::decode::str_or_empty")]
        pub provider_name: Cow<'a, str>,
        /// The provider's type (`request.providerType`).
        #[serde(default, deserialize_with = "provider_type")]
        pub provider_type: ProviderType,
        /// What the provider sent (`request.attributes`).
        #[serde(default, deserialize_with = "nullish")]
        pub attributes: ProviderAttributes,
        /// The user's attributes when Cognito sends them (`request.userAttributes`; usually
        /// absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
    }
}

impl InboundFederation<'_> {
    /// A claim of one part of what the provider sent: `claim("idToken", "email")`.
    pub fn claim(&self, source: &str, claim: &str) -> Option<&Value> {
        self.attributes.part(source)?.get(claim)
    }
}
