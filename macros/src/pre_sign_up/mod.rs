//! `#[pre_sign_up]`: its arguments checked against Cognito's rules, and its expansion.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::pre_sign_up as rules;

use crate::common::args::{Arg, ArgValue, Args, Value};
use crate::common::errors::Errors;
use crate::common::values::{
    expect_assign, expect_list, message, strings, unknown_key, Seen, StringList,
};
use crate::common::{
    attribute, option, trigger_static, typed_handler, Attribute, CommonArgs, Sources,
};

pub enum DomainRule {
    Any,
    Allow(StringList),
    Deny(StringList),
}

/// The checked attribute.
pub struct Config {
    pub domains: DomainRule,
    pub require: Vec<LitStr>,
    pub min_age: Option<u32>,
    pub auto_confirm: bool,
    pub auto_verify: Vec<LitStr>,
    pub message: Option<LitStr>,
    pub common: CommonArgs,
}

const KEYS: &[&str] = &[
    "email_domains",
    "require",
    "min_age",
    "auto_confirm",
    "auto_verify",
    "message",
];

/// The oldest age `min_age` may ask for.
const MAX_AGE: u32 = 150;

fn domain_list(errors: &mut Errors, arg: &Arg) -> Option<StringList> {
    let form = "allow = [\"example.com\", \"*.example.org\"]` or `allow = env(\"ALLOWED_DOMAINS\")";
    match &arg.value {
        ArgValue::Assign(Value::Env { name, .. }) => Some(StringList::Env(name.clone())),
        _ => {
            let list = strings(errors, arg, "domain", form, rules::check_domain_pattern)?;
            // Domains are matched without regard to ASCII case: `EXAMPLE.com` repeats `example.com`.
            for (i, lit) in list.iter().enumerate() {
                if list[..i]
                    .iter()
                    .any(|o| o.value().eq_ignore_ascii_case(&lit.value()))
                {
                    errors.push(
                        lit.span(),
                        format!(
                            "domain `{}` is listed twice (domains match in any case)",
                            lit.value()
                        ),
                    );
                }
            }
            let empty =
                matches!(&arg.value, ArgValue::Assign(Value::Array(items, _)) if items.is_empty());
            if empty {
                errors.push(
                    arg.key.span,
                    format!(
                        "`{} = []` lists no domain (leave `email_domains` out to accept every domain)",
                        arg.key.name
                    ),
                );
            }
            Some(StringList::Static(list))
        }
    }
}

impl Attribute for Config {
    const NAME: &'static str = "pre_sign_up";
    const EVENT: &'static str = "PreSignUp";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "SignUp",
    };

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        expand(self, func, call)
    }

    fn fallback(common: CommonArgs) -> Config {
        Config {
            domains: DomainRule::Any,
            require: Vec::new(),
            min_age: None,
            auto_confirm: false,
            auto_verify: Vec::new(),
            message: None,
            common,
        }
    }

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        let mut flag_spans: Vec<(Span, &str)> = Vec::new();
        for arg in &args.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "email_domains" if seen.first(errors, key, "email_domains") => {
                    config.email_domains(arg, errors);
                }
                "require" if seen.first(errors, key, "require") => {
                    config.require = strings(
                        errors,
                        arg,
                        "attribute",
                        "require = [\"given_name\"]",
                        rules::check_required_attribute,
                    )
                    .unwrap_or_default();
                }
                "min_age" if seen.first(errors, key, "min_age") => {
                    let Some(value) = expect_assign(errors, arg, "min_age = 13") else {
                        continue;
                    };
                    match value {
                        Value::Number {
                            text,
                            span,
                            float: false,
                            ..
                        } => match text.parse::<u32>() {
                            Ok(age) if (1..=MAX_AGE).contains(&age) => config.min_age = Some(age),
                            _ => errors.push(
                                *span,
                                format!("`min_age` is a whole number of years from 1 to {MAX_AGE}"),
                            ),
                        },
                        other => errors.push(
                            other.span(),
                            format!(
                                "`min_age` takes a whole number of years, found {}",
                                other.describe()
                            ),
                        ),
                    }
                }
                "auto_confirm" if seen.first(errors, key, "auto_confirm") => {
                    if let Some(value) = expect_assign(errors, arg, "auto_confirm = true") {
                        match value {
                            Value::Bool(b) => {
                                config.auto_confirm = b.value;
                                if b.value {
                                    flag_spans.push((key.span, "auto_confirm"));
                                }
                            }
                            other => errors.push(
                                other.span(),
                                format!(
                                    "`auto_confirm` takes `true` or `false`, found {}",
                                    other.describe()
                                ),
                            ),
                        }
                    }
                }
                "auto_verify" if seen.first(errors, key, "auto_verify") => {
                    config.auto_verify = strings(
                        errors,
                        arg,
                        "attribute",
                        "auto_verify = [\"email\"]",
                        rules::check_auto_verify,
                    )
                    .unwrap_or_default();
                    if !config.auto_verify.is_empty() {
                        flag_spans.push((key.span, "auto_verify"));
                    }
                }
                "message" if seen.first(errors, key, "message") => {
                    config.message = message(errors, arg);
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, KEYS),
            }
        }
        // Cognito ignores the flags of AdminCreateUser: set only for it, they do nothing.
        let admin_only = config
            .common
            .triggers
            .as_ref()
            .is_some_and(|t| !t.is_empty() && t.iter().all(|s| s.value() == "AdminCreateUser"));
        if admin_only {
            for (span, flag) in flag_spans {
                errors.push(
                    span,
                    format!("Cognito ignores `{flag}` for AdminCreateUser, the only trigger source in `triggers` (remove `{flag}`, or add \"SignUp\" or \"ExternalProvider\" to `triggers`)"),
                );
            }
        }
        config
    }
}

