//! Custom message: its trigger sources, the template language of `#[custom_message]`
//! (`{####}`, `{username}`, `{attribute}`), and Cognito's limits on what the trigger returns.
//!
//! A template is parsed once, at compile time, into [`Part`]s; the runtime fills them in per
//! event and checks the lengths again.

use std::borrow::Cow;

use crate::{did_you_mean, Violation};

/// The prefix of its trigger sources.
pub const SOURCE_PREFIX: &str = "CustomMessage_";

/// Its trigger sources without the prefix.
pub const SOURCES: [&str; 7] = [
    "SignUp",
    "AdminCreateUser",
    "ResendCode",
    "ForgotPassword",
    "UpdateUserAttribute",
    "VerifyUserAttribute",
    "Authentication",
];

/// The attribute's block for each trigger source: `(block, source)`.
pub const BLOCKS: [(&str, &str); 7] = [
    ("sign_up", "SignUp"),
    ("admin_create_user", "AdminCreateUser"),
    ("resend_code", "ResendCode"),
    ("forgot_password", "ForgotPassword"),
    ("update_user_attribute", "UpdateUserAttribute"),
    ("verify_user_attribute", "VerifyUserAttribute"),
    ("authentication", "Authentication"),
];

/// The code placeholder, Cognito's usual `codeParameter`.
pub const CODE: &str = "{####}";
/// The username placeholder, Cognito's usual `usernameParameter` (AdminCreateUser).
pub const USERNAME: &str = "{username}";

/// "The maximum length of SMS messages is 140 UTF-8 characters. This length includes the
/// verification code."
pub const SMS_MAX_CHARS: usize = 140;
/// "The maximum length for an email message is 20,000 UTF-8 characters … includes the
/// verification code."
pub const EMAIL_MAX_CHARS: usize = 20_000;
/// Cognito documents no subject limit for the trigger's answer; its message templates allow
/// 1–140 characters (`MessageTemplateType`), and this crate holds subjects to that.
pub const SUBJECT_MAX_CHARS: usize = 140;

/// The user attributes a template may name besides `custom:` ones.
pub const STANDARD_ATTRIBUTES: [&str; 20] = [
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "sub",
    "updated_at",
    "website",
    "zoneinfo",
];

/// The longest custom attribute name Cognito accepts (after `custom:`).
pub const MAX_CUSTOM_NAME_CHARS: usize = 20;

/// Checks a trigger source name given without its prefix.
pub fn check_source_name(name: &str) -> Result<(), Violation> {
    crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
}

/// The trigger source (`ForgotPassword`) of a block name (`forgot_password`).
pub fn block_source(block: &str) -> Option<&'static str> {
    BLOCKS.iter().find(|(b, _)| *b == block).map(|(_, s)| *s)
}

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text as written (`{{` and `}}` already read as `{` and `}`).
    Text(Cow<'a, str>),
    /// `{####}`: the request's `codeParameter`, which Cognito replaces with the code.
    Code,
    /// `{username}`: the request's `usernameParameter` (AdminCreateUser; Cognito replaces it),
    /// otherwise the event's `userName`.
    Username,
    /// `{name}`: the user attribute `name` (empty when the user has none).
    Attribute(Cow<'a, str>),
}

/// Where a template goes: the channels differ in what they may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// The email subject: one line; no code or username placeholder.
    Subject,
    /// The email body (HTML).
    Email,
    /// The SMS text.
    Sms,
}

impl Channel {
    /// The longest text Cognito (or this crate, for subjects) accepts.
    pub fn max_chars(self) -> usize {
        match self {
            Channel::Subject => SUBJECT_MAX_CHARS,
            Channel::Email => EMAIL_MAX_CHARS,
            Channel::Sms => SMS_MAX_CHARS,
        }
    }

    /// How messages name it.
    pub fn describe(self) -> &'static str {
        match self {
            Channel::Subject => "email subject",
            Channel::Email => "email message",
            Channel::Sms => "SMS message",
        }
    }
}

