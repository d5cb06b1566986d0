//! `#[post_authentication]`: the common arguments and the function; no arguments of its own.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use cognito_triggers_rules::lifecycle::post_authentication as rules;

use crate::common::args::Args;
use crate::common::errors::Errors;
use crate::common::values::Seen;
use crate::common::{attribute, outcome_handler, trigger_static, Attribute, CommonArgs, Sources};

/// The checked attribute.
pub struct Config {
    pub common: CommonArgs,
}

impl Attribute for Config {
    const NAME: &'static str = "post_authentication";
    const EVENT: &'static str = "PostAuthentication";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "Authentication",
    };

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            config
                .common
                .read_other::<Self>(arg, errors, &mut seen, &[]);
        }
        config
    }

    fn fallback(common: CommonArgs) -> Config {
        Config { common }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = outcome_handler(&p, func, call, Self::EVENT, "PostAuthenticationHandler");
        trigger_static(
            &self.common,
            func,
            "post authentication",
            Self::NAME,
            "PostAuthenticationTrigger",
            "PostAuthenticationConfig",
            quote!(handler: #handler,),
        )
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn post_authentication(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}
