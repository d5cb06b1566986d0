//! Simulated tokens signed RS256, with the JWKS to verify them (feature `jwt`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::Tokens;

/// An RSA key generated at start, for signing simulated tokens locally.
pub struct SigningKey {
    key: EncodingKey,
    kid: String,
    n: String,
    e: String,
}

/// Simulated tokens as compact JWTs, with the JWKS that verifies them.
#[derive(Clone, Debug, Serialize)]
pub struct SignedTokens {
    /// The ID token; absent for client credentials grants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// The access token.
    pub access_token: String,
    /// `{"keys": [..]}`, as Cognito serves it at `/.well-known/jwks.json`.
    pub jwks: Value,
}

/// Why signing failed.
#[derive(Debug)]
pub struct JwtError(String);

impl std::fmt::Display for JwtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JwtError {}

impl SigningKey {
    /// Generates a 2048-bit RSA key.
    pub fn generate() -> Result<SigningKey, JwtError> {
        let mut rng = rsa::rand_core::OsRng;
        let private = RsaPrivateKey::new(&mut rng, 2048)
            .map_err(|e| JwtError(format!("cannot generate an RSA key: {e}")))?;
        let der = private
            .to_pkcs1_der()
            .map_err(|e| JwtError(format!("cannot encode the RSA key: {e}")))?;
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        let kid = format!("local-{}", &n[..16]);
        Ok(SigningKey {
            key: EncodingKey::from_rsa_der(der.as_bytes()),
            kid,
            n,
            e,
        })
    }

    /// The key id (`kid`) in every token header.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// `{"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid", "n", "e"}]}`.
    pub fn jwks(&self) -> Value {
        json!({"keys": [{
            "alg": "RS256", "e": self.e, "kid": self.kid, "kty": "RSA", "n": self.n, "use": "sig"
        }]})
    }

    /// Signs one token's claims.
    pub fn sign(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.key)
            .map_err(|e| JwtError(format!("cannot sign the token: {e}")))
    }

    /// Signs both tokens.
    pub fn sign_tokens(&self, tokens: &Tokens) -> Result<SignedTokens, JwtError> {
        Ok(SignedTokens {
            id_token: tokens.id_token.as_ref().map(|t| self.sign(t)).transpose()?,
            access_token: self.sign(&tokens.access_token)?,
            jwks: self.jwks(),
        })
    }
}
