//! Reading argument values with errors on the offending tokens: shared by every attribute.

use proc_macro2::Span;
use syn::LitStr;

use cognito_triggers_rules::Violation;

use super::args::{Arg, ArgValue, Args, Key, Value};
use super::errors::{did_you_mean, Errors};

/// Reports a broken rule on `span`, its hint on the same line.
pub fn rule(errors: &mut Errors, span: Span, violation: Violation) {
    // The hint stays on the message's line: rustc prints a second line above the `-->`.
    errors.push(span, violation);
}

/// Tracks keys already seen in one list, to report "given twice".
#[derive(Default)]
pub struct Seen(Vec<String>);

impl Seen {
    pub fn first(&mut self, errors: &mut Errors, key: &Key, slot: &str) -> bool {
        if self.0.iter().any(|k| k == slot) {
            errors.push(key.span, format!("`{}` given twice", key.name));
            return false;
        }
        self.0.push(slot.to_owned());
        true
    }
}

pub fn unknown_key(errors: &mut Errors, key: &Key, known: &[&str], place: &str) {
    let mut message = format!("unknown argument `{}` {place}", key.name);
    match did_you_mean(&key.name, known) {
        Some(s) => message += &format!(" (did you mean `{s}`?)"),
        None => message += &format!(" (expected one of: {})", known.join(", ")),
    }
    errors.push(key.span, message);
}

pub fn expect_assign<'a>(errors: &mut Errors, arg: &'a Arg, form: &str) -> Option<&'a Value> {
    match &arg.value {
        ArgValue::Assign(v) => Some(v),
        _ => {
            errors.push(
                arg.key.span,
                format!("`{}` takes a value: `{form}`", arg.key.name),
            );
            None
        }
    }
}

pub fn expect_list<'a>(errors: &mut Errors, arg: &'a Arg, form: &str) -> Option<&'a Args> {
    match &arg.value {
        ArgValue::List(list) => Some(list),
        _ => {
            errors.push(
                arg.key.span,
                format!("`{}` takes a list: `{form}`", arg.key.name),
            );
            None
        }
    }
}

pub fn string(errors: &mut Errors, value: &Value, what: &str) -> Option<LitStr> {
    match value {
        Value::Str(s) => Some(s.clone()),
        other => {
            errors.push(
                other.span(),
                format!(
                    "expected {what} as a string literal, found {}",
                    other.describe()
                ),
            );
            None
        }
    }
}

/// A `[..]` of string literals, each passed to `check`; duplicates are errors.
pub fn strings(
    errors: &mut Errors,
    arg: &Arg,
    what: &str,
    form: &str,
    check: impl Fn(&str) -> Result<(), Violation>,
) -> Option<Vec<LitStr>> {
    let value = expect_assign(errors, arg, form)?;
    let Value::Array(items, _) = value else {
        errors.push(
            value.span(),
            format!("`{}` takes an array: `{form}`", arg.key.name),
        );
        return None;
    };
    let mut out: Vec<LitStr> = Vec::new();
    for item in items {
        let Some(lit) = string(errors, item, what) else {
            continue;
        };
        if let Err(v) = check(&lit.value()) {
            rule(errors, lit.span(), v);
        } else if out.iter().any(|o| o.value() == lit.value()) {
            errors.push(
                lit.span(),
                format!("{what} `{}` is listed twice", lit.value()),
            );
        } else {
            out.push(lit);
        }
    }
    Some(out)
}

/// A list of strings written in the attribute or read at cold start with `env("NAME")`.
pub enum StringList {
    Static(Vec<LitStr>),
    Env(LitStr),
}

impl StringList {
    /// `Strings::Static(&[..])` or `Strings::Env(..)` (with its `EnvValue` static).
    pub fn expand(&self, p: &proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        match self {
            StringList::Static(items) => quote::quote!(#p::Strings::Static(&[#(#items),*])),
            StringList::Env(name) => quote::quote!(#p::Strings::Env({
                static __COGNITO_TRIGGERS_ENV: #p::EnvValue = #p::EnvValue::new(#name);
                &__COGNITO_TRIGGERS_ENV
            })),
        }
    }
}

/// `key = ["a", "b"]` (each passed to `check`, at least one) or `key = env("NAME")`.
pub fn string_list(
    errors: &mut Errors,
    arg: &Arg,
    what: &str,
    form: &str,
    check: impl Fn(&str) -> Result<(), Violation>,
) -> Option<StringList> {
    if let ArgValue::Assign(Value::Env { name, .. }) = &arg.value {
        return Some(StringList::Env(name.clone()));
    }
    let list = strings(errors, arg, what, form, check)?;
    if matches!(&arg.value, ArgValue::Assign(Value::Array(items, _)) if items.is_empty()) {
        errors.push(
            arg.key.span,
            format!(
                "`{} = []` lists nothing (leave `{}` out instead)",
                arg.key.name, arg.key.name
            ),
        );
    }
    Some(StringList::Static(list))
}

/// `message = ".."`: a refusal text, which Cognito shows to the user; not blank, one line.
pub fn message(errors: &mut Errors, arg: &Arg) -> Option<LitStr> {
    let value = expect_assign(errors, arg, "message = \"..\"")?;
    let lit = string(errors, value, "the refusal message")?;
    let text = lit.value();
    if text.trim().is_empty() {
        errors.push(
            lit.span(),
            "the refusal message cannot be empty: Cognito shows it to the user",
        );
        return None;
    }
    if text.chars().any(char::is_control) {
        errors.push(
            lit.span(),
            "the refusal message must be one line without control characters: Cognito shows it to the user",
        );
        return None;
    }
    Some(lit)
}
