use cognito_triggers::post_confirmation;

#[post_confirmation(add_to_groups = ["EVERY ONE", "admins", "admins", ""], main = false)]
async fn spaced() {}

#[post_confirmation(add_to_groups = [], triggers = ["SignUp"], main = false)]
async fn empty() {}

#[post_confirmation(add_to_groups = "EVERYONE")]
async fn not_a_list() {}
