//! What the rules know about an input value, in JavaScript's terms.
//!
//! The rules never walk a `serde_json::Value` or a JS object themselves: a front end reads the value
//! once and describes it with these types (`native` from serde_json, the wasm bindings from what the
//! JS glue read). That keeps every rule in one place for both, and lets the JS glue send only the
//! facts a rule needs: a string's length where only emptiness matters, its text where the content does.

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
    /// Length in UTF-16 code units, JavaScript's `string.length`.
    pub fn utf16_len(&self) -> usize {
        match self {
            Text::Utf8(s) => s.encode_utf16().count(),
            Text::Utf16(units) => units.len(),
            Text::LengthOnly(len) => *len,
        }
    }

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

    /// Whether two texts hold the same code units (a `LengthOnly` text equals nothing).
    pub fn same_as(&self, other: &Text<'_>) -> bool {
        match (self, other) {
            (Text::Utf8(a), Text::Utf8(b)) => a == b,
            (Text::Utf16(a), Text::Utf16(b)) => a == b,
            (Text::Utf8(a), Text::Utf16(b)) | (Text::Utf16(b), Text::Utf8(a)) => {
                a.encode_utf16().eq(b.iter().copied())
            }
            _ => false,
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
    /// The contents of a string.
    pub text: Option<Text<'a>>,
    /// `Number(value.length)` for a non-string whose `length` is not `undefined` (arrays, functions,
    /// objects with a `length` key): Zod runs its length checks on those too.
    pub length: Option<f64>,
    /// For objects: whether Zod's `isPlainObject` holds (a record must be one).
    pub plain: bool,
    /// For objects whose prototype is not `Object.prototype` and that have a truthy `constructor`:
    /// the constructor's name, which Zod's messages report as the received type.
    pub type_name: Option<Text<'a>>,
}

impl<'a> Value<'a> {
    /// A value that is neither a string nor an object: only its kind matters.
    pub const fn of_kind(kind: Kind) -> Self {
        Value {
            kind,
            text: None,
            length: None,
            plain: false,
            type_name: None,
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
}

/// How a front end names a record key in an issue's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRef<'a> {
    /// The key itself (native input).
    Name(&'a str),
    /// The position of the key in the list the JS glue keeps; the glue puts the key itself in the path.
    Index(u32),
}

/// The type of a record key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    String,
    /// The string `"__proto__"`, which Zod skips: neither checked nor copied.
    Proto,
    Symbol,
}

/// One own enumerable key of an object read as a record (or as JSON), and what is under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key_kind: KeyKind,
    pub key: KeyRef<'a>,
    pub node: Node<'a>,
}

/// A value as the rules see it, with as much of its inside as its schema reads: an object schema's
/// fields, a record's entries, an array's items, or a JSON value's whole tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node<'a> {
    pub value: Value<'a>,
    /// For an object schema's field: `key in input`.
    pub present: bool,
    /// For an object schema, when the value is an object: one node per schema field, in order.
    pub fields: Vec<Node<'a>>,
    /// For a record (or a JSON object): each own enumerable key, in JavaScript's order.
    pub entries: Vec<Entry<'a>>,
    /// For an array (or a JSON array): each element.
    pub items: Vec<Node<'a>>,
    /// For JSON: the value is one of its own ancestors (`JSON.stringify` would throw).
    pub cycle: bool,
    /// For JSON: the value nests deeper than the front end reads (`rules::schema::MAX_JSON_DEPTH`).
    pub too_deep: bool,
}

impl Default for Value<'_> {
    fn default() -> Self {
        Value::undefined()
    }
}

impl<'a> Node<'a> {
    /// A node that is just a value.
    pub fn of(value: Value<'a>) -> Self {
        Node {
            value,
            ..Node::default()
        }
    }
}
