//! Cognito's rules applied to the parsed arguments: a checked [`Config`], or every error at once.

use proc_macro2::{Span, TokenStream};
use syn::{ItemFn, LitStr};

use cognito_triggers_rules::{self as rules, Token, ValueKind, Version};

use crate::common::args::{Arg, ArgValue, Args, Value};
use crate::common::errors::Errors;
use crate::common::values::{expect_assign, expect_list, rule, string, strings, unknown_key, Seen};
use crate::common::{Attribute, CommonArgs, Sources};

/// A claim value: a literal (as `json!` input) or a user attribute.
pub enum ClaimValue {
    Json(Value),
    Attr {
        name: LitStr,
        default: Option<Value>,
    },
}

pub struct Claim {
    pub name: String,
    pub span: Span,
    pub value: ClaimValue,
}

#[derive(Default)]
pub struct TokenSpec {
    pub claims: Vec<Claim>,
    pub suppress: Vec<LitStr>,
}

pub enum Groups {
    Keep,
    Replace(Vec<LitStr>),
    Edit {
        add: Vec<LitStr>,
        remove: Vec<LitStr>,
    },
}

/// The checked attribute.
pub struct Config {
    pub version: Version,
    pub groups: Groups,
    pub iam_roles: Option<Vec<LitStr>>,
    pub preferred_role: Option<LitStr>,
    pub id: TokenSpec,
    pub access: TokenSpec,
    pub scopes_add: Vec<LitStr>,
    pub scopes_suppress: Vec<LitStr>,
    /// `groups(allow = [..])`: the only groups the function body may assign.
    pub allowed_groups: Option<Vec<LitStr>>,
    /// `triggers`, `init`, `timeout`, `main`, `crate`.
    pub common: CommonArgs,
}

const TOP_KEYS: &[&str] = &[
    "version",
    "groups",
    "iam_roles",
    "preferred_role",
    "claims",
    "suppress",
    "id_token",
    "access_token",
];

impl Attribute for Config {
    const NAME: &'static str = "pre_token_generation";
    const EVENT: &'static str = "PreTokenGeneration";
    const SOURCES: Sources = Sources {
        check: rules::check_trigger_name,
        example: "Authentication",
    };

    fn fallback(common: CommonArgs) -> Config {
        Config {
            common,
            ..Config::validate(&Args(Vec::new()), &mut Errors::default())
        }
    }

    fn common(&self) -> &CommonArgs {
        &self.common
    }

    fn expand(&self, func: &ItemFn, call: bool) -> TokenStream {
        super::expand::expand(self, func, call)
    }

