//! `#[user_migration]` and `#[inbound_federation]`: answers, the rules of migrated users and
//! mapped attributes, the event shapes, each through the same raw path as the Lambda loop.

use cognito_triggers::{
    inbound_federation, user_migration, AttributeMap, Deny, ErrorKind, FinalStatus,
    InboundFederation, MigratedUser, ProviderType, UserMigration,
};
use serde_json::{json, Value};

fn migration_event(source: &str, password: Value) -> String {
    json!({
        "version": "1",
        "triggerSource": format!("UserMigration_{source}"),
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "jane@example.com",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"password": password, "validationData": null, "userAttributes": null},
        "response": {"userAttributes": null, "forceAliasCreation": null, "enableSMSMFA": null,
                     "finalUserStatus": null, "messageAction": null, "desiredDeliveryMediums": null}
    })
    .to_string()
}

fn response(answer: &str) -> Value {
    serde_json::from_str::<Value>(answer).unwrap()["response"].clone()
}

const PASSWORD: &str = "correct horse battery staple";

#[user_migration(final_status = "CONFIRMED", message_action = "SUPPRESS", desired_delivery = ["EMAIL"], force_alias_creation = false, main = false)]
fn legacy(event: &UserMigration) -> Result<Option<MigratedUser>, Deny> {
    if event.user_name != "jane@example.com" {
        return Ok(None);
    }
    match event.password.as_ref().map(|p| p.expose()) {
        Some(PASSWORD) | None => Ok(Some(
            MigratedUser::default()
                .verified_email("jane@example.com")
                .attribute("given_name", "Jane"),
        )),
        Some(_) => Ok(None),
    }
}

#[test]
fn a_known_user_is_migrated_with_the_static_answer() {
    let answered = LEGACY
        .invoke_blocking(&migration_event("Authentication", json!(PASSWORD)))
        .unwrap();
    assert_eq!(
        response(&answered),
        json!({
            "userAttributes": {"email": "jane@example.com", "email_verified": "true", "given_name": "Jane"},
            "finalUserStatus": "CONFIRMED",
            "messageAction": "SUPPRESS",
            "desiredDeliveryMediums": ["EMAIL"],
            "forceAliasCreation": false
        })
    );
    // A password reset: no password in the event (absent or null), the user still migrates.
    let answered = LEGACY
        .invoke_blocking(&migration_event("ForgotPassword", Value::Null))
        .unwrap();
    assert_eq!(
        response(&answered)["userAttributes"]["email"],
        "jane@example.com"
    );
    let absent = r#"{"triggerSource": "UserMigration_ForgotPassword", "userName": "jane@example.com", "request": {}}"#;
    assert!(LEGACY.invoke_blocking(absent).is_ok());
}

#[test]
fn an_unknown_user_and_a_wrong_password_get_the_same_answer() {
    let unknown = migration_event("Authentication", json!(PASSWORD))
        .replace("jane@example.com", "joe@example.com");
    let wrong = migration_event("Authentication", json!("hunter2"));
    let a = LEGACY.invoke_blocking(&unknown).unwrap_err();
    let b = LEGACY.invoke_blocking(&wrong).unwrap_err();
    assert_eq!(
        (a.kind(), a.message()),
        (ErrorKind::Handler, "User does not exist")
    );
    assert_eq!((b.kind(), b.message()), (a.kind(), a.message()));
}

