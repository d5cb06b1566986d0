//! What every trigger attribute shares: the argument syntax, error collection, the common
//! arguments (`triggers`, `init`, `timeout`, `main`, `crate`), signature checks, and the
//! driver that turns an attribute into the user's function plus a `static` — also when the
//! attribute is wrong.

pub mod args;
pub mod errors;
pub mod plain;
pub mod values;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{FnArg, Item, ItemFn, LitStr, Path};

use cognito_triggers_rules::Violation;

use args::{Arg, ArgValue, Args, Value};
use errors::Errors;
use values::{expect_assign, string, strings, Seen};

/// How an attribute checks the names in `triggers = [..]`.
pub struct Sources {
    /// Checks a short trigger source name.
    pub check: fn(&str) -> Result<(), Violation>,
    /// A valid name, for the form in messages.
    pub example: &'static str,
}

/// `triggers`, `init`, `timeout`, `main`, `crate`: parsed and checked the same way for every
/// attribute.
pub struct CommonArgs {
    pub triggers: Option<Vec<LitStr>>,
    pub init: Option<Path>,
    /// `timeout = "4s"` in milliseconds.
    pub timeout_ms: Option<u64>,
    pub main: bool,
    pub krate: Path,
}

impl Default for CommonArgs {
    fn default() -> Self {
        CommonArgs {
            triggers: None,
            init: None,
            timeout_ms: None,
            main: true,
            krate: syn::parse_quote!(::cognito_triggers),
        }
    }
}

/// Cognito waits 5 seconds for a trigger, then retries.
const COGNITO_LIMIT_MS: u64 = 5000;

/// Reads `"4s"`, `"4500ms"`, `"3m"` as milliseconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let (digits, scale) = match text.strip_suffix("ms") {
        Some(digits) => (digits, 1),
        None => match text.strip_suffix('m') {
            Some(digits) => (digits, 60_000),
            None => (text.strip_suffix('s')?, 1000),
        },
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