    fn validate(args: &Args, errors: &mut Errors) -> Config {
        let mut config = Config {
            version: Version::V1_0,
            groups: Groups::Keep,
            iam_roles: None,
            preferred_role: None,
            id: TokenSpec::default(),
            access: TokenSpec::default(),
            scopes_add: Vec::new(),
            scopes_suppress: Vec::new(),
            allowed_groups: None,
            common: CommonArgs::default(),
        };
        // The version decides the other rules: read it first.
        for arg in args.0.iter().filter(|a| a.key.name == "version") {
            if let Some(value) = expect_assign(errors, arg, "version = \"V2_0\"") {
                if let Some(lit) = string(errors, value, "the version") {
                    match Version::from_config(&lit.value()) {
                        Some(v) => config.version = v,
                        None => errors.push(
                            lit.span(),
                            format!(
                                "unknown version `{}` (expected \"V1_0\", \"V2_0\" or \"V3_0\", the pool's LambdaVersion)",
                                lit.value()
                            ),
                        ),
                    }
                }
            }
        }
        let mut seen = Seen::default();
        for arg in &args.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "version" => {
                    seen.first(errors, key, "version");
                }
                "groups" if seen.first(errors, key, "groups") => config.groups(arg, errors),
                "iam_roles" if seen.first(errors, key, "iam_roles") => {
                    config.iam_roles = strings(
                        errors,
                        arg,
                        "IAM role",
                        "iam_roles = [\"arn:aws:iam::123456789012:role/name\"]",
                        rules::check_role_arn,
                    );
                }
                "preferred_role" if seen.first(errors, key, "preferred_role") => {
                    if let Some(value) = expect_assign(
                        errors,
                        arg,
                        "preferred_role = \"arn:aws:iam::123456789012:role/name\"",
                    ) {
                        if let Some(lit) = string(errors, value, "the preferred role") {
                            match rules::check_role_arn(&lit.value()) {
                                Ok(()) => config.preferred_role = Some(lit),
                                Err(v) => rule(errors, lit.span(), v),
                            }
                        }
                    }
                }
                "claims" => {
                    if seen.first(errors, key, "id_token claims") {
                        config.id.claims = claims(errors, arg, config.version, Token::Id);
                    }
                }
                "suppress" => {
                    if seen.first(errors, key, "id_token suppress") {
                        config.id.suppress = suppress(errors, arg);
                    }
                }
                "id_token" if seen.first(errors, key, "id_token") => {
                    if let Some(list) =
                        expect_list(errors, arg, "id_token(claims(..), suppress = [..])")
                    {
                        config.token(list, Token::Id, errors, &mut seen);
                    }
                }
                "access_token" if seen.first(errors, key, "access_token") => {
                    if let Err(v) = rules::check_token_customizable(config.version, Token::Access) {
                        rule(errors, key.span, v);
                    } else if let Some(list) = expect_list(
                        errors,
                        arg,
                        "access_token(claims(..), suppress = [..], scopes(..))",
                    ) {
                        config.token(list, Token::Access, errors, &mut seen);
                    }
                }
                _ => config
                    .common
                    .read_other::<Self>(arg, errors, &mut seen, TOP_KEYS),
            }
        }
        config.cross_checks(errors);
        config
    }
}

impl Config {
    fn groups(&mut self, arg: &Arg, errors: &mut Errors) {
        match &arg.value {
            ArgValue::List(list) => {
                let mut seen = Seen::default();
                let (mut add, mut remove) = (Vec::new(), Vec::new());
                for inner in &list.0 {
                    match inner.key.name.as_str() {
                        "allow" if seen.first(errors, &inner.key, "allow") => {
                            self.allowed_groups = strings(
                                errors,
                                inner,
                                "group",
                                "allow = [\"group\"]",
                                rules::check_group_name,
                            );
                        }
                        "add" if seen.first(errors, &inner.key, "add") => {
                            add = strings(
                                errors,
                                inner,
                                "group",
                                "add = [\"group\"]",
                                rules::check_group_name,
                            )
                            .unwrap_or_default();
                        }
                        "remove" if seen.first(errors, &inner.key, "remove") => {
                            remove = strings(
                                errors,
                                inner,
                                "group",
                                "remove = [\"group\"]",
                                rules::check_group_name,
                            )
                            .unwrap_or_default();
                        }
                        "add" | "remove" | "allow" => {}
                        _ => unknown_key(
                            errors,
                            &inner.key,
                            &["add", "remove", "allow"],
                            "of `groups(..)`",
                        ),
                    }
                }
                for lit in &remove {
                    if add.iter().any(|a| a.value() == lit.value()) {
                        errors.push(
                            lit.span(),
                            format!("group `{}` is both added and removed", lit.value()),
                        );
                    }
                }
                if let Some(allowed) = &self.allowed_groups {
                    for lit in &add {
                        if !allowed.iter().any(|a| a.value() == lit.value()) {
                            errors.push(
                                lit.span(),
                                format!("group `{}` is added but not in `allow`", lit.value()),
                            );
                        }
                    }
                }
                self.groups = if add.is_empty() && remove.is_empty() {
                    Groups::Keep
                } else {
                    Groups::Edit { add, remove }
                };
            }
            _ => {
                if let Some(list) = strings(
                    errors,
                    arg,
                    "group",
                    "groups = [\"group\"]` or `groups(add = [..], remove = [..])",
                    rules::check_group_name,
                ) {
                    self.groups = Groups::Replace(list);
                }
            }
        }
    }

