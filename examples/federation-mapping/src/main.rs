//! Inbound federation from two identity providers into one user profile: an OIDC provider
//! (email from the ID token, names from the userInfo endpoint) and a SAML provider (the
//! standard claim URIs), with group lists cut to Cognito's 2,048-character attribute limit
//! instead of failing the sign-in. The function records which provider the user came from.
//!
//! Cognito keeps exactly the attributes in the answer, so the map lists all of them; a claim
//! the provider did not send is left out.
//!
//! `cargo run -p federation-mapping` runs the OIDC sample; `--event events/saml.json` the
//! SAML one.

use cognito_triggers::{inbound_federation, AttributeMap, InboundFederation};

#[inbound_federation(
    map(
        email = "idToken.email",
        email_verified = "idToken.email_verified",
        given_name = "userInfo.given_name",
        family_name = "userInfo.family_name",
        "custom:groups" = "userInfo.groups",
        "custom:saml_email" = "samlResponse.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "custom:saml_groups" = "samlResponse.http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
    ),
    truncate = 2048,
)]
fn handler(event: &InboundFederation) -> AttributeMap {
    AttributeMap::default().attribute("custom:idp", event.provider_name.as_ref())
}
