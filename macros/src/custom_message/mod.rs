//! `#[custom_message]`: one block per trigger source, `locale(tag, ..)` groups, templates
//! parsed and checked against Cognito's rules at compile time (files included), and the
//! expansion.

use std::path::PathBuf;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::custom_message::{self as rules, Channel, Part};

use crate::common::args::{Arg, ArgValue, Args, Key};
use crate::common::errors::Errors;
use crate::common::values::{expect_assign, expect_list, rule, string, unknown_key, Seen};
use crate::common::{attribute, trigger_static, typed_handler, Attribute, CommonArgs, Sources};

/// A template, checked, with where it came from.
struct Template {
    parts: Vec<Part<'static>>,
    /// The absolute path of an `email_file`, for the rebuild when it changes.
    file: Option<String>,
}

/// One block: the messages of one trigger source.
struct Block {
    source: &'static str,
    subject: Option<Template>,
    email: Option<Template>,
    sms: Option<Template>,
}

struct Locale {
    tag: String,
    blocks: Vec<Block>,
}

/// The checked attribute.
pub struct Config {
    blocks: Vec<Block>,
    locales: Vec<Locale>,
    pub common: CommonArgs,
}

const BLOCK_KEYS: &[&str] = &["subject", "email", "email_file", "sms"];

fn own_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = rules::BLOCKS.iter().map(|(block, _)| *block).collect();
    keys.push("locale");
    keys
}

/// A template's text parsed and checked for `source` and `channel`; errors on `span`, with
/// `place` ("in templates/welcome.html") when it comes from a file.
fn template(
    errors: &mut Errors,
    text: &str,
    span: Span,
    source: &str,
    channel: Channel,
    place: Option<&str>,
) -> Option<Vec<Part<'static>>> {
    let located = |v: cognito_triggers_rules::Violation| match place {
        Some(place) => cognito_triggers_rules::Violation {
            message: format!("{}, {place}", v.message),
            hint: v.hint,
        },
        None => v,
    };
    let parts = match rules::parse(text) {
        Ok(parts) => parts,
        Err(v) => {
            rule(errors, span, located(v));
            return None;
        }
    };
    if let Err(v) = rules::check(source, channel, &parts) {
        rule(errors, span, located(v));
        return None;
    }
    Some(
        parts
            .into_iter()
            .map(|part| match part {
                Part::Text(t) => Part::Text(t.into_owned().into()),
                Part::Attribute(a) => Part::Attribute(a.into_owned().into()),
                Part::Code => Part::Code,
                Part::Username => Part::Username,
            })
            .collect(),
    )
}

/// `email_file = "path"`: read relative to the crate being compiled.
fn email_file(errors: &mut Errors, lit: &LitStr, source: &str) -> Option<Template> {
    let relative = lit.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let path = match &base {
        Some(base) => base.join(&relative),
        None => PathBuf::from(&relative),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            errors.push(
                lit.span(),
                format!(
                    "cannot read the email template `{relative}` (paths are relative to the crate's Cargo.toml): {e}"
                ),
            );
            return None;
        }
    };
    let place = format!("in `{relative}`");
    let parts = template(
        errors,
        &text,
        lit.span(),
        source,
        Channel::Email,
        Some(&place),
    )?;
    let file = path.to_str().map(str::to_owned);
    if file.is_none() {
        errors.push(
            lit.span(),
            "the email template's path is not valid UTF-8, so Cargo cannot track it",
        );
    }
    Some(Template { parts, file })
}

fn block(errors: &mut Errors, arg: &Arg, source: &'static str) -> Option<Block> {
    let form = format!(
        "{}(subject = \"..\", email = \"..{}..\", sms = \"..{}..\")",
        arg.key.name,
        rules::CODE,
        rules::CODE
    );
    let list = expect_list(errors, arg, &form)?;
    let mut block = Block {
        source,
        subject: None,
        email: None,
        sms: None,
    };
    let mut seen = Seen::default();
    let mut email_key: Option<&Key> = None;
    for inner in &list.0 {
        let key = &inner.key;
        let name = key.name.as_str();
        if !BLOCK_KEYS.contains(&name) {
            unknown_key(
                errors,
                key,
                BLOCK_KEYS,
                &format!("of `{}(..)`", arg.key.name),
            );
            continue;
        }
        // `email` and `email_file` fill the same slot.
        let slot = if name == "email_file" { "email" } else { name };
        if slot == "email" {
            if let Some(first) = email_key {
                if first.name != name {
                    errors.push(
                        key.span,
                        "`email` and `email_file` cannot be used together: both are the email message",
                    );
                    continue;
                }
            }
            email_key = Some(key);
        }
        if !seen.first(errors, key, name) {
            continue;
        }
        let Some(value) = expect_assign(errors, inner, &format!("{name} = \"..\"")) else {
            continue;
        };
        let Some(lit) = string(errors, value, &format!("`{name}`")) else {
            continue;
        };
        match name {
            "subject" => {
                block.subject = template(
                    errors,
                    &lit.value(),
                    lit.span(),
                    source,
                    Channel::Subject,
                    None,
                )
                .map(|parts| Template { parts, file: None });
            }
            "email" => {
                block.email = template(
                    errors,
                    &lit.value(),
                    lit.span(),
                    source,
                    Channel::Email,
                    None,
                )
                .map(|parts| Template { parts, file: None });
            }
            "email_file" => block.email = email_file(errors, &lit, source),
            _ => {
                block.sms = template(errors, &lit.value(), lit.span(), source, Channel::Sms, None)
                    .map(|parts| Template { parts, file: None });
            }
        }
    }
    if list.0.is_empty() {
        errors.push(
            arg.key.span,
            format!("`{}(..)` is empty: give it `subject`, `email` or `email_file`, or `sms` (leave the block out to keep Cognito's message)", arg.key.name),
        );
    }
    Some(block)
}