impl Config {
    fn email_domains(&mut self, arg: &Arg, errors: &mut Errors) {
        let Some(list) = expect_list(errors, arg, "email_domains(allow = [\"example.com\"])")
        else {
            return;
        };
        let mut rule_seen: Option<&str> = None;
        for inner in &list.0 {
            let name = inner.key.name.as_str();
            match name {
                "allow" | "deny" => {
                    if let Some(first) = rule_seen {
                        let message = if first == name {
                            format!("`{name}` given twice")
                        } else {
                            "`allow` and `deny` cannot be used together: an allow list already refuses every other domain".to_owned()
                        };
                        errors.push(inner.key.span, message);
                        continue;
                    }
                    rule_seen = Some(if name == "allow" { "allow" } else { "deny" });
                    if let Some(domains) = domain_list(errors, inner) {
                        self.domains = if name == "allow" {
                            DomainRule::Allow(domains)
                        } else {
                            DomainRule::Deny(domains)
                        };
                    }
                }
                _ => unknown_key(
                    errors,
                    &inner.key,
                    &["allow", "deny"],
                    "of `email_domains(..)`",
                ),
            }
        }
        if rule_seen.is_none() {
            errors.push(
                arg.key.span,
                "`email_domains(..)` needs `allow = [..]` or `deny = [..]`",
            );
        }
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn pre_sign_up(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}

fn expand(config: &Config, func: &ItemFn, call_user: bool) -> TokenStream {
    let p = config.common.private();
    let handler = typed_handler(
        &p,
        func,
        call_user,
        "PreSignUp",
        "PreSignUpHandler",
        "SignUpFuture",
        "into_sign_up",
    );
    let domain_rule = match &config.domains {
        DomainRule::Any => quote!(#p::DomainRule::Any),
        DomainRule::Allow(list) => {
            let list = list.expand(&p);
            quote!(#p::DomainRule::Allow(#list))
        }
        DomainRule::Deny(list) => {
            let list = list.expand(&p);
            quote!(#p::DomainRule::Deny(#list))
        }
    };
    let require = &config.require;
    let min_age = option(&p, config.min_age);
    let message = option(&p, config.message.as_ref());
    let mut flags = quote!(#p::SignUp::DEFAULT);
    if config.auto_confirm {
        flags = quote!(#flags.auto_confirm());
    }
    for name in &config.auto_verify {
        flags = match name.value().as_str() {
            "email" => quote!(#flags.auto_verify_email()),
            _ => quote!(#flags.auto_verify_phone()),
        };
    }
    trigger_static(
        &config.common,
        func,
        "pre sign-up",
        "pre_sign_up",
        "PreSignUpTrigger",
        "PreSignUpConfig",
        quote! {
            checks: #p::Checks {
                domains: #domain_rule,
                require: &[#(#require),*],
                min_age: #min_age,
                message: #message,
            },
            flags: #flags,
            handler: #handler,
        },
    )
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::pre_sign_up;

    fn expand(attr: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
        let out = pre_sign_up(attr, item);
        match syn::parse2::<syn::File>(out.clone()) {
            Ok(file) => prettyplease::unparse(&file),
            Err(_) => out.to_string(),
        }
    }

    #[test]
    fn every_argument() {
        insta::assert_snapshot!(expand(
            quote!(
                email_domains(allow = ["example.com", "*.example.org"]),
                require = ["given_name"],
                min_age = 13,
                auto_confirm = true,
                auto_verify = ["email"],
                message = "Sign-ups are limited to example.com",
                triggers = ["SignUp"],
                timeout = "4s",
                main = false,
            ),
            quote!(
                fn handler(event: &PreSignUp) -> Result<SignUp, Deny> {
                    Ok(SignUp::default())
                }
            ),
        ));
    }

    #[test]
    fn env_domains() {
        insta::assert_snapshot!(expand(
            quote!(email_domains(deny = env("DENIED_DOMAINS"))),
            quote!(
                async fn handler() {}
            ),
        ));
    }

    #[test]
    fn errors_keep_the_function_and_the_static() {
        let out = expand(
            quote!(email_domains(allow = ["example.com."]), main = false),
            quote!(
                fn handler() {}
            ),
        );
        assert!(out.contains("fn handler() {}"), "{out}");
        assert!(out.contains("static HANDLER"), "{out}");
        assert!(!out.contains("fn main"), "{out}");
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
    }
}
