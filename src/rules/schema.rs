//! A small schema vocabulary after Zod's, in which both schemas are written ([`super::entry`],
//! [`super::platform`]): what a value must be ([`Rule`]), an object's fields ([`ObjectSchema`]),
//! and where the checker is ([`Location`]), from which an issue's path is built.

use alloc::vec::Vec;

use super::length::LengthLimits;
use crate::issues::PathItem;
use crate::source::FieldNames;
use crate::value::{KeyRef, Value};

/// How deep a JSON value may nest below its field (MySQL's limit for JSON documents, where such
/// records are kept). Deeper values get a `too_big` issue; front ends stop reading there.
pub const MAX_JSON_DEPTH: u32 = 100;

/// A string format, checked after the length limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `z.iso.datetime()`: see [`super::datetime`].
    Datetime,
    /// An IPv4 or IPv6 address; the empty string is allowed (no address known).
    IpOrEmpty,
}

/// `z.string()` with its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringRule {
    /// `.min(n)` and `.max(n)`.
    pub limits: LengthLimits,
    /// A format the string must have.
    pub format: Option<Format>,
    /// The schema's own message (Zod's `{ error }` on the schema): it replaces the messages of the
    /// type and format issues. A `.min(n, { error })` message lives in `limits` instead.
    pub message: Option<&'static str>,
}

impl StringRule {
    /// `z.string()`, with no checks.
    pub const ANY: StringRule = StringRule {
        limits: LengthLimits::NONE,
        format: None,
        message: None,
    };
}

/// What a value must be.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// `z.unknown()`: anything, never walked.
    Unknown,
    /// `z.string()` with its checks: see [`super::string`].
    String(StringRule),
    /// `z.enum(values)`: see [`super::enumeration`].
    Enum {
        /// The allowed values.
        values: &'static [&'static str],
        /// The `invalid_value` message for them (`INVALID_MESSAGE` of the model's lists, built by
        /// [`crate::invalid_value_message`]). Not in the browser's module with every
        /// schema, which makes it from `values` for each issue (`cfg(made_enum_messages)`).
        #[cfg(not(made_enum_messages))]
        message: &'static str,
    },
    /// `z.record(z.string(), schema)`: a plain object whose values are all `schema` objects; see
    /// [`super::record`].
    Record(&'static ObjectSchema),
    /// `z.array(schema)`: see [`super::array`].
    Array {
        /// The schema of every item.
        items: &'static ObjectSchema,
    },
    /// A plain object of JSON values that survives `JSON.parse(JSON.stringify(value))`: see
    /// [`super::json`].
    JsonObject,
}

/// What a rule reads of the value at its place, stated by the rule's module: a front end that
/// describes values instead of handing them over (the JS glue, `crate::wasm::protocol`) sends
/// exactly this, and a rule never reads more.
#[derive(Debug, Clone, Copy)]
pub enum Reads {
    /// Nothing: the value is passed through (`z.unknown()`).
    Nothing,
    /// Its kind.
    Kind,
    /// A string's UTF-16 length, or a non-string's `length`: the length limits decide on it
    /// ([`super::length::reads`]).
    Utf16Length,
    /// A string's text.
    Text,
    /// A string's text, or a non-string's `length`.
    TextAndLength,
    /// A record's entries, each an object of this schema.
    Record(&'static ObjectSchema),
    /// An array's items, each an object of this schema (and a non-array's `length`).
    Array(&'static ObjectSchema),
    /// The whole JSON tree, down to this depth.
    Json(u32),
}

impl Reads {
    /// What is read where rules across fields read the value too: they read a string's text
    /// (and what was read before is still read: a non-string's class name for `invalid_type`,
    /// which `Text`, made for rules with their own message, does not carry).
    pub const fn with_text(self) -> Reads {
        match self {
            Reads::Utf16Length | Reads::Kind => Reads::TextAndLength,
            other => other,
        }
    }
}

/// A check a front end may run by itself before it hands a value to the rules (the JS glue does,
/// so that a valid input needs no call into wasm), stated by each rule's module. It accepts only
/// values the rule accepts; anything else goes to the rules, which decide every issue.
#[derive(Debug, Clone, Copy)]
pub enum Shortcut {
    /// None: every value goes to the rules.
    None,
    /// Any value is valid (`z.unknown()`).
    Any,
    /// A string whose UTF-16 length is within both bounds (bounds that imply the rule's code point
    /// limits) and that `pattern` matches (`""`: no pattern).
    String {
        /// The fewest UTF-16 units.
        min_units: u32,
        /// The most UTF-16 units.
        max_units: u32,
        /// A regular expression the string must match, in JavaScript's syntax.
        pattern: &'static str,
    },
    /// One of these strings.
    OneOf(&'static [&'static str]),
}

/// A field of an object schema.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The field's key.
    pub name: &'static str,
    /// What its value must be.
    pub rule: Rule,
    /// `.optional()`: `undefined` (or absence) is accepted.
    pub optional: bool,
}

