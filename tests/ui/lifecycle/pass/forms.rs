use cognito_triggers::{
    post_authentication, post_confirmation, pre_authentication, Deny, PostAuthentication,
    PostConfirmation, PostConfirmationSource, PreAuthentication,
};

#[post_confirmation(triggers = ["ConfirmSignUp"], timeout = "4s", init = setup, main = false)]
async fn welcome(event: &PostConfirmation<'_>) -> Result<(), Deny> {
    match event.trigger_source {
        PostConfirmationSource::ConfirmSignUp => Ok(()),
        _ => Err(Deny::new("unexpected")),
    }
}

fn setup() {}

#[pre_authentication(
    require_verified = ["email", "phone_number"],
    clients(allow = ["1example23456789abcdefghij"]),
    message = "Verify your email address and phone number before signing in",
    main = false,
)]
fn gate() {}

#[pre_authentication(clients(allow = env("APP_CLIENTS")), main = false)]
async fn from_env(event: &PreAuthentication<'_>) -> Result<(), Deny> {
    // The same text whether or not the user exists.
    match event.validation_data.get("captcha") {
        Some(_) => Ok(()),
        None => Err(Deny::new("Sign-in is not allowed")),
    }
}

#[derive(Debug)]
struct Store;
impl std::fmt::Display for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("store unavailable")
    }
}
impl std::error::Error for Store {}

#[post_authentication(main = false)]
fn audit(event: &PostAuthentication) -> Result<(), Store> {
    if event.new_device_used { Err(Store) } else { Ok(()) }
}

#[post_authentication(triggers = ["Authentication"], main = false)]
async fn nothing() {}

// An async function may leave the event's lifetime out too: the attribute writes it.
#[post_authentication(main = false)]
async fn short_form(event: &PostAuthentication) -> Result<(), Store> {
    if event.new_device_used { Err(Store) } else { Ok(()) }
}

fn main() {
    let all: [&'static dyn cognito_triggers::AnyTrigger; 5] =
        [&WELCOME, &GATE, &FROM_ENV, &AUDIT, &NOTHING];
    assert_eq!(all.len(), 5);
}
