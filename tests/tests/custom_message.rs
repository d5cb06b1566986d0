//! `#[custom_message]`: the rendered messages per trigger source, locales, escaping, the
//! function's messages, the run-time checks and the event shapes, each through the same raw
//! path as the Lambda loop.

use cognito_triggers::{custom_message, escape_html, CustomMessage, Deny, ErrorKind, Message};
use cognito_triggers_tests::run_local;
use serde_json::{json, Value};

/// The built-in sample events, one per trigger source.
const SAMPLES: [(&str, &str); 7] = [
    (
        "SignUp",
        include_str!("../../runtime/src/custom_message/samples/sign-up.json"),
    ),
    (
        "AdminCreateUser",
        include_str!("../../runtime/src/custom_message/samples/admin-create-user.json"),
    ),
    (
        "ResendCode",
        include_str!("../../runtime/src/custom_message/samples/resend-code.json"),
    ),
    (
        "ForgotPassword",
        include_str!("../../runtime/src/custom_message/samples/forgot-password.json"),
    ),
    (
        "UpdateUserAttribute",
        include_str!("../../runtime/src/custom_message/samples/update-user-attribute.json"),
    ),
    (
        "VerifyUserAttribute",
        include_str!("../../runtime/src/custom_message/samples/verify-user-attribute.json"),
    ),
    (
        "Authentication",
        include_str!("../../runtime/src/custom_message/samples/authentication.json"),
    ),
];

fn event(source: &str, attributes: Value) -> String {
    let username = if source == "AdminCreateUser" {
        json!("{username}")
    } else {
        Value::Null
    };
    json!({
        "version": "1",
        "triggerSource": format!("CustomMessage_{source}"),
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "jane",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "1example23456789"},
        "request": {
            "userAttributes": attributes,
            "codeParameter": "{####}",
            "linkParameter": "{##Click Here##}",
            "usernameParameter": username,
        },
        "response": {"smsMessage": null, "emailMessage": null, "emailSubject": null}
    })
    .to_string()
}

fn response(answer: &str) -> Value {
    serde_json::from_str::<Value>(answer).unwrap()["response"].clone()
}

#[custom_message(
    sign_up(
        subject = "Welcome to Acme, {given_name}",
        email_file = "templates/welcome.html",
        sms = "Acme code: {####}"
    ),
    admin_create_user(
        subject = "Your Acme account",
        email = "<p>User {username}, temporary password {####}</p>",
        sms = "Acme: user {username}, password {####}"
    ),
    resend_code(sms = "Acme code (again): {####}"),
    forgot_password(
        subject = "Reset your password",
        email = "<p>Hi {given_name}, your code is {####}</p>"
    ),
    update_user_attribute(email = "<p>Confirm {email} with {####}</p>"),
    verify_user_attribute(email = "<p>Verify {email}: {####}</p>", sms = "Verify: {####}"),
    authentication(sms = "Sign-in code {####}"),
    main = false
)]
async fn every_source() {}

#[test]
fn rendered_messages_per_source() {
    for (source, sample) in SAMPLES {
        let answer = EVERY_SOURCE.invoke_blocking(sample).unwrap();
        insta::assert_snapshot!(
            format!("every_source_{source}"),
            serde_json::to_string_pretty(&response(&answer)).unwrap()
        );
    }
}

#[test]
fn sources_without_a_block_come_back_unchanged() {
    #[custom_message(forgot_password(sms = "Code {####}"), main = false)]
    fn only_forgot() {}
    for (source, sample) in SAMPLES {
        let answer = ONLY_FORGOT.invoke_blocking(sample).unwrap();
        let changed = response(&answer) != response(sample);
        assert_eq!(changed, source == "ForgotPassword", "{source}");
        if source != "ForgotPassword" {
            // The members as received, only the whitespace between them may differ.
            let received: Value = serde_json::from_str(sample).unwrap();
            assert_eq!(serde_json::from_str::<Value>(&answer).unwrap(), received);
        }
    }
}

/// The Amplify Gen 2 page: English and Spanish for `ForgotPassword`, by the `locale` attribute.
#[custom_message(
    forgot_password(
        subject = "Reset my password",
        email = "Your new one-time code is {####}"
    ),
    locale(
        es,
        forgot_password(
            subject = "Restablecer mi contraseña",
            email = "Tu nuevo código de un solo uso es {####}"
        )
    ),
    locale(
        "es-MX",
        forgot_password(subject = "Restablece tu contraseña", email = "Tu código es {####}")
    ),
    locale(fr, sign_up(sms = "Code : {####}")),
    main = false
)]
async fn localized() {}