impl FieldSpec {
    /// A field that must be present (`z.object({ name: rule })`).
    pub const fn required(name: &'static str, rule: Rule) -> Self {
        FieldSpec {
            name,
            rule,
            optional: false,
        }
    }

    /// `name: rule.optional()`.
    pub const fn optional(name: &'static str, rule: Rule) -> Self {
        FieldSpec {
            name,
            rule,
            optional: true,
        }
    }
}

pub use crate::source::MAX_FIELDS;

/// The values of an object's fields, in schema order, as the checker read them.
pub type FieldValues<'a> = [Value<'a>; MAX_FIELDS];

/// What the checker read of an object, for its refinement: its fields' values, and for each field
/// that holds an array of objects, each item's field values (`None` for an item that is no object).
#[derive(Debug)]
pub struct ReadObject<'a> {
    /// The fields' values, in schema order.
    pub fields: FieldValues<'a>,
    /// For each field (by index) that holds an array of objects, each item's field values.
    pub arrays: Vec<(usize, Vec<Option<FieldValues<'a>>>)>,
}

/// Rules across the fields of an object, run after the fields' own (like a Zod `.check()`), with
/// what was read of the object and where it is.
pub type Refinement = fn(&ReadObject<'_>, &Location<'_, '_>, &mut Vec<crate::issues::Issue>);

/// `z.object(fields)`: unknown keys are dropped; every field is checked (no early stop).
#[derive(Debug)]
pub struct ObjectSchema {
    /// The fields, in schema order: the order of issues and of the parsed data's keys.
    pub fields: &'static [FieldSpec],
    /// Rules across the fields, if any.
    pub refine: Option<Refinement>,
    /// What the schema's JSON Schema says of it: where it has rules across fields, which JSON
    /// Schema cannot express, it names them. Not in the browser's modules, which write no JSON
    /// Schema: the text would be in the data of a module a page downloads.
    #[cfg(not(browser_module))]
    pub description: Option<&'static str>,
}

impl ObjectSchema {
    /// The index of the field `name`, for code that reads a field's value by name. A `const` use
    /// (`const AT: usize = SCHEMA.field_index("x")`) fails to compile when no field has that name,
    /// so renaming a field cannot silently switch a rule off.
    pub const fn field_index(&self, name: &str) -> usize {
        let mut index = 0;
        while index < self.fields.len() {
            if str_eq(self.fields[index].name, name) {
                return index;
            }
            index += 1;
        }
        panic!("no field of that name in the schema")
    }
}

/// A field that a rule across fields reads: its index in its schema, and its name (for paths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldAt {
    /// The field's index in the schema.
    pub index: usize,
    /// The field's name.
    pub name: &'static str,
}

impl ObjectSchema {
    /// The field `name`, found at compile time in a `const` (see [`ObjectSchema::field_index`]).
    pub const fn field(&self, name: &'static str) -> FieldAt {
        FieldAt {
            index: self.field_index(name),
            name,
        }
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl FieldNames for ObjectSchema {
    fn count(&self) -> usize {
        self.fields.len()
    }

    fn name(&self, index: usize) -> Option<&'static str> {
        self.fields.get(index).map(|field| field.name)
    }
}

/// One step of a location: a field, a record key, or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A field of an object schema.
    Field(&'static str),
    /// A key of a record.
    Key(KeyRef<'a>),
    /// An index of an array.
    Index(u32),
}

/// Where the checker is, as a list linked through the stack: an issue's path is built from it only
/// when there is an issue, so a valid input never allocates one.
#[derive(Debug, Clone, Copy)]
pub struct Location<'p, 'a> {
    parent: Option<&'p Location<'p, 'a>>,
    step: Option<Step<'a>>,
}

impl<'p, 'a> Location<'p, 'a> {
    /// The top of the input.
    pub const ROOT: Location<'static, 'static> = Location {
        parent: None,
        step: None,
    };

    /// The location one step further.
    pub fn child(&'p self, step: Step<'a>) -> Location<'p, 'a> {
        Location {
            parent: Some(self),
            step: Some(step),
        }
    }

    /// The path of an issue here.
    pub fn path(&self) -> Vec<PathItem> {
        let steps = || core::iter::successors(Some(self), |at| at.parent).filter_map(|at| at.step);
        // Sized first: one allocation, never a growth (a path is built for every issue).
        let mut path = Vec::with_capacity(steps().count());
        path.extend(steps().map(|step| match step {
            Step::Field(name) => PathItem::Field(name),
            Step::Key(key) => PathItem::from_key(key),
            Step::Index(index) => PathItem::Index(index),
        }));
        path.reverse();
        path
    }
}
