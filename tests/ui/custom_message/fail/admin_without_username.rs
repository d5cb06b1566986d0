use cognito_triggers::custom_message;

#[custom_message(admin_create_user(email = "Your temporary password is {####}"))]
async fn handler() {}
