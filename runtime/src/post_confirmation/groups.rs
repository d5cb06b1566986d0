//! `add_to_groups`: `AdminAddUserToGroup` through the AWS SDK for Rust (feature `sdk`).

use std::time::Instant;

use aws_config::BehaviorVersion;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::Client;
use tokio::sync::OnceCell;

use crate::engine::BoxError;

/// The Cognito client, built once per process (cold start) from the standard AWS environment:
/// region, credentials, `AWS_ENDPOINT_URL`.
pub(crate) struct LazyClient(OnceCell<Client>);

impl LazyClient {
    pub(crate) const fn new() -> LazyClient {
        LazyClient(OnceCell::const_new())
    }

    /// The client; built on first use. Without a configured region it uses the event's
    /// (the user pool's) region.
    pub(crate) async fn get(&self, event_region: &str) -> &Client {
        self.0
            .get_or_init(|| async {
                let started = Instant::now();
                let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
                let mut config = aws_sdk_cognitoidentityprovider::config::Builder::from(&shared);
                if shared.region().is_none() && !event_region.is_empty() {
                    config = config.region(Region::new(event_region.to_owned()));
                }
                let client = Client::from_conf(config.build());
                tracing::debug!(
                    elapsed_us = started.elapsed().as_micros() as u64,
                    "built the Cognito client"
                );
                client
            })
            .await
    }
}

/// Adds the user to each group. `AdminAddUserToGroup` succeeds for a member already in the
/// group, so Cognito's retries repeat it harmlessly.
pub(crate) async fn add(
    client: &Client,
    pool: &str,
    user: &str,
    groups: &[&str],
) -> Result<(), BoxError> {
    for group in groups {
        client
            .admin_add_user_to_group()
            .user_pool_id(pool)
            .username(user)
            .group_name(*group)
            .send()
            .await
            .map_err(|e| describe(group, &e))?;
    }
    Ok(())
}

/// One line for Cognito: the group and the service's error code and message, or the kind of
/// failure; the whole error (endpoint, I/O detail) goes to the log only.
fn describe<E, R>(group: &str, error: &SdkError<E, R>) -> BoxError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    tracing::error!(
        group,
        "AdminAddUserToGroup failed: {}",
        aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(error)
    );
    let reason = match error {
        SdkError::ServiceError(service) => {
            let e = service.err();
            match (e.code(), e.message()) {
                (Some(code), Some(message)) => format!("{code}: {message}"),
                (Some(code), None) => code.to_owned(),
                _ => "the service refused the request".to_owned(),
            }
        }
        SdkError::TimeoutError(_) => "the request timed out".to_owned(),
        SdkError::DispatchFailure(_) => "the request could not be sent".to_owned(),
        SdkError::ResponseError(_) => "the response could not be read".to_owned(),
        SdkError::ConstructionFailure(_) => "the request could not be built".to_owned(),
        _ => "the request failed".to_owned(),
    };
    format!("the user could not be added to group `{group}` ({reason})").into()
}