#[test]
fn migrated_users_are_checked_before_cognito_sees_them() {
    #[user_migration(main = false)]
    fn checked(event: &UserMigration) -> MigratedUser {
        let user = MigratedUser::default();
        match event.validation_data.get("case") {
            Some("sub") => user
                .attribute("email", "a@example.com")
                .attribute("sub", "1"),
            Some("verified-without-email") => user
                .attribute("email_verified", "true")
                .attribute("name", "A"),
            Some("mfa-without-phone") => user.attribute("email", "a@example.com").enable_sms_mfa(),
            Some("empty") => user,
            Some("long") => user.attribute("name", "x".repeat(2049)),
            Some("reset-unverified") => user.attribute("email", "secret-address@example.com"),
            _ => user
                .verified_phone("+15555550100")
                .enable_sms_mfa()
                .final_status(FinalStatus::ResetRequired),
        }
    }
    let event = |case: &str, source: &str| {
        let mut event: Value = serde_json::from_str(&migration_event(source, json!("pw"))).unwrap();
        event["request"]["validationData"] = json!({ "case": case });
        event.to_string()
    };
    for (case, words) in [
        ("sub", "`sub` cannot be written"),
        ("verified-without-email", "`email_verified` without `email`"),
        ("mfa-without-phone", "SMS MFA without `phone_number`"),
        ("empty", "needs at least one attribute"),
        ("long", "2049 characters"),
    ] {
        let error = CHECKED
            .invoke_blocking(&event(case, "Authentication"))
            .unwrap_err();
        assert!(
            error
                .message()
                .starts_with("the migrated user is not valid: "),
            "{case}: {error}"
        );
        assert!(error.message().contains(words), "{case}: {error}");
    }
    let error = CHECKED
        .invoke_blocking(&event("reset-unverified", "ForgotPassword"))
        .unwrap_err();
    assert!(
        error
            .message()
            .contains("verified email address or phone number"),
        "{error}"
    );
    assert!(!error.message().contains("secret-address"), "{error}");
    let answered = CHECKED
        .invoke_blocking(&event("fine", "Authentication"))
        .unwrap();
    assert_eq!(
        response(&answered),
        json!({"userAttributes": {"phone_number": "+15555550100", "phone_number_verified": "true"},
               "finalUserStatus": "RESET_REQUIRED", "enableSMSMFA": true})
    );
}

#[test]
fn the_password_is_redacted_in_debug_output() {
    UserMigration::read(
        &migration_event("Authentication", json!(PASSWORD)),
        |event| {
            let debug = format!("{event:?}");
            assert!(!debug.contains(PASSWORD), "{debug}");
            assert!(debug.contains("Password(<redacted>)"), "{debug}");
            assert_eq!(event.password.as_ref().unwrap().expose(), PASSWORD);
        },
    )
    .unwrap();
    // A malformed password: the error names the field, not the value.
    let error = LEGACY
        .invoke_blocking(&migration_event(
            "Authentication",
            json!(["hunter2-in-an-array"]),
        ))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid event: at `request.password`: invalid type: sequence, expected a string"
    );
}

#[test]
fn user_migration_fixtures() {
    // The aws_lambda_events fixture with the nulls of real events.
    let fixture = include_str!("../fixtures/migration/user-migration-null-fields.json");
    UserMigration::read(fixture, |event| {
        assert_eq!(
            event.password.as_ref().map(|p| p.expose()),
            Some("<password>")
        );
        assert_eq!(
            event.validation_data.get("exampleMetadataKey"),
            Some("example metadata value")
        );
    })
    .unwrap();
    // The shape reported from real AWS (aws-lambda-dotnet#2166): nulls everywhere.
    let real = include_str!("../fixtures/migration/user-migration-real-nulls.json");
    UserMigration::read(real, |event| {
        assert!(event.validation_data.is_empty() && event.user_attributes.is_empty());
    })
    .unwrap();
}

fn federation_event(provider_type: &str, attributes: Value) -> String {
    json!({
        "version": "1",
        "triggerSource": "InboundFederation_ExternalProvider",
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "provider_user123",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {"providerName": "Example", "providerType": provider_type, "attributes": attributes},
        "response": {"userAttributesToMap": null}
    })
    .to_string()
}

const EMAIL_URI: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";

#[inbound_federation(
    map(
        email = "idToken.email",
        given_name = "userInfo.given_name",
        "custom:groups" = "userInfo.groups",
        "custom:saml_email" = "samlResponse.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        email_verified = "idToken.email_verified",
    ),
    main = false
)]
fn mapping() {}

#[test]
fn the_map_takes_each_claim_from_its_source() {
    let oidc = federation_event(
        "OIDC",
        json!({
            "tokenResponse": {"access_token": "eyExample", "expires_in": 3600},
            "idToken": {"email": "jane@example.com", "email_verified": true},
            "userInfo": {"given_name": "Jane", "groups": ["staff", "admins"]}
        }),
    );
    assert_eq!(
        response(&MAPPING.invoke_blocking(&oidc).unwrap()),
        json!({"userAttributesToMap": {
            "email": "jane@example.com",
            "given_name": "Jane",
            "custom:groups": "[\"staff\",\"admins\"]",
            "email_verified": "true"
        }})
    );
    let saml = federation_event(
        "SAML",
        json!({ "samlResponse": { EMAIL_URI: "jane@example.com" } }),
    );
    assert_eq!(
        response(&MAPPING.invoke_blocking(&saml).unwrap()),
        json!({"userAttributesToMap": {"custom:saml_email": "jane@example.com"}})
    );
    // Nothing the map names: the event goes back as received (Cognito's own mapping).
    let bare = federation_event("Google", json!({"idToken": {"sub": "1"}}));
    let answered: Value = serde_json::from_str(&MAPPING.invoke_blocking(&bare).unwrap()).unwrap();
    assert_eq!(answered, serde_json::from_str::<Value>(&bare).unwrap());
}

