//! What a handler changes in the tokens: the [`Overrides`] builder.

use serde_json::Value;

/// Where a claim's value comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimSource {
    /// A fixed JSON value.
    Value(Value),
    /// A user attribute (`request.userAttributes[name]`), or `default` when the user has none;
    /// with no default the claim is left out.
    Attribute {
        /// The attribute name, such as `custom:tenant`.
        name: String,
        /// The value to use when the user has no such attribute.
        default: Option<Value>,
    },
}

/// Changes to one token's claims.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenChanges {
    pub(crate) claims: Vec<(String, ClaimSource)>,
    pub(crate) suppress: Vec<String>,
}

impl TokenChanges {
    fn set(&mut self, name: String, source: ClaimSource) {
        self.suppress.retain(|s| *s != name);
        match self.claims.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = source,
            None => self.claims.push((name, source)),
        }
    }

    fn suppress(&mut self, name: String) {
        self.claims.retain(|(k, _)| *k != name);
        push_unique(&mut self.suppress, name);
    }

    /// `other` wins per claim name.
    fn merge(&mut self, other: &TokenChanges) {
        for (name, source) in &other.claims {
            self.set(name.clone(), source.clone());
        }
        for name in &other.suppress {
            self.suppress(name.clone());
        }
    }

    /// The claims to add or override, in the order they were set.
    pub fn claims(&self) -> impl Iterator<Item = (&str, &ClaimSource)> {
        self.claims.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The claims to suppress.
    pub fn suppressed(&self) -> &[String] {
        &self.suppress
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.suppress.is_empty()
    }
}

/// What happens to the user's groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum GroupsChange {
    /// Leave the groups alone: no `groupOverrideDetails` in the response.
    #[default]
    Keep,
    /// Replace the groups with exactly these (an empty list removes every group).
    Replace(Vec<String>),
    /// Keep the user's current groups, minus `remove`, plus `add`; roles carry over.
    Edit {
        /// Groups to add.
        add: Vec<String>,
        /// Groups to remove.
        remove: Vec<String>,
    },
}

/// Changes a trigger makes to the tokens. `Overrides::default()` changes nothing.
///
/// A builder: every method takes and returns `self`. Setting a claim twice keeps the last
/// value; suppressing a claim drops an earlier add of it and the other way round, so what a
/// handler writes last wins.
///
/// ```
/// use cognito_triggers::Overrides;
///
/// let overrides = Overrides::default()
///     .id_claim("custom:tier", "gold")
///     .suppress_id("email")
///     .groups(["admins"]);
/// # let _ = overrides;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub(crate) id: TokenChanges,
    pub(crate) access: TokenChanges,
    pub(crate) scopes_add: Vec<String>,
    pub(crate) scopes_suppress: Vec<String>,
    pub(crate) groups: GroupsChange,
    pub(crate) iam_roles: Option<Vec<String>>,
    pub(crate) preferred_role: Option<String>,
}

impl Overrides {
    /// Adds or overrides an ID token claim. Under V1_0 the value must be a string.
    pub fn id_claim(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.id.set(name.into(), ClaimSource::Value(value.into()));
        self
    }

    /// Adds or overrides an access token claim (V2_0 and V3_0).
    pub fn access_claim(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.access
            .set(name.into(), ClaimSource::Value(value.into()));
        self
    }

    /// Copies the user attribute `attribute` into ID token claim `name`, or `default` when the
    /// user has no such attribute (no claim at all when `default` is `None`).
    pub fn id_claim_from_attribute(
        mut self,
        name: impl Into<String>,
        attribute: impl Into<String>,
        default: Option<Value>,
    ) -> Self {
        let source = ClaimSource::Attribute {
            name: attribute.into(),
            default,
        };
        self.id.set(name.into(), source);
        self
    }

    /// Copies the user attribute `attribute` into access token claim `name` (V2_0 and V3_0).
    pub fn access_claim_from_attribute(
        mut self,
        name: impl Into<String>,
        attribute: impl Into<String>,
        default: Option<Value>,
    ) -> Self {
        let source = ClaimSource::Attribute {
            name: attribute.into(),
            default,
        };
        self.access.set(name.into(), source);
        self
    }

