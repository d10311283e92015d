//! A small schema vocabulary after Zod's, in which both seeds' schemas are written (`entry.rs`,
//! `platform.rs`), and the one checker that applies any of them to a [`Source`]. The front ends read
//! inputs by the same tables: the native API walks JSON by them, the JS glue knows what to send.

use std::borrow::Cow;

use super::{Expected, LengthLimits, check_lengths, invalid_type};
use crate::input::{KeyKind, KeyRef, Kind, Source, Text, Value};
use crate::issues::{Issue, IssueCode, PathItem};

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
    pub limits: LengthLimits,
    pub format: Option<Format>,
    /// The schema's own message (Zod's `{ error }` on the schema): it replaces the messages of the
    /// type and format issues. A `.min(n, { error })` message lives in `limits` instead.
    pub message: Option<&'static str>,
}

/// What a value must be.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// `z.unknown()`: anything, never walked.
    Unknown,
    String(StringRule),
    /// `z.enum(values)`; `message` is Zod's message for it, kept as a literal (a test checks it).
    Enum {
        values: &'static [&'static str],
        message: &'static str,
    },
    /// `z.record(z.string(), schema)`: a plain object whose values are all `schema` objects.
    Record(&'static ObjectSchema),
    /// `z.array(schema).min(min)`.
    Array {
        items: &'static ObjectSchema,
        min: u32,
    },
    /// A plain object of JSON values that survives `JSON.parse(JSON.stringify(value))`.
    JsonObject,
}

/// A field of an object schema.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub rule: Rule,
    /// `.optional()`: `undefined` (or absence) is accepted.
    pub optional: bool,
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
    pub fields: FieldValues<'a>,
    pub arrays: Vec<(usize, Vec<Option<FieldValues<'a>>>)>,
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

/// Rules across the fields of an object, run after the fields' own (like a Zod `.check()`), with
/// what was read of the object and where it is.
pub type Refinement = fn(&ReadObject<'_>, &Location<'_, '_>, &mut Vec<Issue>);

/// `z.object(fields)`: unknown keys are dropped; every field is checked (no early stop).
#[derive(Debug)]
pub struct ObjectSchema {
    /// The number the JS glue asks for this schema's fields by.
    pub id: u32,
    pub fields: &'static [FieldSpec],
    pub refine: Option<Refinement>,
}

/// One step of a location: a field, a record key, or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Field(&'static str),
    Key(KeyRef<'a>),
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
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(location) = at {
            if let Some(step) = location.step {
                steps.push(match step {
                    Step::Field(name) => PathItem::Field(name),
                    Step::Key(key) => PathItem::from_key(key),
                    Step::Index(index) => PathItem::Index(index),
                });
            }
            at = location.parent;
        }
        steps.reverse();
        steps
    }
}

/// What a front end must read and send for a field, beyond the value's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing about the value: it is passed through (`z.unknown()`), never inspected.
    Nothing,
    /// The kind is enough.
    Kind,
    /// A string's length, or a non-string's `length` (length checks run on both).
    Length,
    /// A string's text.
    Text,
    /// A string's text, or a non-string's `length`.
    TextAndLength,
    /// A record's entries, each read as an object of the schema with this id.
    Record(u32),
    /// An array's items, each read as an object of the schema with this id; and a non-array's `length`.
    Array(u32),
    /// The whole JSON tree.
    Json,
}

impl Rule {
    pub fn needs(&self) -> Needs {
        match self {
            Rule::Unknown => Needs::Nothing,
            Rule::String(rule) => match (
                rule.format.is_some(),
                rule.limits.max.is_some(),
                rule.limits.min.is_some(),
            ) {
                // A maximum counts code points, which needs the text once a string is long.
                (true, true, _) | (true, false, true) | (false, true, _) => Needs::TextAndLength,
                (true, false, false) => Needs::Text,
                (false, false, true) => Needs::Length,
                (false, false, false) => Needs::Kind,
            },
            Rule::Enum { .. } => Needs::Text,
            Rule::Record(schema) => Needs::Record(schema.id),
            Rule::Array { items, .. } => Needs::Array(items.id),
            Rule::JsonObject => Needs::Json,
        }
    }
}

