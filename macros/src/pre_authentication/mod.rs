//! `#[pre_authentication]`: `require_verified`, `clients(allow = ..)`, `message`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::lifecycle::{check_client_id, pre_authentication as rules};

use crate::common::args::Args;
use crate::common::errors::Errors;
use crate::common::values::{
    expect_list, message, string_list, strings, unknown_key, Seen, StringList,
};
use crate::common::{
    attribute, option, outcome_handler, trigger_static, Attribute, CommonArgs, Sources,
};

/// The checked attribute.
pub struct Config {
    pub require_verified: Vec<LitStr>,
    pub clients: Option<StringList>,
    pub message: Option<LitStr>,
    pub common: CommonArgs,
}

const KEYS: &[&str] = &["require_verified", "clients", "message"];

impl Attribute for Config {
    const NAME: &'static str = "pre_authentication";
    const EVENT: &'static str = "PreAuthentication";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "Authentication",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        let mut message_span = None;
        for arg in &args.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "require_verified" if seen.first(errors, key, "require_verified") => {
                    config.require_verified = strings(
                        errors,
                        arg,
                        "attribute",
                        "require_verified = [\"email\"]",
                        rules::check_verifiable,
                    )
                    .unwrap_or_default();
                }
                "clients" if seen.first(errors, key, "clients") => {
                    let Some(inner) =
                        expect_list(errors, arg, "clients(allow = [\"1example23456789\"])")
                    else {
                        continue;
                    };
                    for item in &inner.0 {
                        match item.key.name.as_str() {
                            "allow" if config.clients.is_none() => {
                                config.clients = string_list(
                                    errors,
                                    item,
                                    "app client id",
                                    "allow = [\"1example23456789\"]` or `allow = env(\"APP_CLIENTS\")",
                                    check_client_id,
                                );
                            }
                            "allow" => errors.push(item.key.span, "`allow` given twice"),
                            _ => unknown_key(errors, &item.key, &["allow"], "of `clients(..)`"),
                        }
                    }
                    if config.clients.is_none() && inner.0.is_empty() {
                        errors.push(key.span, "`clients(..)` needs `allow = [..]`");
                    }
                }
                "message" if seen.first(errors, key, "message") => {
                    message_span = Some(key.span);
                    config.message = message(errors, arg);
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, KEYS),
            }
        }
        if let (Some(span), None, true) = (
            message_span,
            &config.clients,
            config.require_verified.is_empty(),
        ) {
            errors.push(
                span,
                "`message` is the text of the attribute's refusals, and no check is set (add `require_verified` or `clients`, or refuse in the function with `Deny::new(\"..\")`)",
            );
        }
        config
    }

    fn fallback(common: CommonArgs) -> Config {
        Config {
            require_verified: Vec::new(),
            clients: None,
            message: None,
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = outcome_handler(&p, func, call, Self::EVENT, "PreAuthenticationHandler");
        let clients = option(&p, self.clients.as_ref().map(|list| list.expand(&p)));
        let require = &self.require_verified;
        let message = option(&p, self.message.as_ref());
        trigger_static(
            &self.common,
            func,
            "pre authentication",
            Self::NAME,
            "PreAuthenticationTrigger",
            "PreAuthenticationConfig",
            quote! {
                checks: #p::SignInChecks {
                    clients: #clients,
                    require_verified: &[#(#require),*],
                    message: #message,
                },
                handler: #handler,
            },
        )
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn pre_authentication(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}
