use cognito_triggers::pre_sign_up;

#[pre_sign_up(triggers = ["Signup", "PreSignUp_ExternalProvider"])]
fn handler() {}