#[test]
fn locale_picks_the_most_specific_block() {
    let subject = |locale: Option<&str>| {
        let attributes = match locale {
            Some(l) => json!({ "locale": l }),
            None => json!({}),
        };
        let answer = LOCALIZED
            .invoke_blocking(&event("ForgotPassword", attributes))
            .unwrap();
        response(&answer)["emailSubject"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(subject(Some("es")), "Restablecer mi contraseña");
    assert_eq!(subject(Some("ES")), "Restablecer mi contraseña");
    assert_eq!(subject(Some("es-ES")), "Restablecer mi contraseña");
    assert_eq!(subject(Some("es-MX")), "Restablece tu contraseña");
    assert_eq!(subject(Some("es_mx")), "Restablece tu contraseña");
    // A locale without a block for this source, an unknown one, none: the default block.
    assert_eq!(subject(Some("fr")), "Reset my password");
    assert_eq!(subject(Some("de-DE")), "Reset my password");
    assert_eq!(subject(Some("")), "Reset my password");
    assert_eq!(subject(None), "Reset my password");
    // `fr` has a sign-up block, and there is no default one.
    let fr = LOCALIZED
        .invoke_blocking(&event("SignUp", json!({"locale": "fr-CA"})))
        .unwrap();
    assert_eq!(response(&fr)["smsMessage"], "Code : {####}");
    let en = LOCALIZED
        .invoke_blocking(&event("SignUp", json!({"locale": "en"})))
        .unwrap();
    assert_eq!(
        response(&en),
        json!({"smsMessage": null, "emailMessage": null, "emailSubject": null})
    );
}

#[custom_message(
    sign_up(
        subject = "Welcome {given_name}",
        email = "<p>Hi {given_name} ({custom:team}), code {####}</p>",
        sms = "Hi {given_name}, code {####}"
    ),
    main = false
)]
async fn greeting() {}

#[test]
fn attributes_are_escaped_in_email_bodies_only() {
    let name = r#"<script>alert("x")</script> & 'Tom' {####}"#;
    let answer = GREETING
        .invoke_blocking(&event(
            "SignUp",
            json!({ "given_name": name, "custom:team": "R&D" }),
        ))
        .unwrap();
    let response = response(&answer);
    assert_eq!(
        response["emailMessage"],
        "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Tom&#39; &#123;####&#125; (R&amp;D), code {####}</p>"
    );
    assert_eq!(response["smsMessage"], format!("Hi {name}, code {{####}}"));
    assert_eq!(response["emailSubject"], format!("Welcome {name}"));
}

#[test]
fn a_line_break_in_an_attribute_stays_out_of_the_subject() {
    let answer = GREETING
        .invoke_blocking(&event(
            "SignUp",
            json!({ "given_name": "Jane\r\nBcc: x@evil.example" }),
        ))
        .unwrap();
    assert_eq!(
        response(&answer)["emailSubject"],
        "Welcome Jane  Bcc: x@evil.example"
    );
}

#[test]
fn missing_attributes_are_empty() {
    let answer = GREETING
        .invoke_blocking(&event("SignUp", json!({})))
        .unwrap();
    assert_eq!(response(&answer)["smsMessage"], "Hi , code {####}");
    assert_eq!(response(&answer)["emailSubject"], "Welcome ");
}

#[test]
fn placeholders_come_from_the_request() {
    #[custom_message(
        admin_create_user(sms = "{username} {####}"),
        forgot_password(sms = "{username} {####}"),
        main = false
    )]
    fn placeholders() {}
    // Cognito's placeholders as the request names them (the docs' best practice).
    let mut admin: Value = serde_json::from_str(&event("AdminCreateUser", json!({}))).unwrap();
    admin["request"]["codeParameter"] = json!("{####}");
    admin["request"]["usernameParameter"] = json!("{user}");
    let answer = PLACEHOLDERS.invoke_blocking(&admin.to_string()).unwrap();
    assert_eq!(response(&answer)["smsMessage"], "{user} {####}");
    // Without a username placeholder (every other source): the event's userName.
    let answer = PLACEHOLDERS
        .invoke_blocking(&event("ForgotPassword", json!({})))
        .unwrap();
    assert_eq!(response(&answer)["smsMessage"], "jane {####}");
}