/// Checks the object at hand against `schema`, adding what is wrong to `issues` in Zod's order.
/// With `keep`, or when the schema has a refinement, returns what it read of the object (its fields'
/// values); `None` inside when it is not an object or nothing was kept. `None` outside if the input
/// cannot be read.
pub fn check_object<'a>(
    schema: &ObjectSchema,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep: bool,
) -> Option<Option<ReadObject<'a>>> {
    let value = source.value();
    if !value.is_object() {
        issues.push(invalid_type(Expected::Object, &value, at.path(), None));
        return Some(None);
    }
    // Only a refinement (this object's, or its parent's on its items) reads the fields again.
    let mut read = (keep || schema.refine.is_some()).then(|| ReadObject {
        fields: [Value::undefined(); MAX_FIELDS],
        arrays: Vec::new(),
    });
    let keep_items = schema.refine.is_some();
    source.fields(schema, &mut |index, field| {
        let value = field.value();
        let spec = schema.fields.get(index)?;
        if let Some(read) = read.as_mut() {
            *read.fields.get_mut(index)? = value;
        }
        if spec.optional && value.kind == Kind::Undefined {
            return Some(());
        }
        let items = check_rule(
            &spec.rule,
            field,
            &at.child(Step::Field(spec.name)),
            issues,
            keep_items,
        )?;
        if let Some(read) = read.as_mut()
            && !items.is_empty()
        {
            read.arrays.push((index, items));
        }
        Some(())
    })?;
    if let (Some(refine), Some(read)) = (schema.refine, read.as_ref()) {
        refine(read, at, issues);
    }
    Some(read)
}

/// Checks the value at hand against a rule. With `keep_items`, an array rule returns each item's
/// field values (for a refinement); otherwise the result is empty.
pub fn check_rule<'a>(
    rule: &Rule,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep_items: bool,
) -> Option<Vec<Option<FieldValues<'a>>>> {
    let value = source.value();
    let mut kept = Vec::new();
    match rule {
        Rule::Unknown => {}
        Rule::String(rule) => match value.string_text() {
            Some(text) => {
                check_lengths(&value, rule.limits, || at.path(), issues);
                if let Some(format) = rule.format
                    && !format_matches(format, text)
                {
                    issues.push(format_issue(format, rule.message, at.path()));
                }
            }
            None => {
                issues.push(invalid_type(
                    Expected::String,
                    &value,
                    at.path(),
                    rule.message,
                ));
                check_lengths(&value, rule.limits, || at.path(), issues);
            }
        },
        Rule::Enum { values, message } => {
            if !is_one_of(&value, values) {
                issues.push(Issue {
                    code: IssueCode::InvalidValue { values },
                    path: at.path(),
                    message: Cow::Borrowed(message),
                });
            }
        }
        Rule::Record(schema) => {
            if !(value.is_object() && value.plain) {
                issues.push(invalid_type(Expected::Record, &value, at.path(), None));
            } else {
                source.entries(&mut |key_kind, key, entry| {
                    match key_kind {
                        // Zod neither checks nor copies a `__proto__` key.
                        KeyKind::Proto => {}
                        KeyKind::Symbol => issues.push(symbol_key_issue(&at.child(Step::Key(key)))),
                        KeyKind::String => {
                            check_object(schema, entry, &at.child(Step::Key(key)), issues, false)?;
                        }
                    }
                    Some(())
                })?;
            }
        }
        Rule::Array { items, min } => {
            if value.kind == Kind::Array {
                source.items(&mut |index, item| {
                    let read = check_object(
                        items,
                        item,
                        &at.child(Step::Index(index)),
                        issues,
                        keep_items,
                    )?;
                    if keep_items {
                        kept.push(read.map(|read| read.fields));
                    }
                    Some(())
                })?;
            } else {
                issues.push(invalid_type(Expected::Array, &value, at.path(), None));
            }
            let limits = LengthLimits {
                min: Some((*min, None)),
                max: None,
            };
            check_lengths(&value, limits, || at.path(), issues);
        }
        Rule::JsonObject => {
            if !(value.is_object() && value.plain) {
                issues.push(invalid_type(Expected::Record, &value, at.path(), None));
            } else {
                check_json(source, 0, at, issues)?;
            }
        }
    }
    Some(kept)
}

