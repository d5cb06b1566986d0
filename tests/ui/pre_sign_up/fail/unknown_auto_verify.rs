use cognito_triggers::pre_sign_up;

#[pre_sign_up(auto_verify = ["phone", "given_name"])]
fn handler() {}
