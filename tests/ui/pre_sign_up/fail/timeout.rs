use cognito_triggers::pre_sign_up;

#[pre_sign_up(timeout = "5s")]
fn at_cognitos_limit() {}

#[pre_sign_up(timeout = "4 s", main = false)]
fn malformed() {}
