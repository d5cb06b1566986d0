//! `#[inbound_federation]`: `map(attribute = "source.claim", ..)` and `truncate`, checked at
//! compile time, and the expansion.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::migration::{check_writable_attribute, inbound_federation as rules};

use crate::common::args::{Args, Value};
use crate::common::errors::Errors;
use crate::common::values::{expect_assign, expect_list, rule, string, Seen};
use crate::common::{
    attribute, option, trigger_static, typed_handler, Attribute, CommonArgs, Sources,
};

/// One checked `attribute = "source.claim"`.
struct Mapping {
    attribute: LitStr,
    source: String,
    claim: String,
}

/// The checked attribute.
pub struct Config {
    map: Vec<Mapping>,
    truncate: Option<u64>,
    common: CommonArgs,
}

impl Config {
    fn map(&mut self, errors: &mut Errors, arg: &crate::common::args::Arg) {
        let form = "map(email = \"idToken.email\", \"custom:groups\" = \"samlResponse.groups\")";
        let Some(list) = expect_list(errors, arg, form) else {
            return;
        };
        if list.0.is_empty() {
            errors.push(arg.key.span, format!("`map()` maps nothing: `{form}`"));
        }
        for inner in &list.0 {
            let name = &inner.key.name;
            if let Err(v) = check_writable_attribute(name) {
                rule(errors, inner.key.span, v);
                continue;
            }
            if self.map.iter().any(|m| &m.attribute.value() == name) {
                errors.push(inner.key.span, format!("`{name}` is mapped twice"));
                continue;
            }
            let Some(value) = expect_assign(errors, inner, &format!("{name} = \"idToken.{name}\""))
            else {
                continue;
            };
            let Some(lit) = string(errors, value, "the claim path") else {
                continue;
            };
            match rules::parse_claim_path(&lit.value()) {
                Ok((source, claim)) => self.map.push(Mapping {
                    attribute: LitStr::new(name, inner.key.span),
                    source: source.to_owned(),
                    claim: claim.to_owned(),
                }),
                Err(v) => rule(errors, lit.span(), v),
            }
        }
    }
}

impl Attribute for Config {
    const NAME: &'static str = "inbound_federation";
    const EVENT: &'static str = "InboundFederation";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "ExternalProvider",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            match arg.key.name.as_str() {
                "map" if seen.first(errors, &arg.key, "map") => config.map(errors, arg),
                "truncate" if seen.first(errors, &arg.key, "truncate") => {
                    let Some(value) = expect_assign(errors, arg, "truncate = 2048") else {
                        continue;
                    };
                    match value {
                        Value::Number {
                            text, span, float, ..
                        } => match text.parse::<u64>() {
                            Ok(n) if !float => match rules::check_truncate(n) {
                                Ok(()) => config.truncate = Some(n),
                                Err(v) => rule(errors, *span, v),
                            },
                            _ => errors.push(*span, "`truncate` is a whole number of characters"),
                        },
                        other => errors.push(
                            other.span(),
                            format!(
                                "`truncate` takes a number of characters, found {}",
                                other.describe()
                            ),
                        ),
                    }
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, &["map", "truncate"]),
            }
        }
        config
    }

    fn fallback(common: CommonArgs) -> Config {
        Config {
            map: Vec::new(),
            truncate: None,
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = typed_handler(
            &p,
            func,
            call,
            "InboundFederation",
            "InboundFederationHandler",
            "FederationFuture",
            "into_attribute_map",
        );
        let map = self.map.iter().map(|m| {
            let (attribute, source, claim) = (&m.attribute, &m.source, &m.claim);
            quote!(#p::Mapping { attribute: #attribute, source: #source, claim: #claim })
        });
        let truncate = option(&p, self.truncate.map(|n| n as usize));
        trigger_static(
            &self.common,
            func,
            "inbound federation",
            Self::NAME,
            "InboundFederationTrigger",
            "InboundFederationConfig",
            quote! {
                map: &[#(#map),*],
                truncate: #truncate,
                handler: #handler,
            },
        )
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn inbound_federation(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}
