use cognito_triggers::define_auth_challenge;

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 0, main = false)]
async fn none() {}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = 11, main = false)]
async fn too_many() {}

#[define_auth_challenge(flow = ["CUSTOM_CHALLENGE"], attempts = "3", atempts = 3, main = false)]
async fn not_a_number() {}

fn main() {}
