use cognito_triggers::pre_sign_up;

#[pre_sign_up(min_age = 0)]
fn zero() {}

#[pre_sign_up(min_age = "13", main = false)]
fn text() {}
