//! Seed 003's three schemas, `auditLogActionSchema`, `auditLogChangeSchema` and `auditLogEntrySchema`,
//! with the issues Zod 4.6.7 reports for them, in Zod's order.

use std::borrow::Cow;

use super::datetime::{DATETIME_PATTERN, is_iso_datetime};
use super::{Expected, invalid_type, lengthable_origin};
use crate::input::{Entry, Field, KeyKind, Kind, ObjectInput, Text, Value};
use crate::issues::{Issue, IssueCode, PathItem};
use crate::model::AuditLogAction;

/// How one field of the entry schema is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `z.string().min(1, { error: message })`
    NonEmptyString { message: &'static str },
    /// `z.string().optional()`
    OptionalString,
    /// `auditLogActionSchema`, the four actions.
    Action,
    /// `z.record(z.string(), auditLogChangeSchema).optional()`
    Changes,
    /// `z.iso.datetime({ error: message })`
    Datetime { message: &'static str },
}

/// What a front end must tell the rules about a field's value, beyond its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The value's kind is enough.
    Kind,
    /// A string's length, or a non-string's `length` (Zod's length check runs on both).
    Length,
    /// The rule reads the string's text.
    Text,
    /// The rule walks the entries of a record.
    Entries,
}

impl Rule {
    pub const fn needs(self) -> Needs {
        match self {
            Rule::NonEmptyString { .. } => Needs::Length,
            Rule::OptionalString => Needs::Kind,
            Rule::Action | Rule::Datetime { .. } => Needs::Text,
            Rule::Changes => Needs::Entries,
        }
    }
}

/// A field of an object schema: its key and its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub rule: Rule,
}

/// `auditLogEntrySchema`'s fields, in schema order: the order of issues and of the parsed data's keys.
pub const ENTRY_FIELDS: [FieldSpec; 10] = [
    FieldSpec {
        name: "id",
        rule: Rule::NonEmptyString {
            message: "Audit log ID is required",
        },
    },
    FieldSpec {
        name: "action",
        rule: Rule::Action,
    },
    FieldSpec {
        name: "actor_id",
        rule: Rule::NonEmptyString {
            message: "Actor ID is required",
        },
    },
    FieldSpec {
        name: "actor_type",
        rule: Rule::OptionalString,
    },
    FieldSpec {
        name: "resource_type",
        rule: Rule::NonEmptyString {
            message: "Resource type is required",
        },
    },
    FieldSpec {
        name: "resource_id",
        rule: Rule::NonEmptyString {
            message: "Resource ID is required",
        },
    },
    FieldSpec {
        name: "changes",
        rule: Rule::Changes,
    },
    FieldSpec {
        name: "ip_address",
        rule: Rule::OptionalString,
    },
    FieldSpec {
        name: "user_agent",
        rule: Rule::OptionalString,
    },
    FieldSpec {
        name: "timestamp",
        rule: Rule::Datetime {
            message: "Invalid timestamp",
        },
    },
];

/// `auditLogChangeSchema`'s fields. Both are `z.unknown().optional()`: any value, never walked.
pub const CHANGE_FIELDS: [&str; 2] = ["old", "new"];

/// The actions' wire names, as `invalid_value` issues list them.
pub const ACTION_VALUES: &[&str] = &[
    AuditLogAction::Create.as_str(),
    AuditLogAction::Read.as_str(),
    AuditLogAction::Update.as_str(),
    AuditLogAction::Delete.as_str(),
];

const ACTION_MESSAGE: &str = r#"Invalid option: expected one of "create"|"read"|"update"|"delete""#;

/// `auditLogEntrySchema`: every field is checked (no early stop), issues in schema order.
pub fn check_entry(input: &ObjectInput<'_>, issues: &mut Vec<Issue>) {
    if !input.value.is_object() {
        issues.push(invalid_type(
            Expected::Object,
            &input.value,
            Vec::new(),
            None,
        ));
        return;
    }
    for (spec, field) in ENTRY_FIELDS.iter().zip(&input.fields) {
        check_field(spec, field, issues);
    }
}

/// `auditLogActionSchema` on its own: the value must be one of the four actions.
pub fn check_action(value: &Value<'_>, issues: &mut Vec<Issue>) {
    if !is_action(value) {
        issues.push(action_issue(Vec::new()));
    }
}

