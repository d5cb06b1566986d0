use cognito_triggers::pre_sign_up;

#[pre_sign_up(triggers = ["AdminCreateUser"], auto_confirm = true, auto_verify = ["email"])]
fn handler() {}
