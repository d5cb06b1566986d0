//! The Amplify Gen 2 page "User attribute validation": users must be 13 or older, from their
//! `birthdate`. Whole years are counted in UTC (someone turning 13 today may sign up); a
//! missing, malformed or impossible `birthdate` is refused too.
//!
//! `cargo run -p attribute-validation` runs it on a sample sign-up; `--event PATH` on an
//! event of yours; `cargo lambda build --release -p attribute-validation` builds the
//! `bootstrap`.

use cognito_triggers::pre_sign_up;

#[pre_sign_up(
    min_age = 13,
    message = "You must be 13 years or older to use this site"
)]
async fn handler() {}