    /// Removes a claim from the ID token.
    pub fn suppress_id(mut self, name: impl Into<String>) -> Self {
        self.id.suppress(name.into());
        self
    }

    /// Removes a claim from the access token (V2_0 and V3_0).
    pub fn suppress_access(mut self, name: impl Into<String>) -> Self {
        self.access.suppress(name.into());
        self
    }

    /// Replaces the user's groups (`cognito:groups` in both tokens) with exactly `groups`.
    /// An empty list removes every group.
    pub fn groups<I, S>(mut self, groups: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.groups = GroupsChange::Replace(groups.into_iter().map(Into::into).collect());
        self
    }

    /// Adds a group, keeping the user's current ones.
    pub fn add_group(mut self, group: impl Into<String>) -> Self {
        self.edit_groups(
            |add, remove, group| {
                remove.retain(|g| *g != group);
                push_unique(add, group);
            },
            group.into(),
        );
        self
    }

    /// Removes a group, keeping the user's other ones.
    pub fn remove_group(mut self, group: impl Into<String>) -> Self {
        self.edit_groups(
            |add, remove, group| {
                add.retain(|g| *g != group);
                push_unique(remove, group);
            },
            group.into(),
        );
        self
    }

    fn edit_groups(
        &mut self,
        f: impl FnOnce(&mut Vec<String>, &mut Vec<String>, String),
        group: String,
    ) {
        match &mut self.groups {
            GroupsChange::Replace(list) => {
                let mut remove = Vec::new();
                f(list, &mut remove, group);
                list.retain(|g| !remove.contains(g));
            }
            GroupsChange::Edit { add, remove } => f(add, remove, group),
            GroupsChange::Keep => {
                let (mut add, mut remove) = (Vec::new(), Vec::new());
                f(&mut add, &mut remove, group);
                self.groups = GroupsChange::Edit { add, remove };
            }
        }
    }

