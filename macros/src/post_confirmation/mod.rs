//! `#[post_confirmation]`: `add_to_groups` (which needs the runtime's `sdk` feature).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ItemFn;

use cognito_triggers_rules::check_group_name;
use cognito_triggers_rules::lifecycle::post_confirmation as rules;

use crate::common::args::Args;
use crate::common::errors::Errors;
use crate::common::values::{string_list, Seen, StringList};
use crate::common::{attribute, outcome_handler, trigger_static, Attribute, CommonArgs, Sources};

/// The checked attribute.
pub struct Config {
    /// `add_to_groups` and the span of its key (where a missing `sdk` feature is reported).
    pub add_to_groups: Option<(StringList, Span)>,
    pub common: CommonArgs,
}

const KEYS: &[&str] = &["add_to_groups"];

impl Attribute for Config {
    const NAME: &'static str = "post_confirmation";
    const EVENT: &'static str = "PostConfirmation";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "ConfirmSignUp",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "add_to_groups" if seen.first(errors, key, "add_to_groups") => {
                    config.add_to_groups = string_list(
                        errors,
                        arg,
                        "group",
                        "add_to_groups = [\"EVERYONE\"]` or `add_to_groups = env(\"GROUPS\")",
                        check_group_name,
                    )
                    .map(|list| (list, key.span));
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, KEYS),
            }
        }
        config
    }

    fn fallback(common: CommonArgs) -> Config {
        Config {
            add_to_groups: None,
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = outcome_handler(&p, func, call, Self::EVENT, "PostConfirmationHandler");
        let add_to_groups = match &self.add_to_groups {
            Some((groups, span)) => {
                let groups = groups.expand(&p);
                // `ConfirmSignUp` only, unless `triggers = [..]` says where.
                let sources = match &self.common.triggers {
                    Some(_) => quote!(#p::core::option::Option::None),
                    None => {
                        let names = rules::GROUPS_DEFAULT_SOURCES;
                        quote!(#p::core::option::Option::Some(&[#(#names),*]))
                    }
                };
                // A compile error on `add_to_groups` when the `sdk` feature is off.
                // (The call's own tokens carry the span: an interpolated `#p` keeps its own.)
                let check = quote_spanned!(*span=> __cognito_triggers_add::<__CognitoTriggersSdk>);
                quote!({
                    use #p::{add_to_groups as __cognito_triggers_add, Sdk as __CognitoTriggersSdk};
                    #check(#p::AddToGroups { groups: #groups, sources: #sources })
                })
            }
            None => quote!(#p::core::option::Option::None),
        };
        trigger_static(
            &self.common,
            func,
            "post confirmation",
            Self::NAME,
            "PostConfirmationTrigger",
            "PostConfirmationConfig",
            quote! {
                add_to_groups: #add_to_groups,
                handler: #handler,
            },
        )
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn post_confirmation(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}
