//! `#[pre_token_generation]`: parse → validate → expand.

pub mod expand;
pub mod parse;
pub mod validate;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::spanned::Spanned;
use syn::{FnArg, Item, ItemFn};

use crate::errors::Errors;
use parse::Args;
use validate::Config;

/// The whole attribute, on `proc_macro2` streams.
pub fn pre_token_generation(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let wants_main_by_tokens = !attr
        .clone()
        .into_iter()
        .any(|t| matches!(&t, TokenTree::Ident(i) if i == "main"));
    let config = match syn::parse2::<Args>(attr) {
        Ok(args) => Some(Config::from_args(&args, &mut errors)),
        Err(e) => {
            errors.add(e);
            None
        }
    };
    let func = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(func) => {
            check_signature(&func, &mut errors);
            Some(func)
        }
        Err(_) => {
            errors.push(
                item_keyword_span(&item),
                "`#[pre_token_generation]` goes on a function, such as `async fn handler() {}`",
            );
            None
        }
    };
    match (errors.finish(), config, func) {
        (Ok(()), Some(config), Some(func)) => expand::expand(&config, &func),
        (result, config, _) => {
            // Keep the user's item so that the rest of the crate still type-checks, and a
            // placeholder `main` so that the only errors are the attribute's.
            let mut out = item;
            if let Err(e) = result {
                out.extend(e.to_compile_error());
            }
            if config.map_or(wants_main_by_tokens, |c| c.main) {
                out.extend(quote!(
                    fn main() {}
                ));
            }
            out
        }
    }
}

fn item_keyword_span(item: &TokenStream) -> proc_macro2::Span {
    match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Struct(s)) => s.struct_token.span,
        Ok(Item::Enum(e)) => e.enum_token.span,
        Ok(Item::Const(c)) => c.const_token.span,
        Ok(Item::Static(s)) => s.static_token.span,
        Ok(Item::Impl(i)) => i.impl_token.span,
        Ok(Item::Mod(m)) => m.mod_token.span,
        Ok(Item::Trait(t)) => t.trait_token.span,
        Ok(Item::Type(t)) => t.type_token.span,
        Ok(Item::Use(u)) => u.use_token.span,
        _ => item
            .clone()
            .into_iter()
            .next()
            .map_or_else(proc_macro2::Span::call_site, |t| t.span()),
    }
}

/// Signatures the runtime cannot call, reported on the user's tokens.
fn check_signature(func: &ItemFn, errors: &mut Errors) {
    let sig = &func.sig;
    if let Some(token) = &sig.constness {
        errors.push(
            token.span,
            "a trigger function cannot be `const`: it runs for every event",
        );
    }
    if let Some(token) = &sig.unsafety {
        errors.push(token.span, "a trigger function cannot be `unsafe`");
    }
    if let Some(abi) = &sig.abi {
        errors.push(abi.span(), "a trigger function cannot have an `extern` ABI");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(
            sig.generics.span(),
            "a trigger function cannot be generic: Cognito sends one event type, `&PreTokenGeneration`",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(variadic.span(), "a trigger function cannot be variadic");
    }
    for (i, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(receiver) => errors.push(
                receiver.span(),
                "a trigger function cannot take `self`: write a free function `fn handler(event: &PreTokenGeneration)`",
            ),
            FnArg::Typed(typed) if i >= 1 => errors.push(
                typed.span(),
                "a trigger function takes at most one parameter, `event: &PreTokenGeneration`",
            ),
            FnArg::Typed(_) => {}
        }
    }
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
