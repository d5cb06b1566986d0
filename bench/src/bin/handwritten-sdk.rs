//! The hand-written baseline of `add-user-to-group`: a post confirmation handler on
//! `aws_lambda_events` types that adds a confirmed sign-up to `EVERYONE` with the AWS SDK for
//! Rust, its client built at cold start, as a Rust user writes it today.

use aws_config::BehaviorVersion;
use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsPostConfirmation, CognitoEventUserPoolsPostConfirmationTriggerSource,
};
use aws_sdk_cognitoidentityprovider::Client;
use lambda_runtime::{service_fn, LambdaEvent};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
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