impl CommonArgs {
    /// The names of the common arguments.
    pub const KEYS: &'static [&'static str] = &["triggers", "init", "timeout", "main", "crate"];

    /// Reads one common argument (its key is one of [`CommonArgs::KEYS`]).
    fn read(&mut self, arg: &Arg, errors: &mut Errors, seen: &mut Seen, sources: &Sources) {
        let key = &arg.key;
        if !seen.first(errors, key, &key.name) {
            return;
        }
        match key.name.as_str() {
            "triggers" => {
                let form = format!("triggers = [\"{}\"]", sources.example);
                let list = strings(errors, arg, "trigger source", &form, sources.check);
                let empty = matches!(&arg.value, ArgValue::Assign(Value::Array(items, _)) if items.is_empty());
                if list.is_some() && empty {
                    errors.push(
                        key.span,
                        "`triggers = []` would never run the trigger (leave `triggers` out to run it for every trigger source)",
                    );
                }
                self.triggers = list;
            }
            "init" => {
                if let Some(value) = expect_assign(errors, arg, "init = path::to::function") {
                    match value {
                        Value::Path(p) => self.init = Some(p.clone()),
                        other => errors.push(
                            other.span(),
                            format!("`init` takes a function path, found {}", other.describe()),
                        ),
                    }
                }
            }
            "timeout" => {
                let Some(value) = expect_assign(errors, arg, "timeout = \"4s\"") else {
                    return;
                };
                let Some(lit) = string(errors, value, "the timeout") else {
                    return;
                };
                match parse_duration(&lit.value()) {
                    Some(0) | None => errors.push(
                        lit.span(),
                        format!(
                            "`{}` is not a timeout (write it as \"4s\" or \"4500ms\")",
                            lit.value()
                        ),
                    ),
                    Some(ms) if ms >= COGNITO_LIMIT_MS => errors.push(
                        lit.span(),
                        format!(
                            "a timeout of {ms} ms is not below Cognito's own limit of 5 s, after which Cognito retries the call (use at most \"4900ms\")"
                        ),
                    ),
                    Some(ms) => self.timeout_ms = Some(ms),
                }
            }
            "main" => {
                if let Some(value) = expect_assign(errors, arg, "main = false") {
                    match value {
                        Value::Bool(b) => self.main = b.value,
                        other => errors.push(
                            other.span(),
                            format!("`main` takes `true` or `false`, found {}", other.describe()),
                        ),
                    }
                }
            }
            "crate" => {
                if let Some(value) =
                    expect_assign(errors, arg, "crate = \"path::to::cognito_triggers\"")
                {
                    if let Some(lit) = string(errors, value, "the crate path") {
                        match lit.parse::<Path>() {
                            Ok(path) => self.krate = path,
                            Err(_) => {
                                errors.push(lit.span(), format!("`{}` is not a path", lit.value()))
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// An argument that is not one of attribute `A`'s own (`own`) arguments: a common one, or
    /// an unknown one (reported with a hint). One of `own` that arrives here was given twice
    /// and is reported already.
    pub fn read_other<A: Attribute>(
        &mut self,
        arg: &Arg,
        errors: &mut Errors,
        seen: &mut Seen,
        own: &[&str],
    ) {
        let name = arg.key.name.as_str();
        if Self::KEYS.contains(&name) {
            self.read(arg, errors, seen, &A::SOURCES);
        } else if !own.contains(&name) {
            let place = format!("of `#[{}]`", A::NAME);
            values::unknown_key(errors, &arg.key, &[own, Self::KEYS].concat(), &place);
        }
    }

    /// `Common::new(..)` for the generated static.
    pub fn expand(&self, func: &syn::Ident) -> TokenStream {
        let p = self.private();
        let name = LitStr::new(&func.to_string(), func.span());
        let triggers = option(&p, self.triggers.as_ref().map(|list| quote!(&[#(#list),*])));
        let init = option(
            &p,
            self.init
                .as_ref()
                .map(|path| quote_spanned!(path.span()=> #p::init_fn(#path))),
        );
        let timeout = option(&p, self.timeout_ms.map(|ms| quote!(#p::millis(#ms))));
        quote!(#p::Common::new(#name, #triggers, #init, #timeout))
    }

    /// `fn main` that runs `statik`, unless `main = false`.
    pub fn main_fn(&self, statik: &syn::Ident) -> Option<TokenStream> {
        let p = self.private();
        self.main.then(|| {
            quote! {
                fn main() -> #p::std::process::ExitCode {
                    #statik.main()
                }
            }
        })
    }

    /// `path::to::cognito_triggers::__private`.
    pub fn private(&self) -> TokenStream {
        let krate = &self.krate;
        quote!(#krate::__private)
    }
}

/// One trigger attribute, implemented by its checked configuration: its name, event type,
/// trigger sources, arguments and expansion.
pub trait Attribute: Sized {
    /// `pre_sign_up`.
    const NAME: &'static str;
    /// `PreSignUp`: the type of the function's parameter.
    const EVENT: &'static str;
    /// How `triggers = [..]` names are checked.
    const SOURCES: Sources;
    /// The most parameters the function may take (the event, then what the trigger hands
    /// over: create auth challenge's code).
    const PARAMETERS: &'static [&'static str] = &["event"];

    /// The fewest parameters the function may take, and the error when it takes fewer (user
    /// migration looks the user up; create auth challenge and the senders hand over a code).
    fn required_parameters() -> Option<(usize, String)> {
        None
    }

    /// Checks the arguments, reporting every error.
    fn validate(args: &Args, errors: &mut Errors) -> Self;
    /// The configuration used next to errors, so that only the real errors show.
    fn fallback(common: CommonArgs) -> Self;
    /// The common arguments.
    fn common(&self) -> &CommonArgs;
    /// The static for `func` (which it calls when `call` is true) and `fn main`.
    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream;
}

/// The whole attribute, on `proc_macro2` streams: the user's function with the generated
/// static and `fn main`, or — when anything is wrong — the function unchanged, every error,
/// and the static with a default configuration.
/// Writes out the hidden lifetime of an `async fn`'s event parameter (`&PreSignUp` becomes
/// `&PreSignUp<'_>`): Rust accepts the short form in a plain function but not in an `async fn`,
/// and every event type borrows the received text.
fn write_event_lifetime(func: &mut ItemFn, event: &str) {
    if func.sig.asyncness.is_none() {
        return;
    }
    let Some(FnArg::Typed(param)) = func.sig.inputs.first_mut() else {
        return;
    };
    let syn::Type::Reference(reference) = &mut *param.ty else {
        return;
    };
    let syn::Type::Path(path) = &mut *reference.elem else {
        return;
    };
    match path.path.segments.last_mut() {
        Some(last) if path.qself.is_none() && last.ident == event && last.arguments.is_none() => {
            last.arguments = syn::PathArguments::AngleBracketed(syn::parse_quote!(<'_>));
        }
        _ => {}
    }
}

pub fn attribute<A: Attribute>(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let wants_main_by_tokens = !attr
        .clone()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "main"));
    let config = match syn::parse2::<Args>(attr) {
        Ok(args) => Some(A::validate(&args, &mut errors)),
        Err(e) => {
            errors.add(e);
            None
        }
    };
    let func = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(mut func) => {
            check_signature(&func, A::EVENT, A::PARAMETERS, &mut errors);
            write_event_lifetime(&mut func, A::EVENT);
            if let Some((fewest, message)) = A::required_parameters() {
                let typed = func
                    .sig
                    .inputs
                    .iter()
                    .filter(|i| matches!(i, FnArg::Typed(_)))
                    .count();
                if typed < fewest {
                    errors.push(func.sig.span(), message);
                }
            }
            Some(func)
        }
        Err(_) => {
            errors.push(
                item_keyword_span(&item),
                format!(
                    "`#[{}]` goes on a function, such as `async fn handler() {{}}`",
                    A::NAME
                ),
            );
            None
        }
    };
    match (errors.finish(), config, func) {
        (Ok(()), Some(config), Some(func)) => config.expand(&func, true),
        (result, config, func) => {
            // The function as checked, its event lifetime written out, so that only the
            // attribute's own errors show.
            let mut out = func.as_ref().map_or(item, ToTokens::to_token_stream);
            if let Err(e) = result {
                out.extend(e.to_compile_error());
            }
            let common = config
                .map(|c| {
                    let common = c.common();
                    CommonArgs {
                        triggers: None,
                        init: None,
                        timeout_ms: None,
                        main: common.main,
                        krate: common.krate.clone(),
                    }
                })
                .unwrap_or_else(|| CommonArgs {
                    main: wants_main_by_tokens,
                    ..CommonArgs::default()
                });
            match func {
                // A method (`self`) cannot have a static beside it, in an `impl`.
                Some(func) if !matches!(func.sig.inputs.first(), Some(FnArg::Receiver(_))) => {
                    // The generated items without the function (it is in `out` already).
                    let expanded = A::fallback(common).expand(&func, false);
                    out.extend(without_first_item(expanded));
                }
                Some(_) => {}
                None if common.main => out.extend(quote!(
                    fn main() {}
                )),
                None => {}
            }
            out
        }
    }
}

/// `tokens` without its first item (the user's function, which `expand` emits first).
fn without_first_item(tokens: TokenStream) -> TokenStream {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let rest = file.items.iter().skip(1);
            quote!(#(#rest)*)
        }
        Err(_) => TokenStream::new(),
    }
}

/// The name of the generated static: the function's name in upper case.
pub fn static_name(func: &ItemFn) -> syn::Ident {
    let name = func.sig.ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    let upper = name.to_uppercase();
    if upper == name {
        format_ident!("{}_TRIGGER", upper, span = func.sig.ident.span())
    } else {
        format_ident!("{}", upper, span = func.sig.ident.span())
    }
}

fn item_keyword_span(item: &TokenStream) -> Span {
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
            .map_or_else(Span::call_site, |t| t.span()),
    }
}

/// Signatures the runtime cannot call, reported on the user's tokens.
fn check_signature(func: &ItemFn, event: &str, parameters: &[&str], errors: &mut Errors) {
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
            format!(
                "a trigger function cannot be generic: Cognito sends one event type, `&{event}`"
            ),
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(variadic.span(), "a trigger function cannot be variadic");
    }
    for (i, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(receiver) => errors.push(
                receiver.span(),
                format!("a trigger function cannot take `self`: write a free function `fn handler(event: &{event})`"),
            ),
            FnArg::Typed(typed) if i >= parameters.len() => errors.push(
                typed.span(),
                match parameters {
                    [_] => format!("a trigger function takes at most one parameter, `event: &{event}`"),
                    _ => format!("this trigger function takes at most {} parameters, `event: &{event}, code: &str`", parameters.len()),
                },
            ),
            FnArg::Typed(_) => {}
        }
    }
}

/// The call of the user's function inside the generated handler, with the result bound to a
/// name spanned on the return type (so that an unaccepted return type is reported there) and
/// converted by `convert`. Without `call`, the handler calls nothing (the fallback next to
/// errors).
pub fn call(func: &ItemFn, call: bool, convert: TokenStream) -> TokenStream {
    if !call {
        return quote!(#convert(()));
    }
    let ident = &func.sig.ident;
    // The event, then (create auth challenge) the code.
    let args = func.sig.inputs.iter().enumerate().map(|(i, input)| {
        // Spanned on the parameter's type, so that a wrong type is reported there.
        let span = match input {
            FnArg::Typed(typed) => typed.ty.span(),
            FnArg::Receiver(receiver) => receiver.span(),
        };
        match i {
            0 => format_ident!("__cognito_triggers_event", span = span),
            _ => format_ident!("__cognito_triggers_code", span = span),
        }
    });
    let mut value = quote!(#ident(#(#args),*));
    if func.sig.asyncness.is_some() {
        value = quote!(#value.await);
    }
    let span = match &func.sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => ident.span(),
    };
    let result = quote_spanned!(span=> __cognito_triggers_result);
    quote! {
        let #result = #value;
        #convert(#result)
    }
}

/// `Option::Some(value)` or `Option::None`, spelled through `p` (`..::__private`).
pub fn option<T: quote::ToTokens>(p: &TokenStream, value: Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(#p::core::option::Option::Some(#value)),
        None => quote!(#p::core::option::Option::None),
    }
}

/// The user's function, `static NAME: path::Trigger = path::Trigger::new(path::Config { common,
/// <fields> })` with its doc line, and `fn main` unless `main = false`.
pub fn trigger_static(
    common: &CommonArgs,
    func: &ItemFn,
    title: &str,
    attribute: &str,
    trigger: &str,
    config: &str,
    fields: TokenStream,
) -> TokenStream {
    let p = common.private();
    let statik = static_name(func);
    let vis = &func.vis;
    let trigger = format_ident!("{trigger}");
    let config = format_ident!("{config}");
    let common_value = common.expand(&func.sig.ident);
    let doc = format!(
        "The `{}` {title} trigger, generated by `#[{attribute}]`.",
        func.sig.ident
    );
    let main = common.main_fn(&statik);
    quote! {
        #func

        #[doc = #doc]
        #vis static #statik: #p::#trigger = #p::#trigger::new(#p::#config {
            common: #common_value,
            #fields
        });

        #main
    }
}

/// The handler of a trigger without response fields: `#handler::WithEvent(f)` for a function
/// that takes `&#event`, `#handler::WithoutEvent(f)` otherwise, its result converted by
/// `into_outcome`.
pub fn outcome_handler(
    p: &TokenStream,
    func: &ItemFn,
    call_user: bool,
    event: &str,
    handler: &str,
) -> TokenStream {
    typed_handler(
        p,
        func,
        call_user,
        event,
        handler,
        "OutcomeFuture",
        "into_outcome",
    )
}

/// The handler the trigger's config holds: `#handler::WithEvent(f)` for a function that takes
/// `&#event`, `#handler::WithoutEvent(f)` otherwise; `f` returns a boxed `#future` of the
/// user's result converted by `#convert`.
pub fn typed_handler(
    p: &TokenStream,
    func: &ItemFn,
    call_user: bool,
    event: &str,
    handler: &str,
    future: &str,
    convert: &str,
) -> TokenStream {
    let event = format_ident!("{event}");
    let handler = format_ident!("{handler}");
    let future = format_ident!("{future}");
    let convert = format_ident!("{convert}");
    let call = call(func, call_user, quote!(#p::#convert));
    if call_user && !func.sig.inputs.is_empty() {
        quote! {{
            fn __cognito_triggers_handler<'e, 'a>(
                __cognito_triggers_event: &'e #p::#event<'a>,
            ) -> #p::#future<'e> {
                #p::std::boxed::Box::pin(async move { #call })
            }
            #p::#handler::WithEvent(__cognito_triggers_handler)
        }}
    } else {
        let body = handler_future(p, func, call_user, &quote!(#p::#convert), &call);
        quote! {{
            fn __cognito_triggers_handler() -> #p::#future<'static> {
                #body
            }
            #p::#handler::WithoutEvent(__cognito_triggers_handler)
        }}
    }
}

/// The boxed future of one call of a function without parameters: `call` in an `async`
/// block, or, for a function with an empty body that returns nothing, `convert(())` ready at
/// once, which allocates nothing per event.
pub fn handler_future(
    p: &TokenStream,
    func: &ItemFn,
    call_user: bool,
    convert: &TokenStream,
    call: &TokenStream,
) -> TokenStream {
    if call_user && func.block.stmts.is_empty() && returns_nothing(func) {
        let ident = &func.sig.ident;
        quote! {
            let _ = #ident;
            #p::std::boxed::Box::pin(#p::Immediate(|| #convert(())))
        }
    } else {
        quote!(#p::std::boxed::Box::pin(async move { #call }))
    }
}

/// Whether the function returns nothing.
pub fn returns_nothing(func: &ItemFn) -> bool {
    match &func.sig.output {
        syn::ReturnType::Default => true,
        syn::ReturnType::Type(_, ty) => matches!(&**ty, syn::Type::Tuple(t) if t.elems.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("4s"), Some(4000));
        assert_eq!(parse_duration("4500ms"), Some(4500));
        assert_eq!(parse_duration("4.5s"), None);
        assert_eq!(parse_duration("s"), None);
        assert_eq!(parse_duration("-1s"), None);
        assert_eq!(parse_duration("4"), None);
        assert_eq!(parse_duration("3m"), Some(180_000));
    }
}
