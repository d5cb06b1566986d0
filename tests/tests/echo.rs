//! The answer is the event as received with only `response` replaced: over random events
//! (members in any order, values of any JSON shape with strings full of quotes, backslashes,
//! brackets and non-ASCII text, any spacing), the answer's members are the event's members, in
//! the same order, with the same values, and `response` is the trigger's.

use std::fmt;

use cognito_triggers::pre_token_generation;
use proptest::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{json, Value};

#[pre_token_generation(claims(tier = "gold"), main = false)]
async fn handler() {}

/// A JSON object's members in the order of its text.
#[derive(Debug, PartialEq)]
struct Members(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Text that JSON must escape or that looks like JSON structure, and non-ASCII text.
const TRICKY: &str = "[a-z\"\\\\{}\\[\\]:, é✓\u{1F600}\n\t\u{1}]{0,10}";

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        TRICKY.prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(TRICKY, inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn event() -> impl Strategy<Value = (Vec<(String, Value)>, &'static str)> {
    let request = prop::collection::btree_map(TRICKY, TRICKY, 0..6)
        .prop_map(|attributes| json!({"userAttributes": attributes, "scopes": ["a b"]}));
    (
        prop::collection::vec(("x[a-z\"\\\\{}é]{0,6}", value()), 0..5),
        request,
        prop::option::of(value()),
        prop::sample::select(vec![",", " , ", ",\n  ", "\t,\r\n"]),
    )
        .prop_flat_map(|(extra, request, response, separator)| {
            let mut members: Vec<(String, Value)> = extra;
            members.retain(|(k, _)| !members_named(k));
            members.push(("version".into(), json!("1")));
            members.push((
                "triggerSource".into(),
                json!("TokenGeneration_Authentication"),
            ));
            members.push(("request".into(), request));
            if let Some(response) = response {
                members.push(("response".into(), response));
            }
            (Just(members).prop_shuffle(), Just(separator))
        })
}

fn members_named(key: &str) -> bool {
    ["version", "triggerSource", "request", "response"].contains(&key)
}

fn text(members: &[(String, Value)], separator: &str) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), v))
        .collect();
    format!("{{{}}}", members.join(separator))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_answer_is_the_event_with_only_response_replaced((members, separator) in event()) {
        let body = text(&members, separator);
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let answer = runtime.block_on(HANDLER.invoke_bytes(body.as_bytes())).unwrap();
        let Members(answer) = serde_json::from_slice(&answer).unwrap();
        let response = json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"tier": "gold"}}});
        // The event as serde_json reads it (floats read back as serde_json reads them).
        let Members(mut expected) = serde_json::from_str(&body).unwrap();
        prop_assert_eq!(expected.len(), members.len());
        match expected.iter_mut().find(|(k, _)| k == "response") {
            Some((_, value)) => *value = response,
            None => expected.push(("response".into(), response)),
        }
        prop_assert_eq!(answer, expected, "event: {}", body);
    }
}
