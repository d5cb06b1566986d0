//! The attribute's templates and how they are filled in for one event, and the checks every
//! message passes before it goes to Cognito (the function's too).

use std::borrow::Cow;

use cognito_triggers_rules::custom_message::{locale_candidates, tag_matches, Channel, Part};

use super::event::{CustomMessage, CustomMessageSource};
use super::response::escape_html;

/// A template, parsed at compile time.
pub type Template = &'static [Part<'static>];

/// One block of the attribute: the messages of one trigger source.
#[derive(Debug)]
pub struct Block {
    /// The trigger source without its prefix (`ForgotPassword`).
    pub source: &'static str,
    /// `subject = ".."`.
    pub subject: Option<Template>,
    /// `email = ".."` or `email_file = ".."`.
    pub email: Option<Template>,
    /// `sms = ".."`.
    pub sms: Option<Template>,
}

/// The blocks of one `locale(tag, ..)`.
#[derive(Debug)]
pub struct Locale {
    /// The language tag (`es`, `es-MX`).
    pub tag: &'static str,
    /// Its blocks.
    pub blocks: &'static [Block],
}

/// Every block of the attribute.
#[derive(Debug)]
pub struct Templates {
    /// The blocks outside `locale(..)`.
    pub blocks: &'static [Block],
    /// The `locale(..)` groups, in the attribute's order.
    pub locales: &'static [Locale],
}

impl Templates {
    /// The block for a trigger source and a user's `locale` attribute: the most specific
    /// locale that has a block for the source (`es-MX`, then `es`), then the default blocks.
    pub fn block(&self, source: &str, locale: Option<&str>) -> Option<&'static Block> {
        let find = |blocks: &'static [Block]| blocks.iter().find(|b| b.source == source);
        if let Some(locale) = locale {
            for candidate in locale_candidates(locale) {
                let localized = self
                    .locales
                    .iter()
                    .filter(|l| tag_matches(l.tag, candidate))
                    .find_map(|l| find(l.blocks));
                if localized.is_some() {
                    return localized;
                }
            }
        }
        find(self.blocks)
    }
}

/// A template filled in for `event`: `{####}` and `{username}` become the request's
/// placeholders (Cognito replaces them), attributes their values — HTML-escaped in the email
/// body, as text in the SMS, and on one line in the subject.
pub(crate) fn fill(
    template: Template,
    event: &CustomMessage<'_>,
    channel: Channel,
) -> Cow<'static, str> {
    // A template without placeholders is its own text.
    if let [Part::Text(text)] = template {
        return Cow::Borrowed(text);
    }
    // The fixed text plus room for the placeholders and a few short values.
    let fixed: usize = template
        .iter()
        .map(|part| match part {
            Part::Text(text) => text.len(),
            _ => 16,
        })
        .sum();
    let mut out = String::with_capacity(fixed + 32);
    for part in template {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Code => out.push_str(event.code()),
            Part::Username => match &event.username_parameter {
                Some(placeholder) => out.push_str(placeholder),
                None => push_value(&mut out, &event.user_name, channel),
            },
            Part::Attribute(name) => {
                push_value(&mut out, event.attribute(name).unwrap_or_default(), channel)
            }
        }
    }
    Cow::Owned(out)
}

fn push_value(out: &mut String, value: &str, channel: Channel) {
    match channel {
        Channel::Email => out.push_str(&escape_html(value)),
        Channel::Sms => out.push_str(value),
        // A line break in an attribute must not reach a mail header.
        Channel::Subject => out.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c })),
    }
}

/// Why a message cannot go to Cognito as it is, in words that hold none of its text.
pub(crate) fn problem(text: &str, channel: Channel, event: &CustomMessage<'_>) -> Option<String> {
    let max = channel.max_chars();
    // A text has no more characters than bytes: count only when the bytes are over.
    if text.len() > max {
        let chars = text.chars().count();
        if chars > max {
            return Some(format!(
                "it has {chars} characters, over the limit of {max}"
            ));
        }
    }
    match channel {
        Channel::Subject => {
            if text.trim().is_empty() {
                return Some("it is empty".into());
            }
            if text.chars().any(char::is_control) {
                return Some("it is not one line".into());
            }
        }
        Channel::Email | Channel::Sms => {
            // Link-type verification: an email may carry the link instead of the code.
            let link = || match (channel, event.link_parameter.as_deref()) {
                (Channel::Email, Some(link)) => !link.is_empty() && text.contains(link),
                _ => false,
            };
            if !text.contains(event.code()) && !link() {
                return Some(format!("it has no code placeholder `{}`", event.code()));
            }
            if event.trigger_source == CustomMessageSource::AdminCreateUser {
                if let Some(username) = event.username_parameter.as_deref() {
                    if !text.contains(username) {
                        return Some(format!("it has no username placeholder `{username}`"));
                    }
                }
            }
        }
    }
    None
}