#[test]
fn long_values_are_refused_or_truncated_on_a_character_boundary() {
    let long = "é".repeat(2100);
    let event = federation_event("OIDC", json!({"idToken": {"email": long}}));
    let error = MAPPING.invoke_blocking(&event).unwrap_err();
    assert_eq!(
        error.message(),
        "the value for `email` has 2100 characters, over Cognito's limit of 2048 (set `truncate = 2048` to cut it)"
    );
    #[inbound_federation(
        map(email = "idToken.email", name = "userInfo.name"),
        truncate = 10,
        main = false
    )]
    fn truncating() {}
    let event = federation_event(
        "OIDC",
        json!({"idToken": {"email": long}, "userInfo": {"name": "Jane"}}),
    );
    let mapped = response(&TRUNCATING.invoke_blocking(&event).unwrap());
    assert_eq!(mapped["userAttributesToMap"]["email"], "é".repeat(10));
    assert_eq!(mapped["userAttributesToMap"]["name"], "Jane");
}

#[test]
fn the_function_adds_and_overrides() {
    #[inbound_federation(map(email = "idToken.email", "custom:tier" = "idToken.tier"), main = false)]
    fn with_function(event: &InboundFederation) -> Result<AttributeMap, Deny> {
        match event.provider_type {
            ProviderType::Saml => Err(Deny::new("SAML sign-in is closed")),
            _ => Ok(AttributeMap::default()
                .attribute("custom:idp", event.provider_name.as_ref())
                .attribute("custom:tier", "gold")),
        }
    }
    let oidc = federation_event(
        "OIDC",
        json!({"idToken": {"email": "jane@example.com", "tier": "free"}}),
    );
    assert_eq!(
        response(&WITH_FUNCTION.invoke_blocking(&oidc).unwrap())["userAttributesToMap"],
        json!({"email": "jane@example.com", "custom:tier": "gold", "custom:idp": "Example"})
    );
    let saml = federation_event("SAML", json!({}));
    assert_eq!(
        WITH_FUNCTION.invoke_blocking(&saml).unwrap_err().message(),
        "SAML sign-in is closed"
    );

    #[inbound_federation(main = false)]
    fn writes_sub() -> AttributeMap {
        AttributeMap::default().attribute("sub", "x")
    }
    let error = WRITES_SUB.invoke_blocking(&oidc).unwrap_err();
    assert!(
        error.message().contains("`sub` cannot be written"),
        "{error}"
    );
}

#[test]
fn federation_fixtures_and_shapes() {
    for (file, provider) in [
        ("inbound-federation-oidc.json", ProviderType::Oidc),
        ("inbound-federation-saml.json", ProviderType::Saml),
    ] {
        let text = std::fs::read_to_string(format!(
            "{}/fixtures/migration/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        InboundFederation::read(&text, |event| assert_eq!(event.provider_type, provider)).unwrap();
        assert!(MAPPING.invoke_blocking(&text).is_ok(), "{file}");
    }
    // Parts `null` or absent, an unknown provider type, no response.
    let sparse = r#"{"triggerSource": "InboundFederation_ExternalProvider", "request": {"providerType": "Okta2027", "attributes": {"idToken": null}}}"#;
    InboundFederation::read(sparse, |event| {
        assert_eq!(event.provider_type, ProviderType::Other("Okta2027".into()));
        assert!(event.attributes.id_token.is_empty());
    })
    .unwrap();
    let error = MAPPING
        .invoke_blocking(r#"{"triggerSource": "InboundFederation_ExternalProvider", "request": {"attributes": {"idToken": ["a"]}}}"#)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid event: at `request.attributes.idToken`: invalid type: sequence, expected a map"
    );
}
