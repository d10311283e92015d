//! What the rules know about an input value, in JavaScript's terms.
//!
//! The rules never walk a `serde_json::Value` or a JS object themselves: a source (see
//! [`crate::source`]) reads the value once and describes it with these types. That keeps every rule
//! in one place for every front end, and lets the JS glue send only the facts a rule needs: a
//! string's length where only emptiness matters, its text where the content does.

#[cfg(ndjson)]
use alloc::borrow::ToOwned;
use alloc::string::String;

/// A value's type as Zod tells them apart (`typeof`, `Array.isArray`, `null`, NaN and infinities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// `undefined`, and a missing field.
    Undefined = 0,
    /// `null`.
    Null = 1,
    /// `true` or `false`.
    Boolean = 2,
    /// A finite number.
    Number = 3,
    /// `NaN`.
    NaN = 4,
    /// `Infinity`.
    Infinity = 5,
    /// `-Infinity`.
    NegInfinity = 6,
    /// A `bigint`.
    BigInt = 7,
    /// A `symbol`.
    Symbol = 8,
    /// A function (`typeof x === "function"`).
    Function = 9,
    /// A string.
    String = 10,
    /// An array (`Array.isArray`).
    Array = 11,
    /// `typeof x === "object"`, not null, not an array: plain objects, class instances, `Map`, `Date`...
    Object = 12,
}

impl Kind {
    /// Every kind, in the order of their numbers (the wasm protocol numbers kinds by this enum's
    /// discriminants).
    pub const ALL: [Kind; 13] = [
        Kind::Undefined,
        Kind::Null,
        Kind::Boolean,
        Kind::Number,
        Kind::NaN,
        Kind::Infinity,
        Kind::NegInfinity,
        Kind::BigInt,
        Kind::Symbol,
        Kind::Function,
        Kind::String,
        Kind::Array,
        Kind::Object,
    ];

    /// The kind with this number.
    pub fn from_code(code: u32) -> Option<Kind> {
        Self::ALL.get(code as usize).copied()
    }
}

/// String contents as the source has them: UTF-8 from Rust, UTF-16 code units from JavaScript
/// (which may hold lone surrogates), or only the length where no rule reads the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text<'a> {
    /// Text from Rust (JSON text, a `serde_json` string, a line of NDJSON). Not in the browser's
    /// no_std modules, whose text all comes from JavaScript: the code for it would be dead there.
    #[cfg(ndjson)]
    Utf8(&'a str),
    /// Text from JavaScript, which may hold lone surrogates.
    Utf16(&'a [u16]),
    /// Only the UTF-16 length was sent: the field's rules look at nothing else.
    LengthOnly(usize),
}

impl Text<'_> {
    /// Whether the text is `""`.
    pub fn is_empty(&self) -> bool {
        match self {
            #[cfg(ndjson)]
            Text::Utf8(s) => s.is_empty(),
            Text::Utf16(units) => units.is_empty(),
            Text::LengthOnly(len) => *len == 0,
        }
    }

    /// Whether the text is exactly `expected` (an ASCII literal such as an enum value).
    pub fn equals_ascii(&self, expected: &str) -> bool {
        match self {
            #[cfg(ndjson)]
            Text::Utf8(s) => *s == expected,
            Text::Utf16(units) => {
                units.len() == expected.len()
                    && units
                        .iter()
                        .zip(expected.bytes())
                        .all(|(&u, b)| u == u16::from(b))
            }
            Text::LengthOnly(_) => false,
        }
    }

    /// Length in code points, as Zod's length checks count (a lone surrogate counts as one), or
    /// `limit` if the text is longer: counting stops there.
    pub fn code_points_up_to(&self, limit: usize) -> usize {
        match self {
            #[cfg(ndjson)]
            Text::Utf8(s) => s.chars().take(limit).count(),
            Text::Utf16(units) => char::decode_utf16(units.iter().copied())
                .take(limit)
                .count(),
            Text::LengthOnly(len) => (*len).min(limit),
        }
    }

    /// The text as a Rust string; lone surrogates become U+FFFD. Used for messages, never for rules.
    pub fn to_string_lossy(&self) -> String {
        match self {
            #[cfg(ndjson)]
            Text::Utf8(s) => (*s).to_owned(),
            Text::Utf16(units) => String::from_utf16_lossy(units),
            Text::LengthOnly(_) => String::new(),
        }
    }
}

/// What the rules need to know about one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value<'a> {
    /// The value's type.
    pub kind: Kind,
    /// A string's contents; or, for an object whose prototype is not `Object.prototype` and that has a
    /// truthy `constructor`, the constructor's name, which Zod's messages report as the received type.
    pub text: Option<Text<'a>>,
    /// `Number(value.length)` for a non-string whose `length` is not `undefined` (arrays, functions,
    /// objects with a `length` key): Zod runs its length checks on those too.
    pub length: Option<f64>,
    /// For objects: whether Zod's `isPlainObject` holds (a record must be one).
    pub plain: bool,
}

impl<'a> Value<'a> {
    /// A value that is neither a string nor an object: only its kind matters.
    pub const fn of_kind(kind: Kind) -> Self {
        Value {
            kind,
            text: None,
            length: None,
            plain: false,
        }
    }

    /// JavaScript's `undefined`: a missing field.
    pub const fn undefined() -> Self {
        Self::of_kind(Kind::Undefined)
    }

    /// A string with this text.
    pub const fn string(text: Text<'a>) -> Self {
        Value {
            text: Some(text),
            ..Self::of_kind(Kind::String)
        }
    }

    /// A plain object (`{...}`), with `Number(value.length)` if it has a `length` key.
    pub const fn plain_object(length: Option<f64>) -> Self {
        Value {
            length,
            plain: true,
            ..Self::of_kind(Kind::Object)
        }
    }

    /// Zod's `isObject`: `typeof x === "object"`, not null, not an array.
    pub fn is_object(&self) -> bool {
        self.kind == Kind::Object
    }

    /// The string's contents, if the value is a string.
    pub fn string_text(&self) -> Option<Text<'a>> {
        if self.kind == Kind::String {
            self.text
        } else {
            None
        }
    }

    /// The name of an object's type, as Zod's messages report it, if it is not a plain object.
    pub fn type_name(&self) -> Option<Text<'a>> {
        if self.kind == Kind::Object {
            self.text
        } else {
            None
        }
    }
}

/// How a front end names a record key in an issue's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRef<'a> {
    /// The key itself (native input).
    Name(&'a str),
    /// The position of the key in the list the JS glue keeps; the glue puts the key itself in the path.
    Index(u32),
}

/// The key's value if JavaScript treats it as an array index (a canonical integer from 0 to
/// 2^32 - 2): an object lists those keys first, in ascending order, before all others.
pub fn array_index(key: &str) -> Option<u32> {
    let canonical =
        key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
    if !canonical || key.is_empty() {
        return None;
    }
    key.parse::<u32>().ok().filter(|index| *index != u32::MAX)
}

/// The type of a record key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// A string key (the usual one).
    String,
    /// The string `"__proto__"`, which Zod skips: neither checked nor copied.
    Proto,
    /// A symbol key (JavaScript only), which a record's key schema rejects.
    Symbol,
}

impl Default for Value<'_> {
    fn default() -> Self {
        Value::undefined()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_indices_are_canonical_integers_below_2_to_the_32_minus_1() {
        for key in ["0", "1", "42", "4294967294"] {
            assert!(array_index(key).is_some(), "{key}");
        }
        for key in ["", "01", "-1", "1.0", "4294967295", "99999999999", "a1"] {
            assert!(array_index(key).is_none(), "{key}");
        }
    }
}
