//! Several triggers in one bootstrap: the [`Router`] of the Lambda loop and local mode, and
//! [`serve`].

use std::process::ExitCode;

use serde_json::value::RawValue;

use super::error::TriggerError;
use super::event::{Envelope, RawAnswer, RawEvent};
use super::AnyTrigger;

/// The triggers of one bootstrap, routed by `triggerSource`.
pub(crate) struct Router<'t> {
    triggers: &'t [&'static dyn AnyTrigger],
}

impl<'t> Router<'t> {
    /// Checks the list: at most one handler per kind of trigger.
    pub(crate) fn new(triggers: &'t [&'static dyn AnyTrigger]) -> Result<Router<'t>, String> {
        if triggers.is_empty() {
            return Err("serve: no trigger to serve".into());
        }
        for (i, a) in triggers.iter().enumerate() {
            if let Some(b) = triggers[..i]
                .iter()
                .find(|b| b.kind().name == a.kind().name)
            {
                return Err(format!(
                    "serve: `{}` and `{}` are both {} triggers; one bootstrap serves each trigger once",
                    b.common().name(),
                    a.common().name(),
                    a.kind().title
                ));
            }
        }
        Ok(Router { triggers })
    }

    pub(crate) fn triggers(&self) -> &'t [&'static dyn AnyTrigger] {
        self.triggers
    }

    /// The trigger for an event's `triggerSource`: the one whose prefix it has; a bootstrap of
    /// one trigger takes every event (unknown sources included).
    pub(crate) fn route(&self, trigger_source: &str) -> Option<&'static dyn AnyTrigger> {
        match self.triggers {
            [only] => Some(*only),
            all => all
                .iter()
                .find(|t| trigger_source.starts_with(t.kind().source_prefix))
                .copied(),
        }
    }

    /// Handles one event: routed, or sent back unchanged with a warning when no trigger of
    /// this bootstrap handles its trigger source.
    pub(crate) async fn invoke_raw<'a>(
        &self,
        event: RawEvent<'a>,
    ) -> Result<RawAnswer<'a>, TriggerError> {
        // The envelope is read once, for routing and for the trigger.
        let envelope = Envelope::read(&event)?;
        let response = match self.route(&envelope.trigger_source) {
            Some(trigger) => trigger.response_to(&envelope).await?,
            None => {
                tracing::warn!(
                    trigger_source = %envelope.trigger_source,
                    "no trigger of this bootstrap handles this trigger source: the event goes back unchanged"
                );
                None
            }
        };
        drop(envelope);
        Ok(RawAnswer::new(event, response))
    }

    /// What the Lambda loop does with an event's payload: read in place from its bytes,
    /// routed, answered as one raw JSON value.
    pub(crate) async fn invoke_payload(
        &self,
        payload: &[u8],
    ) -> Result<Box<RawValue>, TriggerError> {
        let event = RawEvent::read(payload)?;
        self.invoke_raw(event).await?.to_raw_value()
    }
}

/// Serves several triggers from one bootstrap: the Lambda runtime loop when
/// `AWS_LAMBDA_RUNTIME_API` is set, local mode otherwise. Events are routed by
/// `triggerSource`; two triggers of the same kind are an error at start (exit 1).
///
/// ```no_run
/// use cognito_triggers::{pre_sign_up, pre_token_generation};
///
/// #[pre_sign_up(auto_confirm = true, main = false)]
/// fn sign_up() {}
///
/// #[pre_token_generation(claims(tier = "gold"), main = false)]
/// fn tokens() {}
///
/// fn main() -> std::process::ExitCode {
///     cognito_triggers::serve(&[&SIGN_UP, &TOKENS])
/// }
/// ```
pub fn serve(triggers: &[&'static dyn AnyTrigger]) -> ExitCode {
    let router = match Router::new(triggers) {
        Ok(router) => router,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        return super::lambda::run(router);
    }
    #[cfg(any(debug_assertions, feature = "local"))]
    return super::local::run(&router, std::env::args().collect());
    #[cfg(not(any(debug_assertions, feature = "local")))]
    {
        eprintln!(
            "error: AWS_LAMBDA_RUNTIME_API is not set. Local mode (--event, --source) is in debug \
             builds (`cargo run`); for release builds enable the `local` feature of cognito-triggers"
        );
        ExitCode::from(2)
    }
}
