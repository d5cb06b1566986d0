//! The attribute's syntax: `key = value`, `key(..)`, nested, with JSON-like values.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{braced, bracketed, parenthesized, Ident, Lit, LitBool, LitStr, Token};

/// All arguments of one attribute (or of one `key(..)` list).
pub struct Args(pub Vec<Arg>);

/// One `key`, `key = value` or `key(..)`.
pub struct Arg {
    pub key: Key,
    pub value: ArgValue,
}

/// An argument or claim name: an identifier, a keyword (`crate`) or a string literal.
#[derive(Clone)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

pub enum ArgValue {
    /// A bare key with nothing after it.
    Flag,
    /// `key = value`.
    Assign(Value),
    /// `key(..)`.
    List(Args),
}

/// A value on the right of `=`.
#[derive(Clone)]
pub enum Value {
    Str(LitStr),
    /// An integer or float literal, with an optional leading `-`.
    Number {
        tokens: TokenStream,
        span: Span,
        float: bool,
        text: String,
    },
    Bool(LitBool),
    Array(Vec<Value>, Span),
    Object(Vec<(Key, Value)>, Span),
    Path(syn::Path),
    /// `env("NAME")`: read from the environment at cold start.
    Env {
        name: LitStr,
        span: Span,
    },
    /// `attr("name")` or `attr("name", default = value)`.
    Attr {
        name: LitStr,
        default: Option<Box<Value>>,
        span: Span,
    },
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::Number { span, .. } => *span,
            Value::Bool(b) => b.span,
            Value::Array(_, span)
            | Value::Object(_, span)
            | Value::Attr { span, .. }
            | Value::Env { span, .. } => *span,
            Value::Path(p) => p.span(),
        }
    }

    /// The kind, for "expected .., found .." messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Number { .. } => "a number",
            Value::Bool(_) => "a boolean",
            Value::Array(..) => "an array",
            Value::Object(..) => "an object",
            Value::Path(_) => "a path",
            Value::Attr { .. } => "`attr(..)`",
            Value::Env { .. } => "`env(..)`",
        }
    }

    /// The `serde_json::json!` input for this value (never called on paths or `attr`).
    pub fn json_tokens(&self) -> TokenStream {
        match self {
            Value::Str(s) => s.to_token_stream(),
            Value::Number { tokens, .. } => tokens.clone(),
            Value::Bool(b) => b.to_token_stream(),
            Value::Array(items, _) => {
                let items = items.iter().map(Value::json_tokens);
                quote!([#(#items),*])
            }
            Value::Object(entries, _) => {
                let entries = entries.iter().map(|(k, v)| {
                    let key = LitStr::new(&k.name, k.span);
                    let value = v.json_tokens();
                    quote!(#key: #value)
                });
                quote!({ #(#entries),* })
            }
            Value::Path(p) => p.to_token_stream(),
            Value::Attr { name, .. } | Value::Env { name, .. } => name.to_token_stream(),
        }
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let list = Punctuated::<Arg, Token![,]>::parse_terminated(input)?;
        Ok(Args(list.into_iter().collect()))
    }
}

impl Parse for Key {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            return Ok(Key {
                name: lit.value(),
                span: lit.span(),
            });
        }
        if input.peek(Token![crate]) {
            let token: Token![crate] = input.parse()?;
            return Ok(Key {
                name: "crate".into(),
                span: token.span,
            });
        }
        let ident = Ident::parse_any(input).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected an argument name, such as `groups` or `claims`",
            )
        })?;
        Ok(Key {
            name: ident.unraw().to_string(),
            span: ident.span(),
        })
    }
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: Key = input.parse()?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            ArgValue::Assign(input.parse()?)
        } else if input.peek(syn::token::Paren) {
            let content;
            parenthesized!(content in input);
            ArgValue::List(content.parse()?)
        } else if input.peek(Token![:]) {
            return Err(input.error(format!("expected `=` after `{}`, not `:`", key.name)));
        } else {
            ArgValue::Flag
        };
        Ok(Arg { key, value })
    }
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(syn::token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = Punctuated::<Value, Token![,]>::parse_terminated(&content)?;
            return Ok(Value::Array(
                items.into_iter().collect(),
                bracket.span.join(),
            ));
        }
        if input.peek(syn::token::Brace) {
            let content;
            let brace = braced!(content in input);
            let entries = Punctuated::<ObjectEntry, Token![,]>::parse_terminated(&content)?;
            let entries = entries.into_iter().map(|e| (e.key, e.value)).collect();
            return Ok(Value::Object(entries, brace.span.join()));
        }
        if input.peek(Token![-]) {
            let minus: Token![-] = input.parse()?;
            let lit: Lit = input.parse()?;
            return number(&lit, Some(minus))
                .ok_or_else(|| syn::Error::new(lit.span(), "expected a number after `-`"));
        }
        if input.peek(Lit) {
            let lit: Lit = input.parse()?;
            return match lit {
                Lit::Str(s) => Ok(Value::Str(s)),
                Lit::Bool(b) => Ok(Value::Bool(b)),
                other => number(&other, None).ok_or_else(|| {
                    syn::Error::new(
                        other.span(),
                        "expected a string, number, boolean, array or object",
                    )
                }),
            };
        }
        if input.peek(Ident) && input.peek2(syn::token::Paren) {
            let func: Ident = input.parse()?;
            if func == "env" {
                let content;
                let paren = parenthesized!(content in input);
                let name: LitStr = content.parse()?;
                if !content.is_empty() {
                    return Err(content.error("`env(..)` takes one variable name: `env(\"NAME\")`"));
                }
                let span = func
                    .span()
                    .join(paren.span.join())
                    .unwrap_or_else(|| func.span());
                return Ok(Value::Env { name, span });
            }
            if func != "attr" {
                return Err(syn::Error::new(
                    func.span(),
                    format!("unknown function `{func}`: the functions are `attr(\"name\")` and `env(\"NAME\")`"),
                ));
            }
            let content;
            let paren = parenthesized!(content in input);
            let name: LitStr = content.parse()?;
            let mut default = None;
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
                if !content.is_empty() {
                    let key: Ident = content.parse()?;
                    if key != "default" {
                        return Err(syn::Error::new(key.span(), "expected `default = value`"));
                    }
                    content.parse::<Token![=]>()?;
                    default = Some(Box::new(content.parse()?));
                    if content.peek(Token![,]) {
                        content.parse::<Token![,]>()?;
                    }
                }
            }
            if !content.is_empty() {
                return Err(content.error("unexpected tokens in `attr(..)`"));
            }
            let span = func
                .span()
                .join(paren.span.join())
                .unwrap_or_else(|| func.span());
            return Ok(Value::Attr {
                name,
                default,
                span,
            });
        }
        if input.peek(Ident::peek_any) || input.peek(Token![::]) {
            return Ok(Value::Path(input.parse()?));
        }
        Err(input.error("expected a value: a string, number, boolean, array, object or path"))
    }
}

