//! `#[pre_token_generation]`: validate → expand, on the shared argument syntax.

pub mod expand;
pub mod validate;

use proc_macro2::TokenStream;

use crate::common::attribute;

/// The whole attribute, on `proc_macro2` streams.
pub fn pre_token_generation(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<validate::Config>(attr, item)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::pre_token_generation;

    fn expand(attr: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
        let out = pre_token_generation(attr, item);
        match syn::parse2::<syn::File>(out.clone()) {
            Ok(file) => prettyplease::unparse(&file),
            Err(_) => out.to_string(),
        }
    }

    #[test]
    fn amplify_page() {
        insta::assert_snapshot!(expand(
            quote!(
                groups = ["amplify_group_1"],
                claims(amplfy_attribute = "amplify_gen_2")
            ),
            quote!(
                async fn handler() {}
            ),
        ));
    }

    #[test]
    fn every_argument() {
        insta::assert_snapshot!(expand(
            quote!(
                version = "V2_0",
                groups(add = ["editors"], remove = ["guests"]),
                iam_roles = ["arn:aws:iam::123456789012:role/editor"],
                preferred_role = "arn:aws:iam::123456789012:role/editor",
                id_token(claims(n = -2, tenant = attr("custom:tenant", default = "none")), suppress = ["email"]),
                access_token(claims(obj = {"a": [1, 2.5, true]}), scopes(add = ["api/read"], suppress = ["phone"])),
                triggers = ["Authentication"],
                init = setup,
                main = false,
                crate = "facade::triggers",
            ),
            quote!(
                pub fn handler(event: &PreTokenGeneration) -> Overrides {
                    Overrides::default()
                }
            ),
        ));
    }

    #[test]
    fn errors_keep_the_function() {
        let out = expand(
            quote!(claims(sub = "x"), supress = ["email"]),
            quote!(
                async fn handler() {}
            ),
        );
        insta::assert_snapshot!(out);
        assert!(out.contains("async fn handler() {}"));
        assert_eq!(out.matches("compile_error").count(), 2);
    }
}
