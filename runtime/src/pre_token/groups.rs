//! `request.groupConfiguration` of pre token generation, borrowed from the received text, and
//! the shapes the AWS docs have shown for it (`null`, an array of one object, `preferredRole`
//! as an array).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::engine::decode::{owned, str_list, Name};

/// `request.groupConfiguration`: the user's current groups and IAM roles, borrowed from the
/// received event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupConfiguration<'a> {
    /// The groups the user belongs to.
    #[serde(
        default,
        borrow,
        rename = "groupsToOverride",
        deserialize_with = "str_list"
    )]
    pub groups: Vec<Cow<'a, str>>,
    /// Every IAM role attached to those groups.
    #[serde(
        default,
        borrow,
        rename = "iamRolesToOverride",
        deserialize_with = "str_list"
    )]
    pub iam_roles: Vec<Cow<'a, str>>,
    /// The role of the highest-precedence group.
    #[serde(default, borrow, deserialize_with = "string_or_first")]
    pub preferred_role: Option<Cow<'a, str>>,
}

impl GroupConfiguration<'_> {
    /// The same groups, owning their strings.
    pub fn into_owned(self) -> GroupConfiguration<'static> {
        GroupConfiguration {
            groups: self.groups.into_iter().map(owned).collect(),
            iam_roles: self.iam_roles.into_iter().map(owned).collect(),
            preferred_role: self.preferred_role.map(owned),
        }
    }
}

/// `groupConfiguration`: `null`, an object, or (a 2023 doc erratum) an array holding one object.
/// Read in place, without an intermediate `serde_json::Value`.
pub(crate) fn group_configuration<'de, D>(
    deserializer: D,
) -> Result<GroupConfiguration<'de>, D::Error>
where
    D: Deserializer<'de>,
{
    struct Groups;

    impl Groups {
        fn not_an_object<'a, E: de::Error>(kind: &str) -> Result<GroupConfiguration<'a>, E> {
            Err(E::custom(format_args!("expected an object, got {kind}")))
        }
    }

    impl<'de> Visitor<'de> for Groups {
        type Value = GroupConfiguration<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object, null or an array of one object")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(GroupConfiguration::default())
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(GroupConfiguration::default())
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Groups)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            GroupConfiguration::deserialize(de::value::MapAccessDeserializer::new(map))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let first: Option<GroupConfiguration<'de>> = seq.next_element()?;
            if seq.next_element::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom(
                    "expected one group configuration, got several",
                ));
            }
            Ok(first.unwrap_or_default())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Groups::not_an_object("a string")
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Groups::not_an_object("a boolean")
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Groups::not_an_object("a number")
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Groups::not_an_object("a number")
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Groups::not_an_object("a number")
        }
    }

    deserializer.deserialize_option(Groups)
}

/// `preferredRole`: a string, `null`, or (an AWS doc erratum) an array of at most one string.
fn string_or_first<'de: 'a, 'a, D>(deserializer: D) -> Result<Option<Cow<'a, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct StringOrFirst;

    impl<'de> Visitor<'de> for StringOrFirst {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, null or an array of one string")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(StringOrFirst)
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let first = seq.next_element::<Name<'de>>()?.map(|name| name.0);
            if seq.next_element::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom("expected at most one preferred role"));
            }
            Ok(first)
        }
    }

    deserializer.deserialize_any(StringOrFirst)
}
