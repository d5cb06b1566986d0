//! The trigger-source enum every trigger declares: known sources by their short name, and
//! `Other` for a source this version of the crate does not know (Cognito adds sources).

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

pub(crate) use trigger_sources;
