//! The Amplify Gen 2 page "Email domain filtering", done right: only `amazon.com` addresses
//! may sign up. The page checks `email.endsWith("amazon.com")`, which also admits
//! `evil-amazon.com`, is case-sensitive and throws a `TypeError` when the user has no email.
//! Here the domain after the last `@` must be `amazon.com` (any case), and a sign-up without
//! an email is refused with the same text.
//!
//! `cargo run -p email-domain-filter` runs it on a sample sign-up; `--event PATH` on an event
//! of yours; `cargo lambda build --release -p email-domain-filter` builds the `bootstrap`.

use cognito_triggers::pre_sign_up;

#[pre_sign_up(email_domains(allow = ["amazon.com"]), message = "Invalid email domain")]
async fn handler() {}