    /// The inside of `id_token(..)` or `access_token(..)`.
    fn token(&mut self, list: &Args, token: Token, errors: &mut Errors, top: &mut Seen) {
        let mut seen = Seen::default();
        let keys: &[&str] = match token {
            Token::Id => &["claims", "suppress"],
            Token::Access => &["claims", "suppress", "scopes"],
        };
        let prefix = match token {
            Token::Id => "id_token",
            Token::Access => "access_token",
        };
        for arg in &list.0 {
            let key = &arg.key;
            match key.name.as_str() {
                "claims" => {
                    let slot = format!("{prefix} claims");
                    if seen.first(errors, key, "claims") && top.first(errors, key, &slot) {
                        let claims = claims(errors, arg, self.version, token);
                        self.spec(token).claims = claims;
                    }
                }
                "suppress" => {
                    let slot = format!("{prefix} suppress");
                    if seen.first(errors, key, "suppress") && top.first(errors, key, &slot) {
                        self.spec(token).suppress = suppress(errors, arg);
                    }
                }
                "scopes" if token == Token::Access && seen.first(errors, key, "scopes") => {
                    if let Some(inner) =
                        expect_list(errors, arg, "scopes(add = [..], suppress = [..])")
                    {
                        self.scopes(inner, errors);
                    }
                }
                "scopes" if token == Token::Access => {}
                _ => unknown_key(errors, key, keys, &format!("of `{prefix}(..)`")),
            }
        }
    }

    fn scopes(&mut self, list: &Args, errors: &mut Errors) {
        let mut seen = Seen::default();
        for arg in &list.0 {
            match arg.key.name.as_str() {
                "add" if seen.first(errors, &arg.key, "add") => {
                    self.scopes_add = strings(
                        errors,
                        arg,
                        "scope",
                        "add = [\"scope\"]",
                        rules::check_scope,
                    )
                    .unwrap_or_default();
                }
                "suppress" if seen.first(errors, &arg.key, "suppress") => {
                    self.scopes_suppress = strings(
                        errors,
                        arg,
                        "scope",
                        "suppress = [\"scope\"]",
                        rules::check_scope,
                    )
                    .unwrap_or_default();
                }
                "add" | "suppress" => {}
                _ => unknown_key(errors, &arg.key, &["add", "suppress"], "of `scopes(..)`"),
            }
        }
        for lit in &self.scopes_suppress {
            if self.scopes_add.iter().any(|a| a.value() == lit.value()) {
                errors.push(
                    lit.span(),
                    format!(
                        "scope `{}` is both added and suppressed: Cognito suppresses it",
                        lit.value()
                    ),
                );
            }
        }
    }

    fn spec(&mut self, token: Token) -> &mut TokenSpec {
        match token {
            Token::Id => &mut self.id,
            Token::Access => &mut self.access,
        }
    }

    fn cross_checks(&self, errors: &mut Errors) {
        for (token, spec) in [(Token::Id, &self.id), (Token::Access, &self.access)] {
            for lit in &spec.suppress {
                if spec.claims.iter().any(|c| c.name == lit.value()) {
                    errors.push(
                        lit.span(),
                        format!(
                            "claim `{}` is both added and suppressed in the {}: Cognito silently suppresses it, so the added value never reaches the token (remove it from one of the two lists)",
                            lit.value(),
                            token.describe()
                        ),
                    );
                }
            }
        }
        if let (Some(roles), Some(preferred)) = (&self.iam_roles, &self.preferred_role) {
            if !roles.iter().any(|r| r.value() == preferred.value()) {
                errors.push(
                    preferred.span(),
                    "`preferred_role` must be one of `iam_roles`",
                );
            }
        }
    }
}

