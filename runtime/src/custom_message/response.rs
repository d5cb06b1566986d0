//! The custom message response and the [`Message`] builder.

use std::borrow::Cow;

use serde::Serialize;

/// The messages the function sends, each winning over the attribute's block for the same
/// channel: `Message::default()` changes nothing.
///
/// The email body is HTML: put user data in it through [`escape_html`]. Both bodies must hold
/// the event's code placeholder ([`CustomMessage::code`](crate::CustomMessage::code)) and, for
/// `AdminCreateUser`, its username placeholder; a message without them, or over Cognito's
/// limits, is not sent (Cognito's configured message goes out instead, and a warning is
/// logged).
///
/// ```
/// use cognito_triggers::{escape_html, CustomMessage, Message};
///
/// fn message(event: &CustomMessage) -> Message {
///     let name = event.attribute("given_name").unwrap_or("there");
///     Message::default()
///         .email("Your code", format!("<p>Hi {}, your code is {}</p>", escape_html(name), event.code()))
///         .sms(format!("Your code is {}", event.code()))
/// }
/// # let _ = message;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Message {
    pub(crate) email: Option<(String, String)>,
    pub(crate) sms: Option<String>,
}

impl Message {
    /// The email's subject (plain text, one line) and body (HTML).
    pub fn email(mut self, subject: impl Into<String>, body: impl Into<String>) -> Message {
        self.email = Some((subject.into(), body.into()));
        self
    }

    /// The SMS text.
    pub fn sms(mut self, text: impl Into<String>) -> Message {
        self.sms = Some(text.into());
        self
    }

    /// The email's subject and body, if set.
    pub fn email_parts(&self) -> Option<(&str, &str)> {
        self.email.as_ref().map(|(s, b)| (s.as_str(), b.as_str()))
    }

    /// The SMS text, if set.
    pub fn sms_text(&self) -> Option<&str> {
        self.sms.as_deref()
    }
}

/// `text` with `&`, `<`, `>`, `"`, `'`, `{` and `}` written as HTML character references, so
/// that it shows as written in an HTML email and Cognito never reads a placeholder in it.
///
/// ```
/// assert_eq!(
///     cognito_triggers::escape_html("<b>Tom & \"Jerry\"</b> {####}"),
///     "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#123;####&#125;"
/// );
/// ```
pub fn escape_html(text: &str) -> Cow<'_, str> {
    const SPECIAL: [char; 7] = ['&', '<', '>', '"', '\'', '{', '}'];
    let Some(first) = text.find(SPECIAL) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `response` of a custom message event: `null` keeps the pool's configured message for that
/// field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Response {
    pub(crate) sms_message: Option<Cow<'static, str>>,
    pub(crate) email_message: Option<Cow<'static, str>>,
    pub(crate) email_subject: Option<Cow<'static, str>>,
}
