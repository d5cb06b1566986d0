//! `#[define_auth_challenge]`, `#[create_auth_challenge]`, `#[verify_auth_challenge]`: the
//! flow and its attempts, the code and the public parameters, checked at compile time; and
//! their expansions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::custom_auth as rules;

use crate::common::args::{Args, Value};
use crate::common::errors::Errors;
use crate::common::plain::{CommonOnly, Plain};
use crate::common::values::{expect_assign, expect_list, rule, string, unknown_key, Seen};
use crate::common::{
    attribute, call, outcome_handler, parse_duration, trigger_static, Attribute, CommonArgs,
    Sources,
};

/// Reads `key = N` as a whole number in `range`.
fn number(
    errors: &mut Errors,
    arg: &crate::common::args::Arg,
    form: &str,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
) -> Option<u32> {
    let value = expect_assign(errors, arg, form)?;
    match value {
        Value::Number {
            text,
            span,
            float: false,
            ..
        } => match text.parse::<u32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                errors.push(
                    *span,
                    format!(
                        "{what} is a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        },
        other => {
            errors.push(
                other.span(),
                format!(
                    "`{}` takes a whole number, found {}",
                    arg.key.name,
                    other.describe()
                ),
            );
            None
        }
    }
}

/// `#[define_auth_challenge]`, checked.
pub struct Define {
    flow: Vec<LitStr>,
    attempts: u32,
    common: CommonArgs,
}

const DEFAULT_ATTEMPTS: u32 = 3;

impl Attribute for Define {
    const NAME: &'static str = "define_auth_challenge";
    const EVENT: &'static str = "DefineAuthChallenge";
    const SOURCES: Sources = Sources {
        check: rules::define::check_source_name,
        example: "Authentication",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Define {
        let mut config = Define::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        let mut flow_span = None;
        for arg in &args.0 {
            match arg.key.name.as_str() {
                "flow" if seen.first(errors, &arg.key, "flow") => {
                    flow_span = Some(arg.key.span);
                    // Names may repeat (several custom challenges): no duplicate check.
                    let form = "flow = [\"CUSTOM_CHALLENGE\"]";
                    let Some(value) = expect_assign(errors, arg, form) else {
                        continue;
                    };
                    let Value::Array(items, _) = value else {
                        errors.push(value.span(), format!("`flow` takes an array: `{form}`"));
                        continue;
                    };
                    let mut ok = true;
                    for item in items {
                        let Some(lit) = string(errors, item, "a challenge name") else {
                            ok = false;
                            continue;
                        };
                        if let Err(v) = rules::check_step(&lit.value()) {
                            rule(errors, lit.span(), v);
                            ok = false;
                        }
                        config.flow.push(lit);
                    }
                    if ok {
                        let names: Vec<String> = config.flow.iter().map(LitStr::value).collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        if let Err(v) = rules::check_flow(&names) {
                            rule(errors, value.span(), v);
                        }
                    }
                }
                "attempts" if seen.first(errors, &arg.key, "attempts") => {
                    if let Some(n) = number(
                        errors,
                        arg,
                        "attempts = 3",
                        1..=rules::MAX_ATTEMPTS,
                        "`attempts`",
                    ) {
                        config.attempts = n;
                    }
                }
                _ => {
                    config
                        .common
                        .read_other::<Self>(arg, errors, &mut seen, &["flow", "attempts"])
                }
            }
        }
        if flow_span.is_none() {
            errors.push(
                proc_macro2::Span::call_site(),
                "`#[define_auth_challenge]` needs its flow: `flow = [\"CUSTOM_CHALLENGE\"]` (or `[\"SRP_A\", \"PASSWORD_VERIFIER\", \"CUSTOM_CHALLENGE\"]`)",
            );
        }
        config
    }

    fn fallback(common: CommonArgs) -> Define {
        Define {
            flow: Vec::new(),
            attempts: DEFAULT_ATTEMPTS,
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = outcome_handler(&p, func, call, Self::EVENT, "DefineAuthChallengeHandler");
        let flow = &self.flow;
        let attempts = self.attempts;
        trigger_static(
            &self.common,
            func,
            "define auth challenge",
            Self::NAME,
            "DefineAuthChallengeTrigger",
            "DefineAuthChallengeConfig",
            quote! {
                flow: &[#(#flow),*],
                attempts: #attempts,
                handler: #handler,
            },
        )
    }
}

/// `#[create_auth_challenge]`, checked.
pub struct Create {
    digits: u32,
    expires_secs: Option<u64>,
    public: Vec<(LitStr, LitStr)>,
    common: CommonArgs,
}

impl Create {
    fn code(&mut self, errors: &mut Errors, arg: &crate::common::args::Arg) {
        let Some(list) = expect_list(errors, arg, "code(digits = 6, expires = \"3m\")") else {
            return;
        };
        let mut seen = Seen::default();
        for inner in &list.0 {
            match inner.key.name.as_str() {
                "digits" if seen.first(errors, &inner.key, "digits") => {
                    let Some(value) = expect_assign(errors, inner, "digits = 6") else {
                        continue;
                    };
                    match value {
                        Value::Number {
                            text,
                            span,
                            float: false,
                            ..
                        } => match text.parse::<u32>() {
                            Ok(d) => match rules::check_digits(d) {
                                Ok(()) => self.digits = d,
                                Err(v) => rule(errors, *span, v),
                            },
                            Err(_) => errors.push(*span, "`digits` is a whole number"),
                        },
                        other => errors.push(
                            other.span(),
                            format!("`digits` takes a whole number, found {}", other.describe()),
                        ),
                    }
                }
                "expires" if seen.first(errors, &inner.key, "expires") => {
                    let Some(value) = expect_assign(errors, inner, "expires = \"3m\"") else {
                        continue;
                    };
                    let Some(lit) = string(errors, value, "the expiry") else {
                        continue;
                    };
                    match parse_duration(&lit.value()) {
                        Some(ms) if ms >= 1000 && ms % 1000 == 0 && ms / 1000 <= rules::MAX_EXPIRY_SECS => {
                            self.expires_secs = Some(ms / 1000)
                        }
                        Some(ms) if ms / 1000 > rules::MAX_EXPIRY_SECS => errors.push(
                            lit.span(),
                            "a code cannot outlive Cognito's custom sign-in session, at most 15 minutes (\"15m\")",
                        ),
                        _ => errors.push(
                            lit.span(),
                            format!("`{}` is not an expiry (write it in whole seconds or minutes: \"90s\", \"3m\")", lit.value()),
                        ),
                    }
                }
                "digits" | "expires" => {}
                _ => unknown_key(errors, &inner.key, &["digits", "expires"], "of `code(..)`"),
            }
        }
    }

    fn public(&mut self, errors: &mut Errors, arg: &crate::common::args::Arg) {
        let Some(list) = expect_list(errors, arg, "public(delivery = \"email\")") else {
            return;
        };
        for inner in &list.0 {
            let name = &inner.key.name;
            if self.public.iter().any(|(k, _)| &k.value() == name) {
                errors.push(inner.key.span, format!("`{name}` given twice"));
                continue;
            }
            let Some(value) = expect_assign(errors, inner, &format!("{name} = \"..\"")) else {
                continue;
            };
            let Some(lit) = string(errors, value, "a public parameter") else {
                continue;
            };
            if ["code", "answer", "secret"].contains(&name.to_ascii_lowercase().as_str()) {
                errors.push(
                    inner.key.span,
                    format!("`{name}` looks like the answer: public parameters go to the client, the code is kept private by the attribute"),
                );
                continue;
            }
            self.public.push((LitStr::new(name, inner.key.span), lit));
        }
    }
}

impl Attribute for Create {
    const NAME: &'static str = "create_auth_challenge";
    const EVENT: &'static str = "CreateAuthChallenge";
    const SOURCES: Sources = Sources {
        check: rules::create::check_source_name,
        example: "Authentication",
    };
    const PARAMETERS: &'static [&'static str] = &["event", "code"];

    fn required_parameters() -> Option<(usize, String)> {
        Some((2, "a create auth challenge function delivers the code: `fn create(event: &CreateAuthChallenge, code: &str)`".to_owned()))
    }

    fn validate(args: &Args, errors: &mut Errors) -> Create {
        let mut config = Create::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        let mut has_code = false;
        for arg in &args.0 {
            match arg.key.name.as_str() {
                "code" if seen.first(errors, &arg.key, "code") => {
                    has_code = true;
                    config.code(errors, arg);
                }
                "public" if seen.first(errors, &arg.key, "public") => config.public(errors, arg),
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, &["code", "public"]),
            }
        }
        if !has_code {
            errors.push(
                proc_macro2::Span::call_site(),
                "`#[create_auth_challenge]` needs its code: `code(digits = 6)` (and `expires = \"3m\"` for an expiry)",
            );
        }
        config
    }

    fn fallback(common: CommonArgs) -> Create {
        Create {
            digits: 6,
            expires_secs: None,
            public: Vec::new(),
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call_user: bool) -> TokenStream {
        let p = self.common.private();
        let call = call(func, call_user, quote!(#p::into_outcome));
        let handler = quote! {{
            fn __cognito_triggers_handler<'e, 'a>(
                __cognito_triggers_event: &'e #p::CreateAuthChallenge<'a>,
                __cognito_triggers_code: &'e str,
            ) -> #p::OutcomeFuture<'e> {
                let _ = (&__cognito_triggers_event, &__cognito_triggers_code);
                #p::std::boxed::Box::pin(async move { #call })
            }
            #p::CreateAuthChallengeHandler::Deliver(__cognito_triggers_handler)
        }};
        let digits = self.digits;
        let expires = match self.expires_secs {
            Some(secs) => {
                quote!(#p::core::option::Option::Some(#p::core::time::Duration::from_secs(#secs)))
            }
            None => quote!(#p::core::option::Option::None),
        };
        let public = self.public.iter().map(|(k, v)| quote!((#k, #v)));
        trigger_static(
            &self.common,
            func,
            "create auth challenge",
            Self::NAME,
            "CreateAuthChallengeTrigger",
            "CreateAuthChallengeConfig",
            quote! {
                code: #p::CodeConfig { digits: #digits, expires: #expires },
                public: &[#(#public),*],
                handler: #handler,
            },
        )
    }
}

/// The names of `#[verify_auth_challenge]`: the common arguments only.
pub struct Verify;

impl Plain for Verify {
    const NAME: &'static str = "verify_auth_challenge";
    const EVENT: &'static str = "VerifyAuthChallenge";
    const SOURCES: Sources = Sources {
        check: rules::verify::check_source_name,
        example: "Authentication",
    };
    const TITLE: &'static str = "verify auth challenge response";
    const TRIGGER: &'static str = "VerifyAuthChallengeTrigger";
    const CONFIG: &'static str = "VerifyAuthChallengeConfig";
    const HANDLER: &'static str = "VerifyAuthChallengeHandler";
}

/// `#[define_auth_challenge]` on `proc_macro2` streams.
pub fn define_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Define>(attr, item)
}

/// `#[create_auth_challenge]` on `proc_macro2` streams.
pub fn create_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Create>(attr, item)
}

/// `#[verify_auth_challenge]` on `proc_macro2` streams.
pub fn verify_auth_challenge(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<CommonOnly<Verify>>(attr, item)
}
