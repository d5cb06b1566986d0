//! `#[user_migration]`: the static parts of the migrated user's answer, checked against
//! Cognito's rules, and the expansion around the required lookup function.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::migration::user_migration as rules;

use crate::common::args::{Args, Value};
use crate::common::errors::Errors;
use crate::common::values::{expect_assign, rule, string, strings, Seen};
use crate::common::{
    attribute, option, trigger_static, typed_handler, Attribute, CommonArgs, Sources,
};

/// The checked attribute.
pub struct Config {
    final_status: Option<LitStr>,
    message_action: Option<LitStr>,
    desired_delivery: Vec<LitStr>,
    force_alias_creation: Option<bool>,
    common: CommonArgs,
}

const KEYS: &[&str] = &[
    "final_status",
    "message_action",
    "desired_delivery",
    "force_alias_creation",
];

impl Attribute for Config {
    const NAME: &'static str = "user_migration";
    const EVENT: &'static str = "UserMigration";
    const SOURCES: Sources = Sources {
        check: rules::check_source_name,
        example: "Authentication",
    };

    fn required_parameters() -> Option<(usize, String)> {
        Some((1, "a user migration function looks the user up: `fn migrate(event: &UserMigration) -> Result<Option<MigratedUser>, E>`".to_owned()))
    }

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config::fallback(CommonArgs::default());
        let mut seen = Seen::default();
        for arg in &args.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "final_status" if seen.first(errors, key, "final_status") => {
                    let Some(value) = expect_assign(errors, arg, "final_status = \"CONFIRMED\"")
                    else {
                        continue;
                    };
                    let Some(lit) = string(errors, value, "the final status") else {
                        continue;
                    };
                    match rules::check_final_status(&lit.value()) {
                        Ok(()) => config.final_status = Some(lit),
                        Err(v) => rule(errors, lit.span(), v),
                    }
                }
                "message_action" if seen.first(errors, key, "message_action") => {
                    let Some(value) = expect_assign(errors, arg, "message_action = \"SUPPRESS\"")
                    else {
                        continue;
                    };
                    let Some(lit) = string(errors, value, "the message action") else {
                        continue;
                    };
                    match rules::check_message_action(&lit.value()) {
                        Ok(()) => config.message_action = Some(lit),
                        Err(v) => rule(errors, lit.span(), v),
                    }
                }
                "desired_delivery" if seen.first(errors, key, "desired_delivery") => {
                    let list = strings(
                        errors,
                        arg,
                        "delivery medium",
                        "desired_delivery = [\"EMAIL\"]",
                        rules::check_delivery_medium,
                    );
                    if let Some(list) = list {
                        if list.is_empty()
                            && matches!(&arg.value, crate::common::args::ArgValue::Assign(Value::Array(items, _)) if items.is_empty())
                        {
                            errors.push(key.span, "`desired_delivery = []` names no medium (leave it out for Cognito's default, SMS)");
                        }
                        config.desired_delivery = list;
                    }
                }
                "force_alias_creation" if seen.first(errors, key, "force_alias_creation") => {
                    if let Some(value) = expect_assign(errors, arg, "force_alias_creation = true") {
                        match value {
                            Value::Bool(b) => config.force_alias_creation = Some(b.value),
                            other => errors.push(
                                other.span(),
                                format!(
                                    "`force_alias_creation` takes `true` or `false`, found {}",
                                    other.describe()
                                ),
                            ),
                        }
                    }
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
            final_status: None,
            message_action: None,
            desired_delivery: Vec::new(),
            force_alias_creation: None,
            common,
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call_user: bool) -> TokenStream {
        let p = self.common.private();
        // The lookup takes the event: without it (the fallback next to errors) it is not called.
        let handler = if func.sig.inputs.is_empty() || !call_user {
            quote! {{
                fn __cognito_triggers_handler<'e, 'a>(
                    _: &'e #p::UserMigration<'a>,
                ) -> #p::MigrationFuture<'e> {
                    #p::std::boxed::Box::pin(async move { #p::core::result::Result::Ok(#p::core::option::Option::None) })
                }
                #p::UserMigrationHandler::WithEvent(__cognito_triggers_handler)
            }}
        } else {
            typed_handler(
                &p,
                func,
                call_user,
                "UserMigration",
                "UserMigrationHandler",
                "MigrationFuture",
                "into_migration",
            )
        };
        let final_status = option(&p, self.final_status.as_ref());
        let message_action = option(&p, self.message_action.as_ref());
        let delivery = &self.desired_delivery;
        let force = option(&p, self.force_alias_creation);
        trigger_static(
            &self.common,
            func,
            "user migration",
            Self::NAME,
            "UserMigrationTrigger",
            "UserMigrationConfig",
            quote! {
                final_status: #final_status,
                message_action: #message_action,
                desired_delivery: &[#(#delivery),*],
                force_alias_creation: #force,
                handler: #handler,
            },
        )
    }
}

/// The whole attribute, on `proc_macro2` streams.
pub fn user_migration(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::<Config>(attr, item)
}
