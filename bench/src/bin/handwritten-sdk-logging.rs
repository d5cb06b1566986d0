//! `handwritten-sdk` with the logging most Rust Lambda functions have: lambda_runtime's default
//! `tracing-subscriber` subscriber. The fair baseline for the size and memory of a bootstrap
//! that logs, as the generated one does (the SDK's own `tracing` events stay in a binary only
//! when a subscriber can be installed).

use aws_config::BehaviorVersion;
use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsPostConfirmation, CognitoEventUserPoolsPostConfirmationTriggerSource,
};
use aws_sdk_cognitoidentityprovider::Client;
use lambda_runtime::{service_fn, LambdaEvent};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let config = aws_config::load_defaults(BehaviorVersion::latest()).await;
    let client = &Client::new(&config);
    lambda_runtime::run(service_fn(
        move |event: LambdaEvent<CognitoEventUserPoolsPostConfirmation>| async move {
            let event = event.payload;
            let header = &event.cognito_event_user_pools_header;
            if header.trigger_source
                == Some(CognitoEventUserPoolsPostConfirmationTriggerSource::ConfirmSignUp)
            {
                client
                    .admin_add_user_to_group()
                    .set_user_pool_id(header.user_pool_id.clone())
                    .set_username(header.user_name.clone())
                    .group_name("EVERYONE")
                    .send()
                    .await?;
            }
            Ok::<_, lambda_runtime::Error>(event)
        },
    ))
    .await
}
