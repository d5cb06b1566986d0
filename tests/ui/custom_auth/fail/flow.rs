use cognito_triggers::define_auth_challenge;

#[define_auth_challenge(flow = ["CUSTOM_CHALENGE"], main = false)]
async fn typo() {}

#[define_auth_challenge(flow = ["SRP_A", "CUSTOM_CHALLENGE"], main = false)]
async fn no_password_verifier() {}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE", "PASSWORD_VERIFIER"], main = false)]
async fn out_of_order() {}

#[define_auth_challenge(flow = ["SRP_A", "PASSWORD_VERIFIER"], main = false)]
async fn no_custom_step() {}

#[define_auth_challenge(flow = ["SRP_A", "PASSWORD_VERIFIER", "SMS_MFA", "CUSTOM_CHALLENGE"], main = false)]
async fn mfa_step() {}

#[define_auth_challenge(attempts = 3, main = false)]
async fn no_flow() {}

fn main() {}
