use cognito_triggers::{pre_sign_up, Deny, PreSignUp, SignUp};

#[pre_sign_up(
    email_domains(allow = ["example.com", "*.example.org"]),
    require = ["given_name"],
    min_age = 13,
    auto_confirm = true,
    auto_verify = ["email", "phone_number"],
    message = "Sign-ups are limited to example.com",
    triggers = ["SignUp", "ExternalProvider"],
    timeout = "4500ms",
    init = setup,
    main = false,
)]
fn checked(event: &PreSignUp) -> Result<SignUp, Deny> {
    match event.attribute("custom:invite") {
        Some(_) => Ok(SignUp::default()),
        None => Err(Deny::new("Sign-ups are by invitation only")),
    }
}

fn setup() {}

#[pre_sign_up(email_domains(deny = env("DENIED_DOMAINS")), main = false)]
async fn from_env() {}

#[pre_sign_up(main = false)]
async fn flags(event: &PreSignUp<'_>) -> SignUp {
    if event.email().is_some() {
        SignUp::default().auto_verify_email()
    } else {
        SignUp::default()
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

#[pre_sign_up(main = false)]
async fn unit_result() -> Result<(), Store> {
    Ok(())
}

fn main() {
    // Each static is an `AnyTrigger` that `serve` takes (one per kind in a real bootstrap).
    let all: [&'static dyn cognito_triggers::AnyTrigger; 4] = [&CHECKED, &FROM_ENV, &FLAGS, &UNIT_RESULT];
    assert_eq!(all.len(), 4);
}
