//! A custom message trigger whose SMS holds an attribute, for the tests of what is logged when
//! a filled-in message is over Cognito's limit.

use cognito_triggers::custom_message;

#[custom_message(sign_up(sms = "Hi {given_name}, your Acme code is {####}"))]
async fn handler() {}
