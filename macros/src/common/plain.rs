//! Attributes with no arguments of their own (`#[post_authentication]`,
//! `#[verify_auth_challenge]`): the common arguments and a function returning an outcome.

use std::marker::PhantomData;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use super::args::Args;
use super::errors::Errors;
use super::values::Seen;
use super::{outcome_handler, trigger_static, Attribute, CommonArgs, Sources};

/// The names one such attribute uses.
pub trait Plain {
    /// `post_authentication`.
    const NAME: &'static str;
    /// `PostAuthentication`: the type of the function's parameter.
    const EVENT: &'static str;
    /// How `triggers = [..]` names are checked.
    const SOURCES: Sources;
    /// `post authentication`: the name in prose.
    const TITLE: &'static str;
    /// The runtime's trigger, configuration and handler types.
    const TRIGGER: &'static str;
    const CONFIG: &'static str;
    const HANDLER: &'static str;
}

/// The checked attribute: the common arguments only.
pub struct CommonOnly<P> {
    common: CommonArgs,
    names: PhantomData<P>,
}

impl<P: Plain> Attribute for CommonOnly<P> {
    const NAME: &'static str = P::NAME;
    const EVENT: &'static str = P::EVENT;
    const SOURCES: Sources = P::SOURCES;

    fn validate(args: &Args, errors: &mut Errors) -> Self {
        let mut config = Self::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            config
                .common
                .read_other::<Self>(arg, errors, &mut seen, &[]);
        }
        config
    }

    fn fallback(common: CommonArgs) -> Self {
        CommonOnly {
            common,
            names: PhantomData,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        let p = self.common.private();
        let handler = outcome_handler(&p, func, call, P::EVENT, P::HANDLER);
        trigger_static(
            &self.common,
            func,
            P::TITLE,
            P::NAME,
            P::TRIGGER,
            P::CONFIG,
            quote!(handler: #handler,),
        )
    }
}
