//! The post confirmation event, borrowed from the received text.

use cognito_triggers_rules::lifecycle::post_confirmation::SOURCE_PREFIX;

use crate::engine::decode::{string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked post confirmation (`triggerSource` without its
    /// `PostConfirmation_` prefix).
    pub enum PostConfirmationSource, prefix SOURCE_PREFIX, {
        /// A user confirmed their sign-up (`ConfirmSignUp`, `AdminConfirmSignUp`, managed
        /// login).
        ConfirmSignUp,
        /// A user confirmed a password reset (`ConfirmForgotPassword`).
        ConfirmForgotPassword,
    }
}

crate::engine::source::trigger_event! {
    /// A post confirmation event: the user is confirmed already; an error reaches the client but
    /// does not undo the confirmation.
    ///
    /// ```
    /// use cognito_triggers::{PostConfirmation, PostConfirmationSource};
    ///
    /// let text = r#"{"triggerSource": "PostConfirmation_ConfirmForgotPassword", "userName": "jane",
    ///     "userPoolId": "us-east-1_EXAMPLE", "request": {"userAttributes": {"email": "jane@example.com"}},
    ///     "response": {}}"#;
    /// PostConfirmation::read(text, |event| {
    ///     assert_eq!(event.trigger_source, PostConfirmationSource::ConfirmForgotPassword);
    ///     assert!(event.client_metadata.is_empty());
    /// })
    /// .unwrap();
    /// ```
    pub struct PostConfirmation, source PostConfirmationSource {
        /// The confirmed user's attributes (`request.userAttributes`; a `null` value reads as
        /// absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// `ClientMetadata` of the confirming call (`request.clientMetadata`).
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
    }
}
