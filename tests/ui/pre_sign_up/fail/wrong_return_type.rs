use cognito_triggers::pre_sign_up;

#[pre_sign_up]
fn handler() -> bool {
    true
}
