//! Pre sign-up: trigger sources, email domain patterns and matching, attribute names, ages.
//! The macro checks static values with these functions; the runtime uses the same ones for
//! `env("..")` values and for every event.

use crate::Violation;

/// The prefix Cognito puts before every pre sign-up trigger source.
pub const SOURCE_PREFIX: &str = "PreSignUp_";

/// Trigger source names without their `PreSignUp_` prefix.
pub const SOURCES: [&str; 3] = ["SignUp", "AdminCreateUser", "ExternalProvider"];

/// The attributes `auto_verify` can name.
pub const AUTO_VERIFY: [&str; 2] = ["email", "phone_number"];

/// Checks a trigger source name given without its prefix.
pub fn check_source_name(name: &str) -> Result<(), Violation> {
    crate::check_source_name(name, SOURCE_PREFIX, &SOURCES)
}

/// Whether `label` is a DNS label of letters, digits and inner hyphens (LDH), 1 to 63 long.
fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Whether `domain` is a domain name of at least two LDH labels, 253 characters at most, with
/// no trailing dot. IDNs are written in their ASCII (`xn--`) form.
pub fn is_domain(domain: &str) -> bool {
    domain.len() <= 253 && domain.split('.').count() >= 2 && domain.split('.').all(is_label)
}

/// Checks an `email_domains` pattern: a domain (`example.com`), or `*.` and a domain for its
/// subdomains only (`*.example.org`).
pub fn check_domain_pattern(pattern: &str) -> Result<(), Violation> {
    let domain = pattern.strip_prefix("*.").unwrap_or(pattern);
    if let Some((_, after)) = pattern.rsplit_once('@') {
        return Err(
            Violation::new(format!("`{pattern}` is an address, not a domain"))
                .hint(format!("write the domain alone: `{after}`")),
        );
    }
    if domain.contains('*') {
        return Err(Violation::new(format!(
            "`{pattern}`: `*` may only stand first, as `*.example.com`"
        ))
        .hint("`*.example.com` matches the subdomains of example.com; list `example.com` too for the domain itself"));
    }
    if domain.ends_with('.') {
        return Err(
            Violation::new(format!("`{pattern}`: a domain pattern has no trailing dot"))
                .hint(format!("write `{}`", pattern.trim_end_matches('.'))),
        );
    }
    if !is_domain(domain) {
        return Err(Violation::new(format!(
            "`{pattern}` is not a domain name"
        ))
        .hint("expected labels of letters, digits and hyphens separated by dots, such as `example.com`; IDNs in their `xn--` form"));
    }
    Ok(())
}

/// The domain of an email address: the part after the last `@`, when the address has a local
/// part and the domain is a well-formed domain name (`None` otherwise: a trailing dot, a space,
/// an empty part).
pub fn email_domain(email: &str) -> Option<&str> {
    let (local, domain) = email.rsplit_once('@')?;
    (!local.is_empty() && is_domain(domain)).then_some(domain)
}

/// Whether `domain` matches `pattern`: the same domain (ASCII case-insensitive), or for
/// `*.x` a subdomain of `x` (not `x` itself, not `evil-x`).
pub fn domain_matches(pattern: &str, domain: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(parent) => {
            domain.len() > parent.len() + 1 && {
                let (sub, tail) = domain.split_at(domain.len() - parent.len());
                sub.ends_with('.') && tail.eq_ignore_ascii_case(parent)
            }
        }
        None => domain.eq_ignore_ascii_case(pattern),
    }
}

/// Checks an attribute named in `require = [..]`.
pub fn check_required_attribute(name: &str) -> Result<(), Violation> {
    if name.is_empty() {
        return Err(Violation::new("an attribute name cannot be empty"));
    }
    if name == "sub" || name.starts_with("cognito:") {
        return Err(Violation::new(format!(
            "Cognito never sends `{name}` to pre sign-up: the user does not exist yet"
        )));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(Violation::new(format!(
            "`{name}` is not an attribute name: it holds whitespace"
        )));
    }
    Ok(())
}

