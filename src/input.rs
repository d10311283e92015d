//! What the rules know about an input value, in JavaScript's terms.
//!
//! The rules never walk a `serde_json::Value` or a JS object themselves: a front end reads the value
//! once and describes it with these types (`native` from serde_json, the wasm bindings from what the
//! JS glue read). That keeps every rule in one place for both, and lets the JS glue send only the
//! facts a rule needs: a string's length where only emptiness matters, its text where the content does.

use crate::rules::schema::ObjectSchema;

/// A value's type as Zod tells them apart (`typeof`, `Array.isArray`, `null`, NaN and infinities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Undefined = 0,
    Null = 1,
    Boolean = 2,
    Number = 3,
    NaN = 4,
    Infinity = 5,
    NegInfinity = 6,
    BigInt = 7,
    Symbol = 8,
    Function = 9,
    String = 10,
    Array = 11,
    /// `typeof x === "object"`, not null, not an array: plain objects, class instances, `Map`, `Date`...
    Object = 12,
}

impl Kind {
    /// The kind with this wire number (the JS glue's numbering is this enum's).
    pub fn from_code(code: u32) -> Option<Kind> {
        const ALL: [Kind; 13] = [
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
        ALL.get(code as usize).copied()
    }
}

/// String contents as the front end has them: UTF-8 from Rust, UTF-16 code units from JavaScript
/// (which may hold lone surrogates), or only the length where no rule reads the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text<'a> {
    Utf8(&'a str),
    Utf16(&'a [u16]),
    /// Only the UTF-16 length was sent: the field's rules look at nothing else.
    LengthOnly(usize),
}

impl Text<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            Text::Utf8(s) => s.is_empty(),
            Text::Utf16(units) => units.is_empty(),
            Text::LengthOnly(len) => *len == 0,
        }
    }

    /// Whether the text is exactly `expected` (an ASCII literal such as an enum value).
    pub fn equals_ascii(&self, expected: &str) -> bool {
        match self {
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

    /// Length in code points, as Zod's length checks count (a lone surrogate counts as one).
    pub fn code_points(&self) -> usize {
        match self {
            Text::Utf8(s) => s.chars().count(),
            Text::Utf16(units) => char::decode_utf16(units.iter().copied()).count(),
            Text::LengthOnly(len) => *len,
        }
    }

    /// The text as a Rust string; lone surrogates become U+FFFD. Used for messages, never for rules.
    pub fn to_string_lossy(&self) -> String {
        match self {
            Text::Utf8(s) => (*s).to_owned(),
            Text::Utf16(units) => String::from_utf16_lossy(units),
            Text::LengthOnly(_) => String::new(),
        }
    }
}

/// What the rules need to know about one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value<'a> {
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

    pub const fn undefined() -> Self {
        Self::of_kind(Kind::Undefined)
    }

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
    String,
    /// The string `"__proto__"`, which Zod skips: neither checked nor copied.
    Proto,
    Symbol,
}

/// Where the rules read a value, and what is inside it, from: a `serde_json` value (the native API)
/// or the facts the JS glue wrote (the wasm package). The rules pull what they need, in schema order,
/// and read each part once: nothing is copied into a tree first, so a valid input costs no allocation.
///
/// A source only walks inside a value when the rules ask, and they ask exactly where a front end
/// provides something (an object's fields when it is an object, a record's entries when it is a plain
/// object, an array's items, a JSON value's children). Each method returns `None` if the input cannot
/// be read (malformed facts), which stops the check.
pub trait Source<'a> {
    /// The value at hand.
    fn value(&self) -> Value<'a>;
    /// For JSON: the value is one of its own ancestors (`JSON.stringify` would throw).
    fn cycle(&self) -> bool {
        false
    }
    /// For JSON: the front end stopped reading here (it nests deeper than the rules allow).
    fn too_deep(&self) -> bool {
        false
    }
    /// An object's fields, in the schema's order: `visit(index, field)` for each.
    fn fields(
        &mut self,
        schema: &ObjectSchema,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()>;
    /// A plain object's own enumerable keys in JavaScript's order, each with its value.
    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()>;
    /// An array's items, in order.
    fn items(
        &mut self,
        visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()>;
}

impl Default for Value<'_> {
    fn default() -> Self {
        Value::undefined()
    }
}
