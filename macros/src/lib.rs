//! The `#[pre_token_generation]` attribute of the `cognito-triggers` crate. Use it through
//! `cognito_triggers::pre_token_generation`; its documentation lives there.

mod errors;
mod pre_token;

use proc_macro::TokenStream;

/// Declares an Amazon Cognito pre token generation trigger. See the `cognito-triggers` crate.
#[proc_macro_attribute]
pub fn pre_token_generation(attr: TokenStream, item: TokenStream) -> TokenStream {
    pre_token::pre_token_generation(attr.into(), item.into()).into()
}