struct ObjectEntry {
    key: Key,
    value: Value,
}

impl Parse for ObjectEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: Key = input.parse()?;
        input.parse::<Token![:]>()?;
        Ok(ObjectEntry {
            key,
            value: input.parse()?,
        })
    }
}

fn number(lit: &Lit, minus: Option<Token![-]>) -> Option<Value> {
    let (float, digits) = match lit {
        Lit::Int(i) if i.suffix().is_empty() => (false, i.base10_digits().to_owned()),
        Lit::Float(f) if f.suffix().is_empty() => (true, f.base10_digits().to_owned()),
        _ => return None,
    };
    let sign = if minus.is_some() { "-" } else { "" };
    let span = match minus {
        Some(m) => m.span.join(lit.span()).unwrap_or(lit.span()),
        None => lit.span(),
    };
    // A suffix pins the type: `json!` would otherwise infer `i32` and reject large integers.
    let typed: TokenStream = if float {
        syn::LitFloat::new(&format!("{digits}f64"), lit.span()).to_token_stream()
    } else {
        syn::LitInt::new(&format!("{digits}i64"), lit.span()).to_token_stream()
    };
    Some(Value::Number {
        tokens: quote!(#minus #typed),
        span,
        float,
        text: format!("{sign}{digits}"),
    })
}
