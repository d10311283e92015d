//! A small schema vocabulary after Zod's, in which both schemas are written ([`super::entry`],
//! [`super::platform`]): what a value must be ([`Rule`]), an object's fields ([`ObjectSchema`]),
//! and where the checker is ([`Location`]), from which an issue's path is built.

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
        /// [`crate::invalid_value_message`]).
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

/// The most fields an object schema has (the record's 10, with room): the checker keeps what it read
/// of an object's fields in an array of this size, on the stack.
pub const MAX_FIELDS: usize = 12;

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
    /// What the schema's JSON Schema says of it (see [`crate::json_schema`]): where it has rules
    /// across fields, which JSON Schema cannot express, it names them.
    pub description: Option<&'static str>,
    /// The fields' indexes sorted by name: the key order of canonical JSON (RFC 8785), computed
    /// once with [`key_order`].
    pub key_order: [u8; MAX_FIELDS],
}

/// The indexes of `fields` sorted by name, in JavaScript's string order (field names are ASCII,
/// where it is byte order); indexes past the last field are left in place. At compile time: a
/// schema has at most [`MAX_FIELDS`] fields, or its table does not compile.
pub const fn key_order(fields: &[FieldSpec]) -> [u8; MAX_FIELDS] {
    assert!(
        fields.len() <= MAX_FIELDS,
        "a schema has at most MAX_FIELDS fields"
    );
    let mut order = [0u8; MAX_FIELDS];
    let mut i = 0;
    while i < MAX_FIELDS {
        order[i] = i as u8;
        i += 1;
    }
    // Insertion sort: a dozen names, once, at compile time.
    let mut i = 1;
    while i < fields.len() {
        let mut j = i;
        while j > 0
            && str_less(
                fields[order[j] as usize].name,
                fields[order[j - 1] as usize].name,
            )
        {
            let swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
            j -= 1;
        }
        i += 1;
    }
    order
}

const fn str_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
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
        let steps = || std::iter::successors(Some(self), |at| at.parent).filter_map(|at| at.step);
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
