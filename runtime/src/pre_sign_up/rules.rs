//! The checks of `#[pre_sign_up]`, applied to every event: email domains, required
//! attributes, minimum age. A failed check refuses the sign-up with the attribute's `message`
//! or a default text; neither ever quotes the user's values.

use std::time::{SystemTime, UNIX_EPOCH};

use cognito_triggers_rules::pre_sign_up::{self as rules, Date};

use crate::engine::decode::StringMap;
use crate::engine::env::Strings;
use crate::engine::error::TriggerError;

/// `email_domains(..)`.
#[derive(Clone, Copy)]
pub enum DomainRule {
    /// No domain check.
    Any,
    /// Only these domains (`allow = [..]`); a user without an email is refused.
    Allow(Strings),
    /// Every domain but these (`deny = [..]`).
    Deny(Strings),
}

/// The checks of one attribute.
#[derive(Clone, Copy)]
pub struct Checks {
    /// `email_domains(..)`.
    pub domains: DomainRule,
    /// `require = [..]`: attributes that must be present and not blank.
    pub require: &'static [&'static str],
    /// `min_age = N`, from `birthdate`.
    pub min_age: Option<u32>,
    /// `message = ".."`: the text of every refusal; `None` uses the default texts.
    pub message: Option<&'static str>,
}

/// Why a check refused the sign-up.
pub(crate) enum Refusal {
    Domain,
    NoEmail,
    Missing(&'static str),
    NoBirthdate,
    TooYoung(u32),
}

impl Refusal {
    /// The default text shown to the user.
    fn text(&self) -> String {
        match self {
            Refusal::Domain => "Sign-ups with this email domain are not allowed".into(),
            Refusal::NoEmail => "An email address is required to sign up".into(),
            Refusal::Missing(name) => format!("The attribute `{name}` is required to sign up"),
            Refusal::NoBirthdate => "A valid birthdate (YYYY-MM-DD) is required to sign up".into(),
            Refusal::TooYoung(age) => format!("You must be at least {age} years old to sign up"),
        }
    }
}

fn check_pattern(pattern: &str) -> Result<(), String> {
    rules::check_domain_pattern(pattern).map_err(|v| v.to_string())
}

/// Whether `domain` matches one of the patterns of `source`.
fn matches(source: Strings, domain: &str) -> Result<bool, TriggerError> {
    source.any(check_pattern, |pattern| {
        rules::domain_matches(pattern, domain)
    })
}

impl Checks {
    /// No checks at all.
    pub const NONE: Checks = Checks {
        domains: DomainRule::Any,
        require: &[],
        min_age: None,
        message: None,
    };

    /// Whether any check reads the event.
    pub(crate) fn any(&self) -> bool {
        !matches!(self.domains, DomainRule::Any)
            || !self.require.is_empty()
            || self.min_age.is_some()
    }

    /// Reads `env("..")` values, so that a bad one is reported at cold start.
    pub(crate) fn prepare(&self) {
        if let DomainRule::Allow(source) | DomainRule::Deny(source) = self.domains {
            source.prepare(check_pattern);
        }
    }

    /// The first failed check, as the text to refuse with; `Ok(None)` when all pass.
    pub(crate) fn refusal(
        &self,
        attributes: &StringMap<'_>,
    ) -> Result<Option<String>, TriggerError> {
        Ok(self
            .first_failure(attributes, today)?
            .map(|refusal| self.message.map_or_else(|| refusal.text(), str::to_owned)))
    }

    pub(crate) fn first_failure(
        &self,
        attributes: &StringMap<'_>,
        today: fn() -> Date,
    ) -> Result<Option<Refusal>, TriggerError> {
        match self.domains {
            DomainRule::Any => {}
            DomainRule::Allow(source) => {
                // A malformed address (trailing dot, blanks) has no domain and is refused.
                let Some(email) = attributes.get("email") else {
                    return Ok(Some(Refusal::NoEmail));
                };
                match rules::email_domain(email) {
                    Some(domain) if matches(source, domain)? => {}
                    _ => return Ok(Some(Refusal::Domain)),
                }
            }
            DomainRule::Deny(source) => {
                if let Some(email) = attributes.get("email") {
                    match rules::email_domain(email) {
                        Some(domain) if !matches(source, domain)? => {}
                        _ => return Ok(Some(Refusal::Domain)),
                    }
                }
            }
        }
        if let Some(name) = self
            .require
            .iter()
            .find(|name| attributes.get(name).is_none_or(|v| v.trim().is_empty()))
        {
            return Ok(Some(Refusal::Missing(name)));
        }
        if let Some(min) = self.min_age {
            let birth = attributes.get("birthdate").and_then(Date::parse);
            match birth.map(|b| b.age_on(today())) {
                None | Some(None) => return Ok(Some(Refusal::NoBirthdate)),
                Some(Some(age)) if age < min => return Ok(Some(Refusal::TooYoung(min))),
                Some(Some(_)) => {}
            }
        }
        Ok(None)
    }
}

/// Today's date in UTC.
fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix(seconds)
}