    /// Sets the IAM roles (`cognito:roles` in the ID token).
    pub fn iam_roles<I, S>(mut self, roles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.iam_roles = Some(roles.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the preferred role (`cognito:preferred_role` in the ID token).
    pub fn preferred_role(mut self, arn: impl Into<String>) -> Self {
        self.preferred_role = Some(arn.into());
        self
    }

    /// Adds a scope to the access token (V2_0 and V3_0).
    pub fn add_scope(mut self, scope: impl Into<String>) -> Self {
        let scope = scope.into();
        self.scopes_suppress.retain(|s| *s != scope);
        push_unique(&mut self.scopes_add, scope);
        self
    }

    /// Removes a scope from the access token (V2_0 and V3_0).
    pub fn suppress_scope(mut self, scope: impl Into<String>) -> Self {
        let scope = scope.into();
        self.scopes_add.retain(|s| *s != scope);
        push_unique(&mut self.scopes_suppress, scope);
        self
    }

    /// Applies `later` over `self`: `later` wins per claim, scope and group.
    pub fn merge(mut self, later: &Overrides) -> Self {
        self.id.merge(&later.id);
        self.access.merge(&later.access);
        for scope in &later.scopes_add {
            self = self.add_scope(scope.clone());
        }
        for scope in &later.scopes_suppress {
            self = self.suppress_scope(scope.clone());
        }
        match &later.groups {
            GroupsChange::Keep => {}
            GroupsChange::Replace(list) => self.groups = GroupsChange::Replace(list.clone()),
            GroupsChange::Edit { add, remove } => {
                for group in remove {
                    self = self.remove_group(group.clone());
                }
                for group in add {
                    self = self.add_group(group.clone());
                }
            }
        }
        if later.iam_roles.is_some() {
            self.iam_roles.clone_from(&later.iam_roles);
        }
        if later.preferred_role.is_some() {
            self.preferred_role.clone_from(&later.preferred_role);
        }
        self
    }

    /// The ID token changes.
    pub fn id_token(&self) -> &TokenChanges {
        &self.id
    }

    /// The access token changes.
    pub fn access_token(&self) -> &TokenChanges {
        &self.access
    }

    /// The group change.
    pub fn group_change(&self) -> &GroupsChange {
        &self.groups
    }

    /// Whether building the response needs the event: a claim from a user attribute, a group
    /// edit or roles that carry the current groups over, an access token `aud` to compare
    /// with the client id.
    pub(crate) fn reads_event(&self) -> bool {
        let from_attribute = |t: &TokenChanges| {
            t.claims
                .iter()
                .any(|(_, s)| matches!(s, ClaimSource::Attribute { .. }))
        };
        cognito_triggers_rules::response_reads_event(
            from_attribute(&self.id) || from_attribute(&self.access),
            self.access.claims.iter().map(|(k, _)| k),
            matches!(self.groups, GroupsChange::Edit { .. }),
            matches!(self.groups, GroupsChange::Keep)
                && (self.iam_roles.is_some() || self.preferred_role.is_some()),
        )
    }

    /// Whether this changes nothing at all.
    pub fn is_empty(&self) -> bool {
        // Field by field (no default value built and compared): this runs on every event.
        let Overrides {
            id,
            access,
            scopes_add,
            scopes_suppress,
            groups,
            iam_roles,
            preferred_role,
        } = self;
        id.is_empty()
            && access.is_empty()
            && scopes_add.is_empty()
            && scopes_suppress.is_empty()
            && *groups == GroupsChange::Keep
            && iam_roles.is_none()
            && preferred_role.is_none()
    }
}

pub(crate) fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_writes_win_per_claim() {
        let base = Overrides::default()
            .id_claim("a", "1")
            .id_claim("b", "2")
            .suppress_id("c");
        let later = Overrides::default()
            .id_claim("a", "9")
            .id_claim("c", "3")
            .suppress_id("b");
        let merged = base.merge(&later);
        let claims: Vec<_> = merged.id.claims().map(|(k, _)| k.to_owned()).collect();
        assert_eq!(claims, ["a", "c"]);
        assert_eq!(merged.id.claims[0].1, ClaimSource::Value("9".into()));
        assert_eq!(merged.id.suppress, ["b"]);
    }

    #[test]
    fn group_edits_combine() {
        let base = Overrides::default().add_group("a");
        let merged = base.merge(&Overrides::default().remove_group("b").add_group("c"));
        assert_eq!(
            merged.groups,
            GroupsChange::Edit {
                add: vec!["a".into(), "c".into()],
                remove: vec!["b".into()]
            }
        );
        let replaced = Overrides::default()
            .groups(["x", "y"])
            .remove_group("x")
            .add_group("z");
        assert_eq!(
            replaced.groups,
            GroupsChange::Replace(vec!["y".into(), "z".into()])
        );
        let dynamic_replace = replaced.merge(&Overrides::default().groups(Vec::<String>::new()));
        assert_eq!(dynamic_replace.groups, GroupsChange::Replace(vec![]));
    }

    #[test]
    fn scopes_last_write_wins() {
        let o = Overrides::default()
            .add_scope("a")
            .suppress_scope("a")
            .add_scope("b");
        assert_eq!(o.scopes_add, ["b"]);
        assert_eq!(o.scopes_suppress, ["a"]);
        assert!(Overrides::default().is_empty());
        assert!(!o.is_empty());
    }

    #[test]
    fn any_single_change_is_not_empty() {
        let d = Overrides::default;
        let changed = [
            d().id_claim("a", "b"),
            d().access_claim("a", "b"),
            d().suppress_id("a"),
            d().suppress_access("a"),
            d().groups(Vec::<String>::new()),
            d().add_group("g"),
            d().remove_group("g"),
            d().iam_roles(Vec::<String>::new()),
            d().preferred_role("arn:aws:iam::123456789012:role/r"),
            d().add_scope("s"),
            d().suppress_scope("s"),
        ];
        for (k, o) in changed.iter().enumerate() {
            assert!(!o.is_empty(), "change {k}: {o:?}");
            assert_ne!(*o, Overrides::default(), "change {k}");
        }
        assert!(d().is_empty());
    }
}
