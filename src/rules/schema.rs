//! A small schema vocabulary after Zod's, in which both seeds' schemas are written (`entry.rs`,
//! `platform.rs`), and the one checker that applies any of them to a [`Node`]. The front ends read
//! inputs by the same tables: the native API to describe JSON, the JS glue to know what to send.

use std::borrow::Cow;

use super::{Expected, LengthLimits, check_lengths, invalid_type};
use crate::input::{KeyKind, Kind, Node, Text, Value};
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

/// Rules across the fields of an object, run after the fields' own (like a Zod `.check()`). It gets
/// the object's node (`fields` in schema order) and the object's path.
pub type Refinement = fn(&Node<'_>, &[PathItem], &mut Vec<Issue>);

/// `z.object(fields)`: unknown keys are dropped; every field is checked (no early stop).
#[derive(Debug)]
pub struct ObjectSchema {
    /// The number the JS glue asks for this schema's fields by.
    pub id: u32,
    pub fields: &'static [FieldSpec],
    pub refine: Option<Refinement>,
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

/// Checks `node` against `schema`, at `path`, adding what is wrong to `issues` in Zod's order.
pub fn check_object(
    schema: &ObjectSchema,
    node: &Node<'_>,
    path: &mut Vec<PathItem>,
    issues: &mut Vec<Issue>,
) {
    if !node.value.is_object() {
        issues.push(invalid_type(
            Expected::Object,
            &node.value,
            path.clone(),
            None,
        ));
        return;
    }
    for (spec, field) in schema.fields.iter().zip(&node.fields) {
        if spec.optional && field.value.kind == Kind::Undefined {
            continue;
        }
        path.push(PathItem::Field(spec.name));
        check_rule(&spec.rule, field, path, issues);
        path.pop();
    }
    if let Some(refine) = schema.refine {
        refine(node, path, issues);
    }
}

/// Checks a value (with what was read of its inside) against a rule.
pub fn check_rule(rule: &Rule, node: &Node<'_>, path: &mut Vec<PathItem>, issues: &mut Vec<Issue>) {
    let value = &node.value;
    match rule {
        Rule::Unknown => {}
        Rule::String(rule) => match (value.kind, value.text) {
            (Kind::String, Some(text)) => {
                check_lengths(value, rule.limits, || path.clone(), issues);
                if let Some(format) = rule.format
                    && !format_matches(format, text)
                {
                    issues.push(format_issue(format, rule.message, path.clone()));
                }
            }
            _ => {
                issues.push(invalid_type(
                    Expected::String,
                    value,
                    path.clone(),
                    rule.message,
                ));
                check_lengths(value, rule.limits, || path.clone(), issues);
            }
        },
        Rule::Enum { values, message } => {
            if !is_one_of(value, values) {
                issues.push(Issue {
                    code: IssueCode::InvalidValue { values },
                    path: path.clone(),
                    message: Cow::Borrowed(message),
                });
            }
        }
        Rule::Record(schema) => {
            if !(value.is_object() && value.plain) {
                issues.push(invalid_type(Expected::Record, value, path.clone(), None));
                return;
            }
            for entry in &node.entries {
                match entry.key_kind {
                    // Zod neither checks nor copies a `__proto__` key.
                    KeyKind::Proto => {}
                    KeyKind::Symbol => {
                        issues.push(symbol_key_issue(path, PathItem::from_key(entry.key)))
                    }
                    KeyKind::String => {
                        path.push(PathItem::from_key(entry.key));
                        check_object(schema, &entry.node, path, issues);
                        path.pop();
                    }
                }
            }
        }
        Rule::Array { items, min } => {
            if value.kind == Kind::Array {
                for (index, item) in node.items.iter().enumerate() {
                    path.push(PathItem::Index(index as u32));
                    check_object(items, item, path, issues);
                    path.pop();
                }
            } else {
                issues.push(invalid_type(Expected::Array, value, path.clone(), None));
            }
            let limits = LengthLimits {
                min: Some((*min, None)),
                max: None,
            };
            check_lengths(value, limits, || path.clone(), issues);
        }
        Rule::JsonObject => {
            if !(value.is_object() && value.plain) {
                issues.push(invalid_type(Expected::Record, value, path.clone(), None));
                return;
            }
            check_json(node, path, issues);
        }
    }
}

/// A JSON object's or array's inside: every value must be JSON (null, a boolean, a finite number, a
/// string, a plain object or an array), with string keys, no cycles, and not nested too deep.
fn check_json(node: &Node<'_>, path: &mut Vec<PathItem>, issues: &mut Vec<Issue>) {
    if node.cycle {
        issues.push(Issue {
            code: IssueCode::InvalidType { expected: "json" },
            path: path.clone(),
            message: Cow::Borrowed(
                "Invalid input: expected JSON value, received a circular reference",
            ),
        });
        return;
    }
    if node.too_deep {
        issues.push(Issue {
            code: IssueCode::TooBig {
                origin: "json",
                maximum: MAX_JSON_DEPTH,
                inclusive: true,
            },
            path: path.clone(),
            message: Cow::Borrowed("Too big: expected JSON to nest at most 100 levels"),
        });
        return;
    }
    let check_child = |child: &Node<'_>, path: &mut Vec<PathItem>, issues: &mut Vec<Issue>| {
        match child.value.kind {
            Kind::Null | Kind::Boolean | Kind::Number | Kind::String => {}
            Kind::Array => check_json(child, path, issues),
            Kind::Object if child.value.plain => check_json(child, path, issues),
            _ => issues.push(invalid_type(
                Expected::Json,
                &child.value,
                path.clone(),
                None,
            )),
        }
    };
    for (index, item) in node.items.iter().enumerate() {
        path.push(PathItem::Index(index as u32));
        check_child(item, path, issues);
        path.pop();
    }
    for entry in &node.entries {
        match entry.key_kind {
            KeyKind::Symbol => issues.push(symbol_key_issue(path, PathItem::from_key(entry.key))),
            KeyKind::String | KeyKind::Proto => {
                path.push(PathItem::from_key(entry.key));
                check_child(&entry.node, path, issues);
                path.pop();
            }
        }
    }
}

/// Zod's `invalid_key` for a symbol key of a record: its key schema, `z.string()`, rejected it.
fn symbol_key_issue(path: &[PathItem], key: PathItem) -> Issue {
    let symbol = Value::of_kind(Kind::Symbol);
    let mut key_path = path.to_vec();
    key_path.push(key);
    Issue {
        code: IssueCode::InvalidKey {
            origin: "record",
            issues: vec![invalid_type(Expected::String, &symbol, Vec::new(), None)],
        },
        path: key_path,
        message: Cow::Borrowed("Invalid key in record"),
    }
}

/// Whether the value is a string equal to one of `values`.
pub(crate) fn is_one_of(value: &Value<'_>, values: &[&str]) -> bool {
    match (value.kind, value.text) {
        (Kind::String, Some(text)) => values.iter().any(|name| text.equals_ascii(name)),
        _ => false,
    }
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