/// Checks a user attribute name a placeholder may hold.
pub fn check_attribute_name(name: &str) -> Result<(), Violation> {
    if STANDARD_ATTRIBUTES.contains(&name) {
        return Ok(());
    }
    if let Some(custom) = name.strip_prefix("custom:") {
        let chars = custom.chars().count();
        if (1..=MAX_CUSTOM_NAME_CHARS).contains(&chars) {
            return Ok(());
        }
        return Err(Violation::new(format!(
            "`{{{name}}}` is not a custom attribute"
        ))
        .hint(format!(
            "Cognito's custom attribute names have 1 to {MAX_CUSTOM_NAME_CHARS} characters after `custom:`"
        )));
    }
    let mut known: Vec<&str> = vec!["####", "username"];
    known.extend(STANDARD_ATTRIBUTES);
    let hint = match name {
        "code" | "codeParameter" | "#" | "###" | "#####" | "######" => {
            "the code is `{####}`".to_owned()
        }
        "usernameParameter" | "userName" | "user_name" => "the username is `{username}`".to_owned(),
        _ => match did_you_mean(name, &known) {
            Some(s) => format!("did you mean `{{{s}}}`?"),
            None => "placeholders are `{####}`, `{username}`, a standard attribute such as `{given_name}`, or `{custom:name}`; write `{{` for a literal brace".to_owned(),
        },
    };
    Err(Violation::new(format!("unknown placeholder `{{{name}}}`")).hint(hint))
}

/// Parses a template: `{####}`, `{username}`, `{attribute}`; `{{` and `}}` are literal
/// braces, and so is a `{` followed by white space (CSS and scripts in HTML emails).
/// Anything else between braces is an error: an unknown name, white space inside, a brace
/// never closed.
pub fn parse(template: &str) -> Result<Vec<Part<'_>>, Violation> {
    let mut parts: Vec<Part<'_>> = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(i) = rest.find(['{', '}']) {
        let brace = rest.as_bytes()[i];
        text.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let at = offset + i;
        if brace == b'}' {
            // `}}` is one literal brace; a lone `}` is text as well.
            text.push('}');
            let skip = if after.starts_with('}') { 2 } else { 1 };
            rest = &rest[i + skip..];
            offset = at + skip;
            continue;
        }
        if after.starts_with('{') {
            text.push('{');
            rest = &rest[i + 2..];
            offset = at + 2;
            continue;
        }
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            text.push('{');
            rest = after;
            offset = at + 1;
            continue;
        }
        let end = after.find(|c: char| c == '}' || c == '{' || c.is_whitespace());
        let name = match end {
            Some(end) if after.as_bytes()[end] == b'}' => &after[..end],
            _ => {
                let shown: String = after.chars().take(20).collect();
                return Err(Violation::new(format!(
                    "placeholder `{{{shown}` at {} is not closed",
                    position(template, at)
                ))
                .hint(
                    "placeholders are written without spaces, `{given_name}`; write `{{` for a literal brace",
                ));
            }
        };
        let part = match name {
            "####" => Part::Code,
            "username" => Part::Username,
            _ => {
                check_attribute_name(name).map_err(|v| {
                    let written = format!("`{{{name}}}`");
                    let located = format!("{written} at {}", position(template, at));
                    Violation {
                        message: v.message.replacen(&written, &located, 1),
                        hint: v.hint,
                    }
                })?;
                Part::Attribute(Cow::Borrowed(name))
            }
        };
        if !text.is_empty() {
            parts.push(Part::Text(Cow::Owned(std::mem::take(&mut text))));
        }
        parts.push(part);
        rest = &after[name.len() + 1..];
        offset = at + name.len() + 2;
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(Cow::Owned(text)));
    }
    Ok(parts)
}