#[test]
fn the_function_wins_per_channel() {
    #[custom_message(
        sign_up(subject = "Static", email = "static {####}", sms = "static {####}"),
        main = false
    )]
    fn dynamic(event: &CustomMessage) -> Message {
        match event.attribute("tier") {
            Some("gold") => Message::default().sms(format!("Gold code {}", event.code())),
            Some("vip") => Message::default().email("VIP", format!("<b>{}</b>", event.code())),
            _ => Message::default(),
        }
    }
    let gold = response(
        &DYNAMIC
            .invoke_blocking(&event("SignUp", json!({"tier": "gold"})))
            .unwrap(),
    );
    assert_eq!(
        gold,
        json!({"smsMessage": "Gold code {####}", "emailMessage": "static {####}", "emailSubject": "Static"})
    );
    let vip = response(
        &DYNAMIC
            .invoke_blocking(&event("SignUp", json!({"tier": "vip"})))
            .unwrap(),
    );
    assert_eq!(
        vip,
        json!({"smsMessage": "static {####}", "emailMessage": "<b>{####}</b>", "emailSubject": "VIP"})
    );
    let plain = response(
        &DYNAMIC
            .invoke_blocking(&event("SignUp", json!({})))
            .unwrap(),
    );
    assert_eq!(plain["emailSubject"], "Static");
}

#[test]
fn messages_that_cannot_work_are_left_to_cognito() {
    #[custom_message(main = false)]
    fn broken(event: &CustomMessage) -> Message {
        match event.attribute("case") {
            Some("no-code") => Message::default()
                .sms("Welcome!")
                .email("Hi", "no code here"),
            Some("long-sms") => {
                Message::default().sms(format!("{} {}", "x".repeat(140), event.code()))
            }
            Some("long-email") => {
                Message::default().email("Hi", format!("{} {}", "x".repeat(20_000), event.code()))
            }
            Some("two-line-subject") => Message::default().email("Hi\nthere", event.code()),
            Some("admin-no-username") => Message::default().sms(event.code()),
            _ => Message::default().sms(format!("ok {}", event.code())),
        }
    }
    let nothing = json!({"smsMessage": null, "emailMessage": null, "emailSubject": null});
    for case in ["no-code", "long-sms", "long-email", "two-line-subject"] {
        let answer = BROKEN
            .invoke_blocking(&event("SignUp", json!({ "case": case })))
            .unwrap();
        // Nothing usable: the event goes back as received.
        assert_eq!(response(&answer), nothing, "{case}");
    }
    let admin = BROKEN
        .invoke_blocking(&event(
            "AdminCreateUser",
            json!({"case": "admin-no-username"}),
        ))
        .unwrap();
    assert_eq!(response(&admin), nothing);
    // Link-type verification: the email may hold the request's link instead of the code.
    #[custom_message(main = false)]
    fn link(event: &CustomMessage) -> Message {
        let link = event.link_parameter.as_deref().unwrap_or_default();
        Message::default()
            .email("Verify", format!("<p>{link}</p>"))
            .sms(link)
    }
    let answer = response(&LINK.invoke_blocking(&event("SignUp", json!({}))).unwrap());
    assert_eq!(
        answer,
        json!({"smsMessage": null, "emailMessage": "<p>{##Click Here##}</p>", "emailSubject": "Verify"})
    );
    let fine = BROKEN.invoke_blocking(&event("SignUp", json!({}))).unwrap();
    assert_eq!(response(&fine)["smsMessage"], "ok {####}");
}

