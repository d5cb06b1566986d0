//! Sending with the AWS SDK's SES v2 client, built once per cold start.

use aws_sdk_sesv2::error::ProvideErrorMetadata;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use cognito_triggers::Deny;
use tokio::sync::OnceCell;

const NOT_SENT: &str = "The email could not be sent";

/// Sends a plain-text email from `SENDER_EMAIL` to `to`.
pub async fn send(to: &str, subject: &str, body: &str) -> Result<(), Deny> {
    static CLIENT: OnceCell<aws_sdk_sesv2::Client> = OnceCell::const_new();
    let Ok(sender) = std::env::var("SENDER_EMAIL") else {
        tracing::error!("SENDER_EMAIL is not set");
        return Err(Deny::new(NOT_SENT));
    };
    let client = CLIENT
        .get_or_init(|| async {
            let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
            aws_sdk_sesv2::Client::new(&config)
        })
        .await;
    let text = |data: &str| Content::builder().data(data).charset("UTF-8").build();
    let (Ok(subject), Ok(body)) = (text(subject), text(body)) else {
        return Err(Deny::new(NOT_SENT));
    };
    let message = Message::builder()
        .subject(subject)
        .body(Body::builder().text(body).build())
        .build();
    client
        .send_email()
        .from_email_address(sender)
        .destination(Destination::builder().to_addresses(to).build())
        .content(EmailContent::builder().simple(message).build())
        .send()
        .await
        .map(|_| ())
        .map_err(|e| {
            // The error code only: SES messages may name the address.
            tracing::error!(
                error = e.code().unwrap_or("unknown"),
                "SES did not send the email"
            );
            Deny::new(NOT_SENT)
        })
}