/// Checks an attribute named in `auto_verify = [..]`.
pub fn check_auto_verify(name: &str) -> Result<(), Violation> {
    if AUTO_VERIFY.contains(&name) {
        return Ok(());
    }
    let hint = match name {
        "phone" | "phoneNumber" => "write `phone_number`".to_owned(),
        _ => "expected \"email\" or \"phone_number\"".to_owned(),
    };
    Err(Violation::new(format!("Cognito cannot auto-verify `{name}`")).hint(hint))
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day, 1 to 31.
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// Reads `YYYY-MM-DD` (OIDC's `birthdate`); `None` for any other form or an impossible date.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        let (month, day) = (digits(5..7)?, digits(8..10)?);
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The UTC date of a time given in seconds since the Unix epoch.
    pub fn from_unix(seconds: u64) -> Date {
        // Howard Hinnant's civil_from_days.
        let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX / 2) + 719_468;
        let era = days.div_euclid(146_097);
        let doe = days.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month,
            day,
        }
    }

    /// Whole years from `self` to `today`; `None` when `self` is after `today`. Someone born
    /// on 29 February turns a year older on 1 March in other years.
    pub fn age_on(self, today: Date) -> Option<u32> {
        if self > today {
            return None;
        }
        let years = u32::try_from(today.year - self.year).ok()?;
        Some(if (today.month, today.day) < (self.month, self.day) {
            years - 1
        } else {
            years
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_patterns() {
        for ok in [
            "example.com",
            "*.example.org",
            "a-b.co.uk",
            "xn--bcher-kva.example",
        ] {
            assert!(check_domain_pattern(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "com",
            "*.com",
            "example.com.",
            "user@example.com",
            "ex ample.com",
            "*example.com",
            "a.*.com",
            "-x.com",
            "x-.com",
            "bücher.de",
            "*.",
            ".com",
        ] {
            assert!(check_domain_pattern(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_domain_pattern("jane@example.com")
                .unwrap_err()
                .hint
                .as_deref(),
            Some("write the domain alone: `example.com`")
        );
    }

    #[test]
    fn matching() {
        assert!(domain_matches("amazon.com", "amazon.com"));
        assert!(domain_matches("amazon.com", "AMAZON.com"));
        assert!(!domain_matches("amazon.com", "evil-amazon.com"));
        assert!(!domain_matches("amazon.com", "amazon.com.evil.net"));
        assert!(!domain_matches("amazon.com", "mail.amazon.com"));
        assert!(domain_matches("*.amazon.com", "mail.AMAZON.com"));
        assert!(!domain_matches("*.amazon.com", "amazon.com"));
        assert!(!domain_matches("*.amazon.com", "evilamazon.com"));
        assert!(!domain_matches("*.amazon.com", ".amazon.com"));
        assert_eq!(email_domain("a@b@amazon.com"), Some("amazon.com"));
        assert_eq!(email_domain("jane@amazon.com."), None);
        assert_eq!(email_domain("jane@amazon.com "), None);
        assert_eq!(email_domain("@amazon.com"), None);
        assert_eq!(email_domain("amazon.com"), None);
    }

    #[test]
    fn dates_and_ages() {
        assert_eq!(Date::parse("2000-02-29").map(|d| d.day), Some(29));
        for bad in [
            "1900-02-29",
            "2001-13-01",
            "2001-00-10",
            "2001-04-31",
            "01-01-2001",
            "2001-1-01",
            "+001-01-01",
            "2001-01-1x",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Date::from_unix(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Date::from_unix(951_782_400),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        let today = Date {
            year: 2026,
            month: 11,
            day: 27,
        };
        let age = |b: &str| Date::parse(b).unwrap().age_on(today);
        assert_eq!(age("2013-11-27"), Some(13));
        assert_eq!(age("2013-11-28"), Some(12));
        assert_eq!(age("2026-11-28"), None);
        let leap = Date::parse("2012-02-29").unwrap();
        assert_eq!(
            leap.age_on(Date {
                year: 2025,
                month: 2,
                day: 28
            }),
            Some(12)
        );
        assert_eq!(
            leap.age_on(Date {
                year: 2025,
                month: 3,
                day: 1
            }),
            Some(13)
        );
    }
}
