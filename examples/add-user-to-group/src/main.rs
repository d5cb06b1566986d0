//! The Amplify Gen 2 page "Add user to group": a confirmed user joins the group `EVERYONE`
//! (`AdminAddUserToGroup`). The page's handler runs on every confirmation, each password reset
//! (`PostConfirmation_ConfirmForgotPassword`) included; this one acts on confirmed sign-ups
//! only. Adding a member again succeeds, so Cognito's retries are harmless.
//!
//! The function's role needs `cognito-idp:AdminAddUserToGroup` on the user pool. A failure
//! reaches the client as `PostConfirmation failed with error ..`, but the user stays
//! confirmed.
//!
//! `cargo run -p add-user-to-group` runs it on a sample confirmation (local mode makes no
//! calls to AWS); under `cargo lambda watch` or on Lambda it calls the user pool named in the
//! event, through the standard AWS environment (`AWS_REGION`, credentials,
//! `AWS_ENDPOINT_URL`).

use cognito_triggers::post_confirmation;

#[post_confirmation(add_to_groups = ["EVERYONE"])]
async fn handler() {}
