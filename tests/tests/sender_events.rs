//! The custom sender events, without the `senders` feature: every shape of the reference,
//! `null` code and client metadata, the account-takeover attributes, unknown sources, and the
//! errata of other libraries' fixtures.

use cognito_triggers::{
    CustomEmailSender, CustomEmailSenderSource, CustomSmsSender, CustomSmsSenderSource,
};

#[test]
fn account_takeover_has_no_code_and_null_attributes() {
    let text = r#"{"version": "1", "triggerSource": "CustomEmailSender_AccountTakeOverNotification",
        "region": "us-east-1", "userPoolId": "us-east-1_EXAMPLE", "userName": "jane",
        "callerContext": {"awsSdkVersion": null, "clientId": null},
        "request": {"type": "customEmailSenderRequestV1", "code": null, "clientMetadata": null,
            "userAttributes": {"LOGIN_TIME": "Friday, March 19, 2021 02:25 PM UTC", "CITY": null,
            "COUNTRY": null, "ACCOUNT_TAKE_OVER_ACTION": "BLOCK", "DEVICE_NAME": null,
            "EVENT_ID": "e", "IP_ADDRESS": "192.0.2.1", "USER_NAME": "jane"}}}"#;
    CustomEmailSender::read(text, |event| {
        assert_eq!(
            event.trigger_source,
            CustomEmailSenderSource::AccountTakeOverNotification
        );
        assert!(!event.has_code());
        assert!(event.client_metadata.is_empty());
        assert_eq!(event.attribute("ACCOUNT_TAKE_OVER_ACTION"), Some("BLOCK"));
        assert_eq!(event.attribute("CITY"), None);
        assert_eq!(
            event.request_type.as_deref(),
            Some("customEmailSenderRequestV1")
        );
    })
    .unwrap();
}

#[test]
fn every_source_and_an_unknown_one() {
    for (source, expected) in [
        ("SignUp", CustomEmailSenderSource::SignUp),
        ("Authentication", CustomEmailSenderSource::Authentication),
        ("AdminCreateUser", CustomEmailSenderSource::AdminCreateUser),
        (
            "SomethingNew",
            CustomEmailSenderSource::Other("CustomEmailSender_SomethingNew".into()),
        ),
    ] {
        let text = format!(
            r#"{{"triggerSource": "CustomEmailSender_{source}", "request": {{"code": "AYADeD"}}}}"#
        );
        CustomEmailSender::read(&text, |event| {
            assert_eq!(event.trigger_source, expected);
            assert!(event.has_code());
        })
        .unwrap();
    }
    // The SMS sender's prefix is `CustomSMSSender_`.
    let sms = r#"{"triggerSource": "CustomSMSSender_Authentication", "request": {"type": "customSMSSenderRequestV1", "code": "AYADeD", "userAttributes": {"phone_number": "+15555550100"}}}"#;
    CustomSmsSender::read(sms, |event| {
        assert_eq!(event.trigger_source, CustomSmsSenderSource::Authentication);
        assert_eq!(
            event.trigger_source.to_string(),
            "CustomSMSSender_Authentication"
        );
    })
    .unwrap();
}

#[test]
fn the_errata_of_other_fixtures() {
    // Powertools' SMS fixture carries the email `type` (a copy-paste error): read as sent.
    let powertools_sms = r#"{"version": "1", "triggerSource": "CustomSMSSender_SignUp",
        "callerContext": {"awsSdk": "awsSdkVersion", "clientId": "clientId"},
        "request": {"userAttributes": {}, "type": "customEmailSenderRequestV1", "code": "someCode"}}"#;
    CustomSmsSender::read(powertools_sms, |event| {
        assert_eq!(
            event.request_type.as_deref(),
            Some("customEmailSenderRequestV1")
        );
        assert_eq!(event.client_id(), Some("clientId"));
    })
    .unwrap();
    // Its boolean attributes are not what Cognito sends: a clear error.
    let booleans = r#"{"triggerSource": "CustomEmailSender_SignUp", "request": {"userAttributes": {"email_verified": true}, "code": "x"}}"#;
    let error = CustomEmailSender::read(booleans, |_| ()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid event: at `request.userAttributes.email_verified`: invalid type: boolean, expected a string"
    );
    let not_text = r#"{"triggerSource": "CustomEmailSender_SignUp", "request": {"code": 7}}"#;
    assert!(CustomEmailSender::read(not_text, |_| ()).is_err());
}