/// A JSON object's or array's inside, `depth` levels below its field: every value must be JSON
/// (null, a boolean, a finite number, a string, a plain object or an array), with string keys, no
/// cycles, and not nested deeper than [`MAX_JSON_DEPTH`].
fn check_json<'a>(
    source: &mut dyn Source<'a>,
    depth: u32,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
) -> Option<()> {
    if source.cycle() {
        issues.push(Issue {
            code: IssueCode::InvalidType { expected: "json" },
            path: at.path(),
            message: Cow::Borrowed(
                "Invalid input: expected JSON value, received a circular reference",
            ),
        });
        return Some(());
    }
    if source.too_deep() || depth >= MAX_JSON_DEPTH {
        issues.push(Issue {
            code: IssueCode::TooBig {
                origin: "json",
                maximum: MAX_JSON_DEPTH,
                inclusive: true,
            },
            path: at.path(),
            message: Cow::Borrowed("Too big: expected JSON to nest at most 100 levels"),
        });
        return Some(());
    }
    // One child of a JSON container; a symbol key's value is not read (`JSON.stringify` drops it).
    let mut child =
        |child: &mut dyn Source<'a>, at: &Location<'_, 'a>, symbol_key: bool| -> Option<()> {
            if symbol_key {
                issues.push(symbol_key_issue(at));
                return Some(());
            }
            let value = child.value();
            match value.kind {
                Kind::Null | Kind::Boolean | Kind::Number | Kind::String => {}
                Kind::Array => check_json(child, depth + 1, at, issues)?,
                Kind::Object if value.plain => check_json(child, depth + 1, at, issues)?,
                _ => issues.push(invalid_type(Expected::Json, &value, at.path(), None)),
            }
            Some(())
        };
    if source.value().kind == Kind::Array {
        source.items(&mut |index, item| child(item, &at.child(Step::Index(index)), false))
    } else {
        source.entries(&mut |key_kind, key, entry| {
            child(
                entry,
                &at.child(Step::Key(key)),
                key_kind == KeyKind::Symbol,
            )
        })
    }
}

/// Zod's `invalid_key` for a symbol key of a record: its key schema, `z.string()`, rejected it.
fn symbol_key_issue(at: &Location<'_, '_>) -> Issue {
    let symbol = Value::of_kind(Kind::Symbol);
    Issue {
        code: IssueCode::InvalidKey {
            origin: "record",
            issues: vec![invalid_type(Expected::String, &symbol, Vec::new(), None)],
        },
        path: at.path(),
        message: Cow::Borrowed("Invalid key in record"),
    }
}

/// Whether the value is a string equal to one of `values`.
pub(crate) fn is_one_of(value: &Value<'_>, values: &[&str]) -> bool {
    value
        .string_text()
        .is_some_and(|text| values.iter().any(|name| text.equals_ascii(name)))
}

fn format_matches(format: Format, text: Text<'_>) -> bool {
    match format {
        Format::Datetime => match text {
            Text::Utf8(s) => super::datetime::is_iso_datetime(s.as_bytes()),
            Text::Utf16(units) => super::datetime::is_iso_datetime(units),
            // Front ends send the text of every formatted string (`Rule::needs`).
            Text::LengthOnly(_) => false,
        },
        Format::IpOrEmpty => text.is_empty() || super::ip::is_ip_address(text),
    }
}

fn format_issue(format: Format, message: Option<&'static str>, path: Vec<PathItem>) -> Issue {
    let (code, default_message) = match format {
        Format::Datetime => (
            IssueCode::InvalidFormat {
                origin: "string",
                format: "datetime",
                pattern: Some(super::datetime::DATETIME_PATTERN),
            },
            "Invalid ISO datetime",
        ),
        Format::IpOrEmpty => (
            IssueCode::InvalidFormat {
                origin: "string",
                format: "ip",
                pattern: None,
            },
            "Invalid IPv4 or IPv6 address",
        ),
    };
    Issue {
        code,
        path,
        message: Cow::Borrowed(message.unwrap_or(default_message)),
    }
}

/// Zod's message for an enum of these values, for checking the literals in the schema tables.
pub fn enum_message(values: &[&str]) -> String {
    match values {
        [only] => format!("Invalid input: expected \"{only}\""),
        _ => {
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            format!("Invalid option: expected one of {}", quoted.join("|"))
        }
    }
}