/// `auditLogChangeSchema` on its own: any object (`old` and `new` may hold anything).
pub fn check_change(value: &Value<'_>, issues: &mut Vec<Issue>) {
    if !value.is_object() {
        issues.push(invalid_type(Expected::Object, value, Vec::new(), None));
    }
}

fn check_field(spec: &FieldSpec, field: &Field<'_>, issues: &mut Vec<Issue>) {
    let value = &field.value;
    let path = || vec![PathItem::Field(spec.name)];
    match spec.rule {
        Rule::NonEmptyString { message } => match value.text {
            Some(text) if value.kind == Kind::String => {
                // `.min(1)` counts code points; a non-empty string always has at least one.
                if text.is_empty() {
                    issues.push(too_small(Kind::String, spec.name, message));
                }
            }
            _ => {
                issues.push(invalid_type(Expected::String, value, path(), None));
                // Zod's quirk: the length check still runs on a non-string that has a `length`,
                // and fails unless `length >= 1` (`id: []` gives two issues, `id: ["a"]` one).
                // `length >= 1` as JavaScript compares: false for NaN too.
                let at_least_one = value.length.map(|length| length >= 1.0);
                if at_least_one == Some(false) {
                    issues.push(too_small(value.kind, spec.name, message));
                }
            }
        },
        Rule::OptionalString => {
            if !matches!(value.kind, Kind::Undefined | Kind::String) {
                issues.push(invalid_type(Expected::String, value, path(), None));
            }
        }
        Rule::Action => {
            if !is_action(value) {
                issues.push(action_issue(path()));
            }
        }
        Rule::Changes => {
            if value.kind == Kind::Undefined {
                return;
            }
            if !value.plain {
                issues.push(invalid_type(Expected::Record, value, path(), None));
                return;
            }
            for entry in &field.entries {
                check_change_entry(spec.name, entry, issues);
            }
        }
        Rule::Datetime { message } => match value.text {
            Some(text) if value.kind == Kind::String => {
                if !text_is_datetime(text) {
                    issues.push(Issue::new(
                        IssueCode::InvalidFormat {
                            origin: "string",
                            format: "datetime",
                            pattern: DATETIME_PATTERN,
                        },
                        spec.name,
                        Cow::Borrowed(message),
                    ));
                }
            }
            // The schema's own error replaces every message of this field, the type error's too.
            _ => issues.push(invalid_type(Expected::String, value, path(), Some(message))),
        },
    }
}

/// One `changes` entry: the key must be a string and the value an object.
fn check_change_entry(field: &'static str, entry: &Entry<'_>, issues: &mut Vec<Issue>) {
    let path = || vec![PathItem::Field(field), PathItem::from_key(entry.key)];
    match entry.key_kind {
        // Zod neither checks nor copies a `__proto__` key.
        KeyKind::Proto => {}
        KeyKind::Symbol => {
            let symbol = Value::of_kind(Kind::Symbol);
            issues.push(Issue {
                code: IssueCode::InvalidKey {
                    origin: "record",
                    issues: vec![invalid_type(Expected::String, &symbol, Vec::new(), None)],
                },
                path: path(),
                message: Cow::Borrowed("Invalid key in record"),
            });
        }
        KeyKind::String => {
            if !entry.value.is_object() {
                issues.push(invalid_type(Expected::Object, &entry.value, path(), None));
            }
        }
    }
}

fn too_small(kind: Kind, field: &'static str, message: &'static str) -> Issue {
    Issue::new(
        IssueCode::TooSmall {
            origin: lengthable_origin(kind),
            minimum: 1,
            inclusive: true,
        },
        field,
        Cow::Borrowed(message),
    )
}

fn is_action(value: &Value<'_>) -> bool {
    match (value.kind, value.text) {
        (Kind::String, Some(text)) => ACTION_VALUES.iter().any(|name| text.equals_ascii(name)),
        _ => false,
    }
}

fn action_issue(path: Vec<PathItem>) -> Issue {
    Issue {
        code: IssueCode::InvalidValue {
            values: ACTION_VALUES,
        },
        path,
        message: Cow::Borrowed(ACTION_MESSAGE),
    }
}

fn text_is_datetime(text: Text<'_>) -> bool {
    match text {
        Text::Utf8(s) => is_iso_datetime(s.as_bytes()),
        Text::Utf16(units) => is_iso_datetime(units),
        // The front end always sends a timestamp's text (`Rule::needs`); without it nothing matches.
        Text::LengthOnly(_) => false,
    }
}
