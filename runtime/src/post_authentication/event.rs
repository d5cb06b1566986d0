//! The post authentication event, borrowed from the received text.

use cognito_triggers_rules::lifecycle::post_authentication::SOURCE_PREFIX;

use crate::engine::decode::{nullish, string_map_skipping_nulls, StringMap};

crate::engine::source::trigger_sources! {
    /// Why Cognito invoked post authentication (`triggerSource` without its
    /// `PostAuthentication_` prefix).
    pub enum PostAuthenticationSource, prefix SOURCE_PREFIX, {
        /// A user signed in (`Authentication`).
        Authentication,
    }
}

crate::engine::source::trigger_event! {
    /// A post authentication event: the user has signed in; an error now keeps the tokens from
    /// being issued.
    ///
    /// ```
    /// use cognito_triggers::{PostAuthentication, PostAuthenticationSource};
    ///
    /// let text = r#"{"triggerSource": "PostAuthentication_Authentication", "userName": "jane",
    ///     "request": {"userAttributes": {"email": "jane@example.com"}, "newDeviceUsed": null},
    ///     "response": {}}"#;
    /// PostAuthentication::read(text, |event| {
    ///     assert_eq!(event.trigger_source, PostAuthenticationSource::Authentication);
    ///     assert!(!event.new_device_used);
    /// })
    /// .unwrap();
    /// ```
    pub struct PostAuthentication, source PostAuthenticationSource {
        /// The user's attributes (`request.userAttributes`; a `null` value reads as absent).
        #[serde(default, borrow, deserialize_with = "string_map_skipping_nulls")]
        pub user_attributes: StringMap<'a>,
        /// `ClientMetadata` of `RespondToAuthChallenge` (`request.clientMetadata`); never that
        /// of `InitiateAuth`.
        #[serde(default, borrow)]
        pub client_metadata: StringMap<'a>,
        /// Whether the user signed in from a new device (`request.newDeviceUsed`). Cognito sets
        /// it only when the pool remembers devices; `null` or absent reads as `false`.
        #[serde(default, deserialize_with = "nullish")]
        pub new_device_used: bool,
    }
}