#[test]
fn errors_reach_cognito_and_panics_stay_generic() {
    #[custom_message(main = false)]
    fn refusing(event: &CustomMessage) -> Result<Message, Deny> {
        match event.attribute("email") {
            Some(_) => Ok(Message::default()),
            None => Err(Deny::new("No email address on file")),
        }
    }
    let error = REFUSING
        .invoke_blocking(&event("SignUp", json!({})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Handler);
    assert_eq!(error.message(), "No email address on file");

    #[custom_message(main = false)]
    fn panicking(event: &CustomMessage) {
        let _ = event.attribute("email").expect("an email");
    }
    let error = PANICKING
        .invoke_blocking(&event("SignUp", json!({})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::HandlerPanic);
}

#[test]
fn tolerant_event_shapes() {
    // Real events: `usernameParameter: null`, response fields null, no clientMetadata.
    let real = include_str!("../fixtures/custom_message/forgot-password-real.json");
    let answer = GREETING.invoke_blocking(real).unwrap();
    assert_eq!(response(&answer), response(real));
    // A minimal event: no response, no parameters, null attributes, an unknown source.
    for text in [
        r#"{"triggerSource": "CustomMessage_SignUp", "request": {"userAttributes": {"given_name": null}}}"#,
        r#"{"triggerSource": "CustomMessage_SignUp", "request": {"userAttributes": null, "codeParameter": null}, "response": null}"#,
    ] {
        let answer = GREETING.invoke_blocking(text).unwrap();
        assert_eq!(
            response(&answer)["smsMessage"],
            "Hi , code {####}",
            "{text}"
        );
    }
    let unknown =
        r#"{"triggerSource": "CustomMessage_SomethingNew", "request": {}, "response": {}}"#;
    assert_eq!(
        GREETING.invoke_blocking(unknown).unwrap(),
        r#"{"triggerSource":"CustomMessage_SomethingNew","request":{},"response":{}}"#
    );
    CustomMessage::read(unknown, |event| {
        assert_eq!(
            event.trigger_source.to_string(),
            "CustomMessage_SomethingNew"
        );
        assert_eq!(event.code(), "{####}");
        assert_eq!(event.username(), "");
    })
    .unwrap();
    // A function that does not take the event: what the blocks do not read is not decoded,
    // so a malformed `callerContext` or `region` does not stop the message; the whole event,
    // decoded for a function that takes it, is refused.
    let odd = r#"{"triggerSource": "CustomMessage_SignUp", "region": 7, "callerContext": "x", "userName": "jane", "request": {"userAttributes": {"given_name": "Jane"}}}"#;
    let answer = GREETING.invoke_blocking(odd).unwrap();
    assert_eq!(response(&answer)["smsMessage"], "Hi Jane, code {####}");
    let error = CustomMessage::read(odd, |_| ()).unwrap_err();
    assert_eq!(
        error.message(),
        "at `region`: invalid type: integer, expected a string"
    );
    // The documentation's test event has booleans among the attributes: a clear error.
    let docs = r#"{"triggerSource": "CustomMessage_SignUp", "request": {"userAttributes": {"phone_number_verified": false}}}"#;
    let error = GREETING.invoke_blocking(docs).unwrap_err();
    assert!(error.to_string().contains("userAttributes"), "{error}");
}

#[test]
fn escape_html_round_trips() {
    assert_eq!(escape_html("plain"), "plain");
    assert!(matches!(
        escape_html("plain"),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(escape_html("é<"), "é&lt;");
}

#[test]
fn over_long_messages_are_logged_without_their_text() {
    let secret = format!("Secret{}", "x".repeat(140));
    let event = event("SignUp", json!({ "given_name": secret }));
    let out = run_local(
        env!("CARGO_BIN_EXE_long-sms"),
        &["--event", "-"],
        Some(&event),
    );
    assert!(out.status.success(), "{out:?}");
    let answer = String::from_utf8(out.stdout).unwrap();
    assert_eq!(response(&answer)["smsMessage"], Value::Null);
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(
        log.contains("SMS message is not sent: it has 175 characters, over the limit of 140"),
        "{log}"
    );
    assert!(!log.contains("Secret"), "{log}");
    assert_eq!(log.lines().count(), 1, "{log}");
}

mod properties {
    use std::borrow::Cow;

    use cognito_triggers::__private::{
        Block, Common, CustomMessageConfig, CustomMessageHandler, MessageFuture, Part, Templates,
    };
    use cognito_triggers::rules::custom_message::{check, parse, Channel};
    use cognito_triggers::{CustomMessageTrigger, Message};
    use proptest::prelude::*;
    use serde_json::json;

    use super::{event, response};

    #[super::custom_message(
        sign_up(email = "<p>{given_name}</p>{####}"),
        admin_create_user(email = "<p>{given_name}</p>{username}{####}"),
        main = false
    )]
    fn escaping() {}

    /// The entities `escape_html` writes, read back.
    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#123;", "{")
            .replace("&#125;", "}")
            .replace("&amp;", "&")
    }

    /// Attribute values a user could set: markup, quotes, braces and placeholders, entities,
    /// non-ASCII, up to 3,000 characters.
    fn hostile_value() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<script>alert(1)</script>".to_owned()),
            Just("\"onmouseover=\"x".to_owned()),
            Just("'".to_owned()),
            Just("&amp;".to_owned()),
            Just("{####}".to_owned()),
            Just("{username}".to_owned()),
            Just("{{".to_owned()),
            "[a-zA-Z0-9 éüß日本😀<>&\"'{}]{0,20}",
        ];
        prop::collection::vec(piece, 0..150).prop_map(|pieces| {
            let value: String = pieces.concat();
            value.chars().take(3000).collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn attribute_values_never_appear_unescaped_in_email_bodies(value in hostile_value(), admin in any::<bool>()) {
            let source = if admin { "AdminCreateUser" } else { "SignUp" };
            let answer = ESCAPING.invoke_blocking(&event(source, json!({ "given_name": value }))).unwrap();
            let body = response(&answer)["emailMessage"].as_str().unwrap().to_owned();
            let tail = if admin { "</p>{username}{####}" } else { "</p>{####}" };
            prop_assert!(body.starts_with("<p>") && body.ends_with(tail), "{}", body);
            let inner = &body[3..body.len() - tail.len()];
            prop_assert!(!inner.contains(['<', '>', '"', '\'', '{', '}']), "{}", inner);
            for (i, _) in inner.match_indices('&') {
                let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#123;", "&#125;"];
                prop_assert!(entity.iter().any(|e| inner[i..].starts_with(e)), "{}", inner);
            }
            prop_assert_eq!(unescape(inner), value);
            // Cognito's placeholders appear exactly where the template has them.
            prop_assert_eq!(body.matches("{####}").count(), 1);
            prop_assert_eq!(body.matches("{username}").count(), usize::from(admin));
        }

        #[test]
        fn templates_keep_cognitos_placeholders(
            pieces in prop::collection::vec(prop_oneof![
                Just("{####}"), Just("{username}"), Just("{given_name}"), Just("{email}"),
                Just("{{ "), Just(" }}"), Just("<p>"), Just(" { a: b } "), Just("text "), Just("é "),
            ], 1..40),
            value in hostile_value(),
        ) {
            let template: String = pieces.concat();
            let parts = parse(&template).unwrap();
            let codes = parts.iter().filter(|p| **p == Part::Code).count();
            let usernames = parts.iter().filter(|p| **p == Part::Username).count();
            let filled = parts.iter().filter(|p| matches!(p, Part::Attribute(_))).count();
            prop_assume!(check("AdminCreateUser", Channel::Email, &parts).is_ok());
            let parts: &'static [Part<'static>] = Box::leak(
                parts
                    .into_iter()
                    .map(|p| match p {
                        Part::Text(t) => Part::Text(Cow::Owned(t.into_owned())),
                        Part::Attribute(a) => Part::Attribute(Cow::Owned(a.into_owned())),
                        Part::Code => Part::Code,
                        Part::Username => Part::Username,
                    })
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            );
            let blocks: &'static [Block] = Box::leak(Box::new([Block {
                source: "AdminCreateUser",
                subject: None,
                email: Some(parts),
                sms: None,
            }]));
            fn nothing() -> MessageFuture<'static> {
                Box::pin(async { Ok(Message::default()) })
            }
            let trigger: &'static CustomMessageTrigger = Box::leak(Box::new(CustomMessageTrigger::new(
                CustomMessageConfig {
                    common: Common::new("generated", None, None, None),
                    templates: Templates { blocks, locales: &[] },
                    handler: CustomMessageHandler::WithoutEvent(nothing),
                },
            )));
            let attributes = json!({ "given_name": value, "email": value });
            let answer = trigger.invoke_blocking(&event("AdminCreateUser", attributes)).unwrap();
            match response(&answer)["emailMessage"].as_str() {
                Some(body) => {
                    prop_assert_eq!(body.matches("{####}").count(), codes);
                    prop_assert_eq!(body.matches("{username}").count(), usernames);
                }
                // Left to Cognito only when the filled-in text is over the limit.
                // (escaping writes at most 6 characters for one).
                None => prop_assert!(template.chars().count() + filled * 6 * value.chars().count() > 20_000),
            }
        }
    }
}
