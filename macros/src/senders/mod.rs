//! `#[custom_email_sender]`, `#[custom_sms_sender]`: the KMS key, the function that delivers
//! the decrypted code, and the expansion (which needs the `senders` feature).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use cognito_triggers_rules::senders as rules;

use crate::common::args::{ArgValue, Args, Value};
use crate::common::errors::Errors;
use crate::common::values::{expect_assign, rule, string, Seen, StringList};
use crate::common::{attribute, call, trigger_static, Attribute, CommonArgs, Sources};

/// Which sender.
pub trait Kind {
    const NAME: &'static str;
    const EVENT: &'static str;
    const TITLE: &'static str;
    const TRIGGER: &'static str;
    const HANDLER: &'static str;
    const SOURCES: Sources;
}

pub struct Email;
pub struct Sms;

impl Kind for Email {
    const NAME: &'static str = "custom_email_sender";
    const EVENT: &'static str = "CustomEmailSender";
    const TITLE: &'static str = "custom email sender";
    const TRIGGER: &'static str = "CustomEmailSenderTrigger";
    const HANDLER: &'static str = "EmailSenderHandler";
    const SOURCES: Sources = Sources {
        check: rules::email::check_source_name,
        example: "SignUp",
    };
}

impl Kind for Sms {
    const NAME: &'static str = "custom_sms_sender";
    const EVENT: &'static str = "CustomSmsSender";
    const TITLE: &'static str = "custom SMS sender";
    const TRIGGER: &'static str = "CustomSmsSenderTrigger";
    const HANDLER: &'static str = "SmsSenderHandler";
    const SOURCES: Sources = Sources {
        check: rules::sms::check_source_name,
        example: "SignUp",
    };
}

/// The checked attribute of sender `K`.
pub struct Config<K> {
    key_arn: Option<StringList>,
    common: CommonArgs,
    kind: std::marker::PhantomData<K>,
}

impl<K: Kind> Attribute for Config<K> {
    const NAME: &'static str = K::NAME;
    const EVENT: &'static str = K::EVENT;
    const SOURCES: Sources = K::SOURCES;
    const PARAMETERS: &'static [&'static str] = &["event", "code"];

    fn required_parameters() -> Option<(usize, String)> {
        Some((2, format!("a {} function delivers the decrypted code: `fn send(event: &{}, code: Option<&str>)`", K::TITLE, K::EVENT)))
    }

    fn validate(args: &Args, errors: &mut Errors) -> Self {
        let mut config = Self::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            match arg.key.name.as_str() {
                "key_arn" if seen.first(errors, &arg.key, "key_arn") => {
                    if let ArgValue::Assign(Value::Env { name, .. }) = &arg.value {
                        config.key_arn = Some(StringList::Env(name.clone()));
                        continue;
                    }
                    let Some(value) = expect_assign(
                        errors,
                        arg,
                        "key_arn = \"arn:aws:kms:..\"` or `key_arn = env(\"KMS_KEY_ARN\")",
                    ) else {
                        continue;
                    };
                    let Some(lit) = string(errors, value, "the KMS key ARN") else {
                        continue;
                    };
                    match rules::check_key_arn(&lit.value()) {
                        Ok(()) => config.key_arn = Some(StringList::Static(vec![lit])),
                        Err(v) => rule(errors, lit.span(), v),
                    }
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, &["key_arn"]),
            }
        }
        if !seen_key(args) {
            errors.push(
                proc_macro2::Span::call_site(),
                format!("`#[{}]` needs the user pool's KMS key: `key_arn = env(\"KMS_KEY_ARN\")` or `key_arn = \"arn:aws:kms:..\"`", K::NAME),
            );
        }
        config
    }

    fn fallback(common: CommonArgs) -> Self {
        Config {
            key_arn: None,
            common,
            kind: std::marker::PhantomData,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call_user: bool) -> TokenStream {
        let p = self.common.private();
        let event = quote::format_ident!("{}", K::EVENT);
        let handler_type = quote::format_ident!("{}", K::HANDLER);
        let call = call(func, call_user, quote!(#p::into_outcome));
        let handler = quote! {{
            fn __cognito_triggers_handler<'e, 'a>(
                __cognito_triggers_event: &'e #p::#event<'a>,
                __cognito_triggers_code: #p::core::option::Option<&'e str>,
            ) -> #p::OutcomeFuture<'e> {
                let _ = (&__cognito_triggers_event, &__cognito_triggers_code);
                #p::std::boxed::Box::pin(async move { #call })
            }
            #p::#handler_type::Deliver(__cognito_triggers_handler)
        }};
        let key = match &self.key_arn {
            Some(list) => list.expand(&p),
            None => quote!(#p::Strings::Static(&[])),
        };
        trigger_static(
            &self.common,
            func,
            K::TITLE,
            K::NAME,
            K::TRIGGER,
            "CustomSenderConfig",
            quote! {
                key_arn: #p::sender_key::<#p::Senders>(#key),
                handler: #handler,
            },
        )
    }
}

fn seen_key(args: &Args) -> bool {
    args.0.iter().any(|a| a.key.name == "key_arn")
}

/// `#[custom_email_sender]` on `proc_macro2` streams.
pub fn custom_email_sender(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config<Email>>(attr, item)
}

/// `#[custom_sms_sender]` on `proc_macro2` streams.
pub fn custom_sms_sender(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config<Sms>>(attr, item)
}
