use cognito_triggers::post_confirmation;

#[post_confirmation(add_to_groups = ["EVERYONE"])]
async fn handler() {}
