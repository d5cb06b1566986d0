use cognito_triggers::pre_sign_up;

#[pre_sign_up(require = ["sub", "cognito:user_status", "given_name"])]
fn handler() {}
