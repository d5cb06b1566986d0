use cognito_triggers::pre_sign_up;

#[pre_sign_up(email_domains(allow = ["example.com.", "jane@example.com", "*example.com", "com", "example.com", "EXAMPLE.com"]))]
fn handler() {}
