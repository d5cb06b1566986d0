//! `env("NAME")` values: read from the environment once, at cold start. A missing or invalid
//! variable fails every invocation with a configuration error: the detail goes to the log, a
//! generic sentence to Cognito (the value may be deployment detail users should not see).

use std::sync::OnceLock;

use super::error::{ErrorKind, TriggerError};

/// A string or a comma-separated list read from an environment variable.
pub struct EnvValue {
    name: &'static str,
    read: OnceLock<Result<Vec<String>, String>>,
    /// Whether every item passed the check of [`EnvValue::checked_list`] (checked once).
    checked: OnceLock<bool>,
}

impl EnvValue {
    /// The variable `name`, not read yet.
    pub const fn new(name: &'static str) -> EnvValue {
        EnvValue {
            name,
            read: OnceLock::new(),
            checked: OnceLock::new(),
        }
    }

    /// The variable's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    fn read(&self) -> &Result<Vec<String>, String> {
        self.read.get_or_init(|| {
            let result = match std::env::var(self.name) {
                Ok(value) => {
                    let items: Vec<String> = value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                    if items.is_empty() {
                        Err(format!("the environment variable `{}` is empty", self.name))
                    } else {
                        Ok(items)
                    }
                }
                Err(std::env::VarError::NotPresent) => Err(format!(
                    "the environment variable `{}` is not set",
                    self.name
                )),
                Err(std::env::VarError::NotUnicode(_)) => Err(format!(
                    "the environment variable `{}` is not valid UTF-8",
                    self.name
                )),
            };
            if let Err(detail) = &result {
                tracing::error!("configuration: {detail}");
            }
            result
        })
    }

    /// The comma-separated items of the variable (blanks trimmed, empty items dropped).
    pub fn list(&self) -> Result<&[String], TriggerError> {
        self.read().as_deref().map_err(|_| configuration_error())
    }

    /// The items, each checked with `check` the first time (a variable's value does not change
    /// while the process runs); a failure is logged once and fails every invocation.
    pub fn checked_list(
        &self,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<&[String], TriggerError> {
        let items = self.list()?;
        let valid =
            *self
                .checked
                .get_or_init(|| match items.iter().find_map(|item| check(item).err()) {
                    None => true,
                    Some(detail) => {
                        tracing::error!("configuration: `{}`: {detail}", self.name);
                        false
                    }
                });
        if valid {
            Ok(items)
        } else {
            Err(configuration_error())
        }
    }
}

pub(crate) fn configuration_error() -> TriggerError {
    TriggerError::new(
        ErrorKind::Configuration,
        "the trigger is not configured correctly",
    )
}

/// A list of strings written in the attribute or read with `env("NAME")`.
#[derive(Clone, Copy)]
pub enum Strings {
    /// Written in the attribute (and checked by the macro).
    Static(&'static [&'static str]),
    /// `env("NAME")`: a comma-separated list read at cold start, checked once.
    Env(&'static EnvValue),
}

impl Strings {
    /// Whether any item satisfies `test`; an `env("..")` list is checked with `check` the
    /// first time it is read.
    pub(crate) fn any(
        &self,
        check: impl Fn(&str) -> Result<(), String>,
        test: impl Fn(&str) -> bool,
    ) -> Result<bool, TriggerError> {
        Ok(match self {
            Strings::Static(list) => list.iter().any(|s| test(s)),
            Strings::Env(var) => var.checked_list(check)?.iter().any(|s| test(s)),
        })
    }

    /// Whether `item` is in the list; an `env("..")` list is checked with `check` the first
    /// time it is read.
    pub(crate) fn contains(
        &self,
        item: &str,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<bool, TriggerError> {
        self.any(check, |s| s == item)
    }

    /// The items; an `env("..")` list is checked with `check` the first time it is read.
    pub(crate) fn items(
        &self,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<Vec<&'static str>, TriggerError> {
        Ok(match self {
            Strings::Static(list) => list.to_vec(),
            Strings::Env(var) => var
                .checked_list(check)?
                .iter()
                .map(String::as_str)
                .collect(),
        })
    }

    /// Reads and checks an `env("..")` list now (at cold start), so that a bad value is
    /// logged before the first event.
    pub(crate) fn prepare(&self, check: impl Fn(&str) -> Result<(), String>) {
        if let Strings::Env(var) = self {
            let _ = var.checked_list(check);
        }
    }
}