/// "line 3, column 7" of a byte offset (1-based, in characters).
fn position(text: &str, at: usize) -> String {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

/// The checks of one template of a block, on its parts: the placeholders the trigger source
/// needs, what a channel may hold, and the length the text has at least (attributes count as
/// empty, `{####}` and `{username}` as written).
pub fn check(source: &str, channel: Channel, parts: &[Part<'_>]) -> Result<(), Violation> {
    let has = |wanted: &Part<'_>| parts.iter().any(|p| p == wanted);
    match channel {
        Channel::Subject => {
            if has(&Part::Code) || has(&Part::Username) {
                return Err(Violation::new(
                    "the email subject cannot hold `{####}` or `{username}`",
                )
                .hint("Cognito fills them in the message body; subjects also show in notifications and inbox previews"));
            }
            let control = parts
                .iter()
                .any(|p| matches!(p, Part::Text(t) if t.chars().any(char::is_control)));
            if control {
                return Err(Violation::new("the email subject must be one line"));
            }
            if min_chars(parts) == 0 && !parts.iter().any(|p| matches!(p, Part::Attribute(_))) {
                return Err(Violation::new("the email subject is empty"));
            }
        }
        Channel::Email | Channel::Sms => {
            if !has(&Part::Code) {
                let what = if source == "AdminCreateUser" {
                    "the temporary password"
                } else {
                    "the code"
                };
                return Err(Violation::new(format!(
                    "the {} of `{SOURCE_PREFIX}{source}` has no `{CODE}`",
                    channel.describe()
                ))
                .hint(format!(
                    "Cognito replaces `{CODE}` with {what}; without it the user never receives it"
                )));
            }
            if source == "AdminCreateUser" && !has(&Part::Username) {
                return Err(Violation::new(format!(
                    "the {} of `{SOURCE_PREFIX}AdminCreateUser` has no `{USERNAME}`",
                    channel.describe()
                ))
                .hint("an invited user needs the username and the temporary password to sign in"));
            }
        }
    }
    let chars = min_chars(parts);
    let max = channel.max_chars();
    if chars > max {
        return Err(Violation::new(format!(
            "the {} of `{SOURCE_PREFIX}{source}` has {chars} characters, over the limit of {max}",
            channel.describe()
        ))
        .hint(match channel {
            Channel::Subject => "the limit of Cognito's message templates; attributes filled in at run time add to it",
            _ => "the limit includes the code; attributes filled in at run time add to it",
        }));
    }
    Ok(())
}

/// The characters of a template with attributes left empty.
pub fn min_chars(parts: &[Part<'_>]) -> usize {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.chars().count(),
            Part::Code => CODE.chars().count(),
            Part::Username => USERNAME.chars().count(),
            Part::Attribute(_) => 0,
        })
        .sum()
}

/// Checks a `locale(tag, ..)` tag: a language of 2 or 3 letters, then subtags of 1 to 8
/// letters or digits (`es`, `es-MX`, `zh-Hant-TW`).
pub fn check_locale_tag(tag: &str) -> Result<(), Violation> {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if language_ok && rest_ok {
        return Ok(());
    }
    let hint = if tag.contains('_') {
        format!("write `{}`", tag.replace('_', "-"))
    } else {
        "a language tag such as \"es\" or \"es-MX\"".to_owned()
    };
    Err(Violation::new(format!("`{tag}` is not a locale tag")).hint(hint))
}

/// The tags to try for a user's `locale` attribute, most specific first: `es-MX` gives
/// `es-mx`, `es`; `pt_BR` reads as `pt-br`. Tags compare without regard to ASCII case.
pub fn locale_candidates(locale: &str) -> impl Iterator<Item = &str> {
    let locale = locale.trim();
    let cuts = locale
        .char_indices()
        .filter(|(_, c)| *c == '-' || *c == '_')
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    std::iter::once(locale)
        .chain(cuts.into_iter().rev().map(move |i| &locale[..i]))
        .filter(|s| !s.is_empty())
}

/// Whether a `locale(tag, ..)` tag matches one of [`locale_candidates`].
pub fn tag_matches(tag: &str, candidate: &str) -> bool {
    tag.len() == candidate.len()
        && tag
            .bytes()
            .zip(candidate.bytes())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b) || (a == b'-' && b == b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Part<'_> {
        Part::Text(Cow::Borrowed(s))
    }

    #[test]
    fn placeholders() {
        let parts = parse("Hi {given_name}, your code is {####}.").unwrap();
        assert_eq!(
            parts,
            vec![
                text("Hi "),
                Part::Attribute("given_name".into()),
                text(", your code is "),
                Part::Code,
                text("."),
            ]
        );
        assert_eq!(
            parse("User {username}, {custom:tenant}").unwrap()[2..],
            [text(", "), Part::Attribute("custom:tenant".into())]
        );
    }

    #[test]
    fn literal_braces() {
        let parts = parse("<style>p { color: red }</style>{{x}} {####}").unwrap();
        assert_eq!(
            parts,
            vec![
                Part::Text("<style>p { color: red }</style>{x} ".into()),
                Part::Code
            ]
        );
        assert_eq!(parse("a}b").unwrap(), vec![text("a}b")]);
        assert_eq!(parse("{").unwrap(), vec![text("{")]);
    }

    #[test]
    fn malformed() {
        let unknown = parse("Hi {usrname}").unwrap_err();
        assert!(unknown
            .message
            .contains("unknown placeholder `{usrname}` at line 1, column 4"));
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `{username}`?"));
        assert_eq!(
            parse("code {###}").unwrap_err().hint.as_deref(),
            Some("the code is `{####}`")
        );
        assert!(parse("a\nb {given_name")
            .unwrap_err()
            .message
            .contains("line 2, column 3"));
        assert!(parse("{given name}")
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(parse("p {color:red}").is_err());
        assert!(parse("{custom:}").is_err());
        assert!(parse("{custom:abcdefghijklmnopqrstu}").is_err());
        assert!(parse("{custom:abcdefghijklmnopqrst}").is_ok());
    }

    #[test]
    fn required_placeholders_and_limits() {
        let ok = parse("Your code is {####}").unwrap();
        assert!(check("SignUp", Channel::Email, &ok).is_ok());
        assert!(check("SignUp", Channel::Sms, &ok).is_ok());
        let admin = check("AdminCreateUser", Channel::Email, &ok).unwrap_err();
        assert!(admin.message.contains("{username}"));
        let none = parse("Welcome").unwrap();
        assert!(check("ForgotPassword", Channel::Sms, &none)
            .unwrap_err()
            .message
            .contains("has no `{####}`"));
        assert!(check("ForgotPassword", Channel::Subject, &none).is_ok());
        assert!(check("SignUp", Channel::Subject, &ok).is_err());
        let long = format!("{} {{####}}", "x".repeat(134));
        assert_eq!(min_chars(&parse(&long).unwrap()), 141);
        assert!(check("SignUp", Channel::Sms, &parse(&long).unwrap()).is_err());
        let fits = format!("{} {{####}}", "x".repeat(133));
        assert!(check("SignUp", Channel::Sms, &parse(&fits).unwrap()).is_ok());
        let multibyte = format!("{} {{####}}", "é".repeat(133));
        assert!(check("SignUp", Channel::Sms, &parse(&multibyte).unwrap()).is_ok());
    }

    #[test]
    fn locales() {
        assert!(check_locale_tag("es").is_ok());
        assert!(check_locale_tag("es-MX").is_ok());
        assert!(check_locale_tag("zh-Hant-TW").is_ok());
        assert_eq!(
            check_locale_tag("es_MX").unwrap_err().hint.as_deref(),
            Some("write `es-MX`")
        );
        assert!(check_locale_tag("e").is_err());
        assert!(check_locale_tag("es-").is_err());
        let tried: Vec<&str> = locale_candidates("es-MX").collect();
        assert_eq!(tried, ["es-MX", "es"]);
        let tried: Vec<&str> = locale_candidates("zh_Hant_TW").collect();
        assert_eq!(tried, ["zh_Hant_TW", "zh_Hant", "zh"]);
        assert!(tag_matches("es-MX", "es_mx"));
        assert!(!tag_matches("es", "es-MX"));
    }
}