/// The blocks in `args` (the attribute's, or a `locale(..)`'s after its tag); other arguments
/// go to `other`.
fn blocks<'a>(
    errors: &mut Errors,
    args: impl Iterator<Item = &'a Arg>,
    seen: &mut Seen,
    mut other: impl FnMut(&mut Errors, &'a Arg, &mut Seen),
) -> Vec<Block> {
    let mut out = Vec::new();
    for arg in args {
        match rules::block_source(&arg.key.name) {
            Some(source) => {
                if seen.first(errors, &arg.key, &arg.key.name) {
                    out.extend(block(errors, arg, source));
                }
            }
            None => other(errors, arg, seen),
        }
    }
    out
}

impl Config {
    fn locale(&mut self, errors: &mut Errors, arg: &Arg) {
        let form = "locale(es, forgot_password(subject = \"..\", email = \"..\"))";
        let Some(list) = expect_list(errors, arg, form) else {
            return;
        };
        let Some(first) = list.0.first() else {
            errors.push(
                arg.key.span,
                format!("`locale(..)` needs a tag and blocks: `{form}`"),
            );
            return;
        };
        if !matches!(first.value, ArgValue::Flag) {
            errors.push(
                first.key.span,
                format!("`locale(..)` starts with its language tag: `{form}`"),
            );
            return;
        }
        let tag = first.key.name.clone();
        if let Err(v) = rules::check_locale_tag(&tag) {
            rule(errors, first.key.span, v);
        } else if self
            .locales
            .iter()
            .any(|l| l.tag.eq_ignore_ascii_case(&tag))
        {
            errors.push(first.key.span, format!("`locale({tag}, ..)` given twice"));
        }
        let mut seen = Seen::default();
        let blocks = blocks(
            errors,
            list.0.iter().skip(1),
            &mut seen,
            |errors, arg, _| {
                let known: Vec<&str> = rules::BLOCKS.iter().map(|(b, _)| *b).collect();
                unknown_key(errors, &arg.key, &known, &format!("of `locale({tag}, ..)`"));
            },
        );
        if blocks.is_empty() && list.0.len() == 1 {
            errors.push(
                first.key.span,
                format!("`locale({tag})` has no block: `{form}`"),
            );
        }
        self.locales.push(Locale { tag, blocks });
    }

    /// Blocks for trigger sources that `triggers = [..]` leaves out never run.
    fn check_triggers(&self, args: &Args, errors: &mut Errors) {
        let Some(triggers) = &self.common.triggers else {
            return;
        };
        let locales = args.0.iter().filter_map(|arg| match &arg.value {
            ArgValue::List(list) if arg.key.name == "locale" => Some(list),
            _ => None,
        });
        let spans: Vec<(&Key, &str)> = std::iter::once(args)
            .chain(locales)
            .flat_map(|list| &list.0)
            .filter_map(|arg| Some((&arg.key, rules::block_source(&arg.key.name)?)))
            .filter(|(_, source)| !triggers.iter().any(|t| t.value() == *source))
            .collect();
        for (key, source) in spans {
            errors.push(
                key.span,
                format!("`{}(..)` never runs: `triggers` leaves out \"{source}\" (add it, or remove the block)", key.name),
            );
        }
    }
}

