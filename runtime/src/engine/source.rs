//! What every trigger module declares the same way: its trigger-source enum (known sources by
//! their short name, and `Other` for a source this version of the crate does not know), its
//! event's accessors, and the frame of its trigger type.

/// Declares a trigger's source enum: `from_wire`, `short_name` and `Display` (the wire name).
macro_rules! trigger_sources {
    (
        $(#[$meta:meta])*
        pub enum $name:ident, prefix $prefix:expr, {
            $( $(#[$variant_meta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )*
            /// A trigger source this version of the crate does not know, as sent.
            Other(String),
        }

        impl $name {
            /// Decodes the wire value (the full name, prefix included).
            pub fn from_wire(value: &str) -> $name {
                match value.strip_prefix($prefix).unwrap_or(value) {
                    $( stringify!($variant) => $name::$variant, )*
                    _ => $name::Other(value.to_owned()),
                }
            }

            /// The name without prefix, as `triggers = [..]` spells it.
            pub fn short_name(&self) -> &str {
                match self {
                    $( $name::$variant => stringify!($variant), )*
                    $name::Other(raw) => raw,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $name::Other(raw) => f.write_str(raw),
                    known => write!(f, "{}{}", $prefix, known.short_name()),
                }
            }
        }
    };
}

/// Declares a trigger's event type: the envelope's fields every trigger has (`trigger_source`
/// as the given enum, `region`, `user_pool_id`, `user_name`, `caller_context`), then the
/// trigger's own fields, each read from the member of `request` of the same name (camelCase)
/// with the given serde attributes; `decode` from an envelope, and the accessors `read`,
/// `attribute` and `client_id`.
macro_rules! trigger_event {
    (
        $(#[doc = $doc:literal])*
        pub struct $event:ident, source $source:ident {
            $(
                $(#[doc = $field_doc:literal])*
                #[serde($($serde:tt)*)]
                pub $field:ident: $ty:ty,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $event<'a> {
            /// Why the trigger runs.
            pub trigger_source: $source,
            /// The AWS region of the user pool.
            pub region: ::std::borrow::Cow<'a, str>,
            /// The user pool id.
            pub user_pool_id: ::std::borrow::Cow<'a, str>,
            /// The user's username (for a pool that signs in by email or phone, the user's `sub`).
            pub user_name: ::std::borrow::Cow<'a, str>,
            /// The caller: app client id and SDK version.
            pub caller_context: $crate::engine::decode::CallerContext<'a>,
            $(
                $(#[doc = $field_doc])*
                pub $field: $ty,
            )*
        }

        /// The members of `request` this event reads.
        #[derive(::serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct WireRequest<'a> {
            $(
                #[serde($($serde)*)]
                $field: $ty,
            )*
            #[serde(skip)]
            _borrows: ::std::marker::PhantomData<&'a str>,
        }

        impl<'a> $event<'a> {
            /// Decodes the event from its envelope.
            pub(crate) fn decode(
                envelope: &$crate::engine::event::Envelope<'a>,
            ) -> Result<$event<'a>, $crate::TriggerError> {
                let mut event = $event::decode_for_attribute(envelope)?;
                event.region = envelope.text("region")?;
                event.user_pool_id = envelope.text("userPoolId")?;
                event.caller_context = envelope.caller_context()?;
                Ok(event)
            }

            /// The parts an attribute's own checks read (`triggerSource`, `userName`,
            /// `request`), for a function that does not take the event: `region`,
            /// `userPoolId` and `callerContext` are left empty, not decoded.
            pub(crate) fn decode_for_attribute(
                envelope: &$crate::engine::event::Envelope<'a>,
            ) -> Result<$event<'a>, $crate::TriggerError> {
                let request: WireRequest<'a> = envelope.request()?;
                Ok($event {
                    trigger_source: $source::from_wire(&envelope.trigger_source),
                    region: ::std::borrow::Cow::Borrowed(""),
                    user_pool_id: ::std::borrow::Cow::Borrowed(""),
                    user_name: envelope.text("userName")?,
                    caller_context: $crate::engine::decode::CallerContext::default(),
                    $( $field: request.$field, )*
                })
            }

            /// Decodes an event from its JSON text and passes it to `f` (the event borrows the
            /// text).
            pub fn read<T>(
                json: &str,
                f: impl FnOnce(&$event<'_>) -> T,
            ) -> Result<T, $crate::TriggerError> {
                $crate::engine::event::read_with(json, |envelope| {
                    Ok(f(&$event::decode(envelope)?))
                })
            }

            /// A user attribute (`request.userAttributes[name]`).
            pub fn attribute(&self, name: &str) -> Option<&str> {
                self.user_attributes.get(name)
            }

            /// The app client id (`callerContext.clientId`).
            pub fn client_id(&self) -> Option<&str> {
                self.caller_context.client_id.as_deref()
            }
        }
    };
}

/// What every trigger type has around its `config` (with a `common: Common`), its `KIND`
/// and its `respond_to`: `name`, `invoke_blocking`, `main`, and the [`AnyTrigger`] impl
/// (`prepare` calls the given method).
///
/// [`AnyTrigger`]: crate::AnyTrigger
macro_rules! trigger_impl {
    ($trigger:ident, $kind:ident $(, prepare = $prepare:ident)?) => {
        impl $trigger {
            /// The function's name.
            pub fn name(&self) -> &'static str {
                self.config.common.name()
            }

            /// Handles one event given as JSON text on a fresh single-threaded runtime and
            /// returns the answered event's text, for tests and tools.
            pub fn invoke_blocking(&self, event: &str) -> Result<String, $crate::TriggerError> {
                $crate::engine::invoke_blocking(self, event)
            }

            /// The entry point of the generated `fn main`: the Lambda runtime loop when
            /// `AWS_LAMBDA_RUNTIME_API` is set, local mode otherwise.
            pub fn main(&'static self) -> ::std::process::ExitCode {
                $crate::serve(&[self])
            }
        }

        impl $crate::AnyTrigger for $trigger {
            fn kind(&self) -> &'static $crate::engine::Kind {
                &$kind
            }

            fn common(&self) -> &$crate::engine::Common {
                &self.config.common
            }

            $(
                fn prepare(&self) {
                    self.$prepare();
                }
            )?

            fn respond<'a>(
                &'a self,
                envelope: &'a $crate::engine::event::Envelope<'a>,
            ) -> $crate::engine::BoxFuture<
                'a,
                Result<Option<$crate::engine::Response>, $crate::TriggerError>,
            > {
                Box::pin(self.respond_to(envelope))
            }

            #[cfg(any(debug_assertions, feature = "local"))]
            fn local(&self) -> &dyn $crate::engine::LocalMode {
                self
            }
        }
    };
}

pub(crate) use {trigger_event, trigger_impl, trigger_sources};
