//! The hand-written post confirmation handler of the `sdk` rows (feature `sdk`): a confirmed
//! sign-up joins `EVERYONE` through the AWS SDK for Rust, its client built at cold start, as a
//! Rust user writes it today on `aws_lambda_events` types.

use aws_config::BehaviorVersion;
use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsPostConfirmation, CognitoEventUserPoolsPostConfirmationTriggerSource,
};
use aws_sdk_cognitoidentityprovider::Client;
use lambda_runtime::{service_fn, LambdaEvent};

/// Builds the client from the standard AWS environment and serves events until the runtime
/// API goes away.
pub async fn serve_post_confirmation() -> Result<(), lambda_runtime::Error> {
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
