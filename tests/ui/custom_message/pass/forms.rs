use cognito_triggers::{custom_message, escape_html, CustomMessage, Deny, Message};

// Every block, a locale, literal braces for CSS.
#[custom_message(
    sign_up(subject = "Welcome {given_name}", email = "<style>p { color: #333 }</style><p>Code {####}</p>", sms = "Acme code: {####}"),
    admin_create_user(email = "User {username}, temporary password {####}", sms = "{username} / {####}"),
    resend_code(sms = "{{Acme}} code {####}"),
    forgot_password(subject = "Reset your password", email = "Hi {given_name}, code {####}"),
    update_user_attribute(email = "Verify {email}: {####}"),
    verify_user_attribute(sms = "Verify: {####}"),
    authentication(sms = "Sign-in code {####} for {custom:tenant}"),
    locale(es, forgot_password(subject = "Restablecer mi contraseña", email = "Código {####}")),
    locale("es-MX", forgot_password(subject = "Restablece tu contraseña", email = "Código {####}")),
    main = false,
)]
async fn blocks() {}

#[custom_message(main = false)]
fn with_event(event: &CustomMessage) -> Message {
    Message::default().email(
        "Your code",
        format!("Hi {}, {}", escape_html(event.user_name.as_ref()), event.code()),
    )
}

#[custom_message(main = false)]
async fn fallible(event: &CustomMessage<'_>) -> Result<Message, Deny> {
    match event.attribute("email") {
        Some(_) => Ok(Message::default().sms(format!("Code {}", event.code()))),
        None => Err(Deny::new("no email")),
    }
}

#[custom_message(forgot_password(sms = "{####}"), triggers = ["ForgotPassword"], timeout = "3s", main = false)]
fn nothing() -> Result<(), Deny> {
    Ok(())
}

fn main() {
    let _ = (&BLOCKS, &WITH_EVENT, &FALLIBLE, &NOTHING);
}
