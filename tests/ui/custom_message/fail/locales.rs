use cognito_triggers::custom_message;

#[custom_message(
    locale(es, forgot_password(email = "Código {####}")),
    locale(ES, sign_up(email = "Código {####}")),
    locale("es_MX", sign_up(email = "Código {####}")),
    locale(fr),
    locale(sign_up(email = "{####}")),
    locale(de, sign_in(email = "{####}")),
)]
async fn handler() {}
