//! The Rust API: validate JSON (a `serde_json::Value` or text) into typed values or Zod-shaped issues.
//!
//! A JSON value is described for the rules the way the JS glue describes a JavaScript value, so a
//! Rust service and a browser give the same answer and the same issues for the same JSON.

use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use crate::input::{Entry, Field, KeyKind, KeyRef, Kind, ObjectInput, Text, Value};
use crate::issues::{Issue, ValidationError};
use crate::js_number::to_number;
use crate::model::{AuditLogAction, AuditLogChange, AuditLogEntry};
use crate::rules::entry::{ENTRY_FIELDS, check_action, check_change, check_entry};

/// Why JSON text was not accepted: it is not JSON, or it is JSON that the schema rejects.
#[derive(Debug)]
pub enum ParseError {
    /// The text is not valid JSON (the point where `JSON.parse` would throw).
    Json(serde_json::Error),
    /// The JSON does not match the schema.
    Invalid(ValidationError),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Json(error) => write!(f, "invalid JSON: {error}"),
            ParseError::Invalid(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Json(error) => Some(error),
            ParseError::Invalid(error) => Some(error),
        }
    }
}

impl From<ValidationError> for ParseError {
    fn from(error: ValidationError) -> Self {
        ParseError::Invalid(error)
    }
}

/// The issues `auditLogEntrySchema` reports for this JSON, in Zod's order; empty when it is valid.
pub fn entry_issues(json: &Json) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_entry(&describe_entry(json), &mut issues);
    issues
}

/// Validates an audit-log entry, as `auditLogEntrySchema.parse` does: unknown keys are dropped.
pub fn parse_entry(json: &Json) -> Result<AuditLogEntry, ValidationError> {
    let issues = entry_issues(json);
    match json {
        // `build_entry` reads only what the rules accepted, so it finds every field it needs.
        Json::Object(object) if issues.is_empty() => {
            build_entry(object).ok_or(ValidationError { issues })
        }
        _ => Err(ValidationError { issues }),
    }
}

/// Parses JSON text and validates it as an audit-log entry.
pub fn parse_entry_str(text: &str) -> Result<AuditLogEntry, ParseError> {
    let json: Json = serde_json::from_str(text).map_err(ParseError::Json)?;
    Ok(parse_entry(&json)?)
}

/// Validates an action name, as `auditLogActionSchema.parse` does.
pub fn parse_action(json: &Json) -> Result<AuditLogAction, ValidationError> {
    let mut issues = Vec::new();
    check_action(&describe(json), &mut issues);
    match json.as_str().and_then(AuditLogAction::from_name) {
        Some(action) if issues.is_empty() => Ok(action),
        _ => Err(ValidationError { issues }),
    }
}

/// Validates one change, as `auditLogChangeSchema.parse` does: `old` and `new` may hold anything.
pub fn parse_change(json: &Json) -> Result<AuditLogChange, ValidationError> {
    let mut issues = Vec::new();
    check_change(&describe(json), &mut issues);
    match json {
        Json::Object(object) if issues.is_empty() => Ok(build_change(object)),
        _ => Err(ValidationError { issues }),
    }
}

/// What the rules need to know about a JSON value.
fn describe(json: &Json) -> Value<'_> {
    match json {
        Json::Null => Value::of_kind(Kind::Null),
        Json::Bool(_) => Value::of_kind(Kind::Boolean),
        // serde_json holds finite numbers only.
        Json::Number(_) => Value::of_kind(Kind::Number),
        Json::String(s) => Value::string(Text::Utf8(s)),
        Json::Array(items) => Value {
            length: Some(items.len() as f64),
            ..Value::of_kind(Kind::Array)
        },
        Json::Object(object) => Value::plain_object(object.get("length").map(to_number)),
    }
}

fn describe_entry(json: &Json) -> ObjectInput<'_> {
    let value = describe(json);
    let fields = match json {
        Json::Object(object) => ENTRY_FIELDS
            .iter()
            .map(|spec| match object.get(spec.name) {
                None => Field::default(),
                Some(field) => Field {
                    present: true,
                    value: describe(field),
                    entries: match field {
                        Json::Object(record) => record_entries(record)
                            .map(|(key, value)| Entry {
                                key_kind: if key == "__proto__" {
                                    KeyKind::Proto
                                } else {
                                    KeyKind::String
                                },
                                key: KeyRef::Name(key),
                                value: describe(value),
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                },
            })
            .collect(),
        _ => Vec::new(),
    };
    ObjectInput { value, fields }
}

/// A JSON object's keys in JavaScript's order: array indices ascending, then the rest as written.
fn record_entries(record: &Map<String, Json>) -> impl Iterator<Item = (&str, &Json)> {
    let mut indices: Vec<(u32, &str, &Json)> = record
        .iter()
        .filter_map(|(key, value)| array_index(key).map(|index| (index, key.as_str(), value)))
        .collect();
    indices.sort_unstable_by_key(|(index, _, _)| *index);
    let named = record
        .iter()
        .filter(|(key, _)| array_index(key).is_none())
        .map(|(key, value)| (key.as_str(), value));
    indices
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .chain(named)
}

/// The key's value if it is an array index (a canonical integer from 0 to 2^32 - 2).
fn array_index(key: &str) -> Option<u32> {
    let canonical =
        key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
    if !canonical || key.is_empty() {
        return None;
    }
    key.parse::<u32>().ok().filter(|index| *index != u32::MAX)
}

/// Builds the typed entry from JSON that passed every rule.
fn build_entry(object: &Map<String, Json>) -> Option<AuditLogEntry> {
    let text = |key: &str| object.get(key).and_then(Json::as_str).map(str::to_owned);
    Some(AuditLogEntry {
        id: text("id")?,
        action: AuditLogAction::from_name(object.get("action")?.as_str()?)?,
        actor_id: text("actor_id")?,
        actor_type: text("actor_type"),
        resource_type: text("resource_type")?,
        resource_id: text("resource_id")?,
        changes: object
            .get("changes")
            .and_then(Json::as_object)
            .map(|record| {
                record_entries(record)
                    .filter(|(key, _)| *key != "__proto__")
                    .filter_map(|(key, value)| {
                        Some((key.to_owned(), build_change(value.as_object()?)))
                    })
                    .collect::<IndexMap<_, _>>()
            }),
        ip_address: text("ip_address"),
        user_agent: text("user_agent"),
        timestamp: text("timestamp")?,
    })
}

fn build_change(object: &Map<String, Json>) -> AuditLogChange {
    AuditLogChange {
        old: object.get("old").cloned(),
        new: object.get("new").cloned(),
    }
}