impl Attribute for Config {
    const NAME: &'static str = "custom_message";
    const EVENT: &'static str = "CustomMessage";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "SignUp",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let own = own_keys();
        let mut seen = Seen::default();
        let mut locales: Vec<&Arg> = Vec::new();
        let mut common = CommonArgs::default();
        config.blocks = blocks(errors, args.0.iter(), &mut seen, |errors, arg, seen| {
            if arg.key.name == "locale" {
                locales.push(arg);
            } else {
                common.read_other::<Self>(arg, errors, seen, &own);
            }
        });
        config.common = common;
        for arg in locales {
            config.locale(errors, arg);
        }
        config.check_triggers(args, errors);
        config
    }

    fn fallback(common: CommonArgs) -> Config {
        Config {
            blocks: Vec::new(),
            locales: Vec::new(),
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        expand(self, func, call)
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn custom_message(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}

fn template_tokens(p: &TokenStream, template: Option<&Template>) -> TokenStream {
    let Some(template) = template else {
        return quote!(#p::core::option::Option::None);
    };
    let parts = template.parts.iter().map(|part| match part {
        Part::Text(text) => {
            let text: &str = text;
            quote!(#p::Part::Text(#p::Cow::Borrowed(#text)))
        }
        Part::Code => quote!(#p::Part::Code),
        Part::Username => quote!(#p::Part::Username),
        Part::Attribute(name) => {
            let name: &str = name;
            quote!(#p::Part::Attribute(#p::Cow::Borrowed(#name)))
        }
    });
    quote!(#p::core::option::Option::Some(&[#(#parts),*]))
}

fn blocks_tokens(p: &TokenStream, blocks: &[Block]) -> TokenStream {
    let blocks = blocks.iter().map(|block| {
        let source = block.source;
        let subject = template_tokens(p, block.subject.as_ref());
        let email = template_tokens(p, block.email.as_ref());
        let sms = template_tokens(p, block.sms.as_ref());
        quote!(#p::Block { source: #source, subject: #subject, email: #email, sms: #sms })
    });
    quote!(&[#(#blocks),*])
}

fn expand(config: &Config, func: &ItemFn, call_user: bool) -> TokenStream {
    let p = config.common.private();
    let handler = typed_handler(
        &p,
        func,
        call_user,
        "CustomMessage",
        "CustomMessageHandler",
        "MessageFuture",
        "into_message",
    );
    let all_blocks = config
        .blocks
        .iter()
        .chain(config.locales.iter().flat_map(|l| &l.blocks));
    // Cargo rebuilds the crate when an `include_str!`ed file changes.
    let files = all_blocks
        .filter_map(|b| b.email.as_ref()?.file.as_deref())
        .map(|file| quote!(const _: &str = #p::core::include_str!(#file);));
    let blocks = blocks_tokens(&p, &config.blocks);
    let locales = config.locales.iter().map(|locale| {
        let tag = &locale.tag;
        let blocks = blocks_tokens(&p, &locale.blocks);
        quote!(#p::Locale { tag: #tag, blocks: #blocks })
    });
    trigger_static(
        &config.common,
        func,
        "custom message",
        "custom_message",
        "CustomMessageTrigger",
        "CustomMessageConfig",
        quote! {
            templates: {
                #(#files)*
                #p::Templates { blocks: #blocks, locales: &[#(#locales),*] }
            },
            handler: #handler,
        },
    )
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::custom_message;

    fn expand(attr: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
        let out = custom_message(attr, item);
        match syn::parse2::<syn::File>(out.clone()) {
            Ok(file) => prettyplease::unparse(&file),
            Err(_) => out.to_string(),
        }
    }

    #[test]
    fn blocks_and_locales() {
        insta::assert_snapshot!(expand(
            quote!(
                sign_up(
                    subject = "Welcome",
                    email = "<p>Hi {given_name}, code {####}</p>",
                    sms = "Code {####}"
                ),
                admin_create_user(email = "User {username}, password {####}"),
                locale(
                    es,
                    forgot_password(subject = "Restablecer", email = "Código {####}")
                ),
                triggers = ["SignUp", "AdminCreateUser", "ForgotPassword"],
                main = false,
            ),
            quote!(
                async fn handler() {}
            ),
        ));
    }

    #[test]
    fn function_with_event() {
        let out = expand(
            quote!(),
            quote!(
                fn handler(event: &CustomMessage) -> Message {
                    Message::default()
                }
            ),
        );
        assert!(out.contains("CustomMessageHandler::WithEvent"), "{out}");
        assert!(out.contains("blocks: &[]"), "{out}");
        assert!(out.contains("fn main()"), "{out}");
    }

    #[test]
    fn errors_keep_the_function_and_the_static() {
        let out = expand(
            quote!(sign_up(sms = "no code"), main = false),
            quote!(
                fn handler() {}
            ),
        );
        assert!(out.contains("fn handler() {}"), "{out}");
        assert!(out.contains("static HANDLER"), "{out}");
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
    }
}
