//! `#[post_authentication]`: the common arguments and the function; no arguments of its own.

use proc_macro2::TokenStream;

use cognito_triggers_rules::lifecycle::post_authentication as rules;

use crate::common::plain::{CommonOnly, Plain};
use crate::common::{attribute, Sources};

/// The names of `#[post_authentication]`.
pub struct PostAuthentication;

impl Plain for PostAuthentication {
    const NAME: &'static str = "post_authentication";
    const EVENT: &'static str = "PostAuthentication";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "Authentication",
    };
    const TITLE: &'static str = "post authentication";
    const TRIGGER: &'static str = "PostAuthenticationTrigger";
    const CONFIG: &'static str = "PostAuthenticationConfig";
    const HANDLER: &'static str = "PostAuthenticationHandler";
}

/// The whole attribute, on `proc_macro2` streams.
pub fn post_authentication(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<CommonOnly<PostAuthentication>>(attr, item)
}
