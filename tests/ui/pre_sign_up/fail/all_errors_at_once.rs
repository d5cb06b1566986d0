use cognito_triggers::pre_sign_up;

#[pre_sign_up(
    email_domains(allow = ["example.com."]),
    auto_confrim = true,
    require = ["sub"],
    message = "",
    auto_verify = ["email", "email"],
)]
fn handler() {}
