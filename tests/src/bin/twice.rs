//! Two triggers of one kind in one bootstrap: an error at start.

use cognito_triggers::pre_sign_up;

#[pre_sign_up(main = false)]
fn first() {}

#[pre_sign_up(auto_confirm = true, main = false)]
fn second() {}

fn main() -> std::process::ExitCode {
    cognito_triggers::serve(&[&FIRST, &SECOND])
}
