//! Delivery of the code by email: the AWS SDK's SES v2 client with the `sdk` feature.

use cognito_triggers::Deny;

/// What the user sees when the email cannot be sent (the cause goes to the log).
const NOT_SENT: &str = "We could not send your sign-in code, please try again";

/// Sends the code to `email` from `SENDER_EMAIL` with SES v2 (client built once per cold
/// start from the standard AWS environment; `AWS_ENDPOINT_URL` points it at an emulator).
#[cfg(feature = "sdk")]
pub async fn send(email: &str, code: &str) -> Result<(), Deny> {
    use aws_sdk_sesv2::error::ProvideErrorMetadata;
    use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
    use tokio::sync::OnceCell;

    static CLIENT: OnceCell<aws_sdk_sesv2::Client> = OnceCell::const_new();
    let Ok(sender) = std::env::var("SENDER_EMAIL") else {
        tracing::error!("SENDER_EMAIL is not set: no address to send sign-in codes from");
        return Err(Deny::new(NOT_SENT));
    };
    let client = CLIENT
        .get_or_init(|| async {
            aws_sdk_sesv2::Client::new(
                &aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await,
            )
        })
        .await;
    let text = |data: String| Content::builder().data(data).charset("UTF-8").build();
    let (Ok(subject), Ok(body)) = (
        text("Your sign-in code".to_owned()),
        text(format!(
            "Your sign-in code is {code}. It expires in 3 minutes."
        )),
    ) else {
        return Err(Deny::new(NOT_SENT));
    };
    let message = Message::builder()
        .subject(subject)
        .body(Body::builder().text(body).build())
        .build();
    let sent = client
        .send_email()
        .from_email_address(sender)
        .destination(Destination::builder().to_addresses(email).build())
        .content(EmailContent::builder().simple(message).build())
        .send()
        .await;
    match sent {
        Ok(_) => Ok(()),
        Err(e) => {
            // The error code only: SES messages may name the address.
            tracing::error!(
                error = e.code().unwrap_or("unknown"),
                "SES did not send the sign-in code"
            );
            Err(Deny::new(NOT_SENT))
        }
    }
}

/// Without the `sdk` feature there is no way to send the code: build the deployed function
/// with `--features sdk`.
#[cfg(not(feature = "sdk"))]
pub async fn send(_email: &str, _code: &str) -> Result<(), Deny> {
    tracing::error!("this bootstrap was built without the `sdk` feature and cannot email codes");
    Err(Deny::new(NOT_SENT))
}
