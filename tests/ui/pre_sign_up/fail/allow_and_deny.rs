use cognito_triggers::pre_sign_up;

#[pre_sign_up(email_domains(allow = ["example.com"], deny = ["evil.com"]))]
fn handler() {}
