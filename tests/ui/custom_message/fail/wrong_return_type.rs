use cognito_triggers::{custom_message, CustomMessage};

#[custom_message]
fn handler(event: &CustomMessage) -> String {
    event.code().to_owned()
}
