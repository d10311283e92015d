//! The domain models: the open-types audit-log entry (`entry`) and the platform's audit-log record
//! (`platform`).

/// Defines a closed list of wire names: the enum, `ALL` and `NAMES` in the order of the type they mirror, and name
/// lookups. Declared before the modules below, so they see it.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(all(target_arch = "wasm32", feature = "std"), derive(tsify::Tsify))]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`\"", $wire, "\"`")] #[serde(rename = $wire)] $variant,)*
        }

        impl $name {
            /// Every value, in the order of the type they mirror.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// Every wire name, in the order of the type they mirror (what `invalid_value` issues list).
            pub const NAMES: &'static [&'static str] = &[$($wire,)*];
            /// The message of an `invalid_value` issue for this list.
            pub const INVALID_MESSAGE: &'static str = $crate::invalid_value_message!($($wire),*);

            /// The wire name, exactly as the type it mirrors spells it. Read from [`Self::NAMES`]
            /// (the values are numbered in its order), not matched: one table of the names, not two.
            pub const fn as_str(self) -> &'static str {
                Self::NAMES[self as usize]
            }

            /// The value with this wire name, if there is one.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.as_str() == name)
            }
        }
    };
}

pub mod entry;
pub mod platform;

pub use entry::AuditLogAction;
#[cfg(feature = "std")]
pub use entry::{AuditLogChange, AuditLogEntry};
pub use platform::{PlatformActor, PlatformEvent, PlatformResourceType};
#[cfg(feature = "std")]
pub use platform::{PlatformRecord, PlatformResource};