fn claims(errors: &mut Errors, arg: &Arg, version: Version, token: Token) -> Vec<Claim> {
    let Some(list) = expect_list(
        errors,
        arg,
        "claims(name = \"value\", \"custom:name\" = \"value\")",
    ) else {
        return Vec::new();
    };
    let mut out: Vec<Claim> = Vec::new();
    for claim in &list.0 {
        let key = &claim.key;
        let ArgValue::Assign(value) = &claim.value else {
            errors.push(
                key.span,
                format!(
                    "claim `{}` needs a value: `{} = \"value\"`",
                    key.name, key.name
                ),
            );
            continue;
        };
        if out.iter().any(|c| c.name == key.name) {
            errors.push(key.span, format!("claim `{}` given twice", key.name));
            continue;
        }
        if let Err(v) = rules::check_claim_add(token, &key.name) {
            rule(errors, key.span, v);
            continue;
        }
        let Some(value) = claim_value(errors, value, version, token, &key.name) else {
            continue;
        };
        out.push(Claim {
            name: key.name.clone(),
            span: key.span,
            value,
        });
    }
    out
}

fn claim_value(
    errors: &mut Errors,
    value: &Value,
    version: Version,
    token: Token,
    name: &str,
) -> Option<ClaimValue> {
    if token == Token::Access && name == "aud" {
        let literal = match value {
            Value::Str(s) => Some(s.value()),
            _ => None,
        };
        if let Err(v) = rules::check_access_aud(literal.as_deref(), None) {
            rule(errors, value.span(), v);
            return None;
        }
    }
    match value {
        Value::Attr {
            name: attr,
            default,
            ..
        } => {
            if attr.value().is_empty() {
                errors.push(attr.span(), "the attribute name cannot be empty");
                return None;
            }
            if let Some(default) = default {
                check_literal(errors, default, version, token, name)?;
            }
            Some(ClaimValue::Attr {
                name: attr.clone(),
                default: default.as_deref().cloned(),
            })
        }
        literal => {
            check_literal(errors, literal, version, token, name)?;
            Some(ClaimValue::Json(literal.clone()))
        }
    }
}

fn check_literal(
    errors: &mut Errors,
    value: &Value,
    version: Version,
    token: Token,
    name: &str,
) -> Option<()> {
    let kind = literal_kind(errors, value)?;
    match rules::check_claim_value(version, token, name, kind) {
        Ok(()) => Some(()),
        Err(v) => {
            rule(errors, value.span(), v);
            None
        }
    }
}

/// The JSON kind of a literal, checking numbers fit in an `i64`/finite `f64` on the way.
fn literal_kind(errors: &mut Errors, value: &Value) -> Option<ValueKind> {
    Some(match value {
        Value::Str(_) => ValueKind::String,
        Value::Bool(_) => ValueKind::Bool,
        Value::Number {
            float, text, span, ..
        } => {
            let fits = if *float {
                text.parse::<f64>().is_ok_and(f64::is_finite)
            } else {
                text.parse::<i64>().is_ok()
            };
            if !fits {
                errors.push(*span, format!("`{text}` does not fit in a JSON claim (integers up to i64::MAX, finite floats)"));
                return None;
            }
            ValueKind::Number
        }
        Value::Array(items, _) => {
            let mut scalars_only = true;
            for item in items {
                let kind = literal_kind(errors, item)?;
                scalars_only &= matches!(
                    kind,
                    ValueKind::String | ValueKind::Number | ValueKind::Bool
                );
            }
            ValueKind::Array { scalars_only }
        }
        Value::Object(entries, _) => {
            let mut names: Vec<&str> = Vec::new();
            for (key, item) in entries {
                if names.contains(&key.name.as_str()) {
                    errors.push(key.span, format!("key `{}` given twice", key.name));
                    return None;
                }
                names.push(&key.name);
                literal_kind(errors, item)?;
            }
            ValueKind::Object
        }
        Value::Path(_) | Value::Attr { .. } | Value::Env { .. } => {
            errors.push(value.span(), format!("expected a literal claim value, found {} (`attr(\"name\")` reads a user attribute; other run-time values come from the function body)", value.describe()));
            return None;
        }
    })
}

fn suppress(errors: &mut Errors, arg: &Arg) -> Vec<LitStr> {
    strings(errors, arg, "claim", "suppress = [\"claim\"]", |name| {
        rules::check_claim_suppress(name)
    })
    .unwrap_or_default()
}
