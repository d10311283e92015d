//! Validation issues, shaped like Zod 4's: a `code`, that code's own fields, then `path` and `message`.
//!
//! The key order of each issue is Zod's and is written down once, in [`Issue::visit`]; both the JSON
//! form (native Rust) and the wire form (wasm) are produced by walking it.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::input::KeyRef;

/// One step of an issue's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathItem {
    /// A schema field, such as `"id"`.
    Field(&'static str),
    /// A record key named by the input (a `changes` key).
    Key(String),
    /// A record key the JS glue holds (it may be a symbol); only the wasm bindings produce these.
    KeyIndex(u32),
    /// An array index.
    Index(u32),
}

impl PathItem {
    pub(crate) fn from_key(key: KeyRef<'_>) -> Self {
        match key {
            KeyRef::Name(name) => PathItem::Key(name.to_owned()),
            KeyRef::Index(index) => PathItem::KeyIndex(index),
        }
    }
}

/// The code of an issue and the fields that code carries.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueCode {
    /// `{ expected, code: "invalid_type" }`
    InvalidType { expected: &'static str },
    /// `{ origin, code: "too_small", minimum, inclusive }`
    TooSmall {
        origin: &'static str,
        minimum: u32,
        inclusive: bool,
    },
    /// `{ origin, code: "too_big", maximum, inclusive }`
    TooBig {
        origin: &'static str,
        maximum: u32,
        inclusive: bool,
    },
    /// `{ code: "invalid_value", values }`
    InvalidValue { values: &'static [&'static str] },
    /// `{ origin, code: "invalid_format", format, pattern }` (no `pattern` where no regex defines it)
    InvalidFormat {
        origin: &'static str,
        format: &'static str,
        pattern: Option<&'static str>,
    },
    /// `{ code: "missing_resource", event, expected }`: the event acts on a resource type the record
    /// does not name.
    MissingResource {
        event: &'static str,
        resource_type: &'static str,
    },
    /// `{ code: "duplicate_resource_id", first }`: another resource, at index `first`, has this id.
    DuplicateResourceId { first: u32 },
    /// `{ code: "invalid_key", origin, issues }`: a record key failed the key schema.
    InvalidKey {
        origin: &'static str,
        issues: Vec<Issue>,
    },
}

impl IssueCode {
    /// The `code` string, e.g. `"invalid_type"`.
    pub fn name(&self) -> &'static str {
        match self {
            IssueCode::InvalidType { .. } => "invalid_type",
            IssueCode::TooSmall { .. } => "too_small",
            IssueCode::TooBig { .. } => "too_big",
            IssueCode::InvalidValue { .. } => "invalid_value",
            IssueCode::InvalidFormat { .. } => "invalid_format",
            IssueCode::InvalidKey { .. } => "invalid_key",
            IssueCode::MissingResource { .. } => "missing_resource",
            IssueCode::DuplicateResourceId { .. } => "duplicate_resource_id",
        }
    }
}

/// One reason an input was rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub code: IssueCode,
    pub path: Vec<PathItem>,
    pub message: Cow<'static, str>,
}

/// A field value of an issue, as [`Issue::visit`] hands it out.
pub enum IssueValue<'a> {
    /// A name fixed by the schema (a code, an expected type, an origin...).
    Str(&'static str),
    /// The issue's message.
    Message(&'a Cow<'static, str>),
    Number(u32),
    Bool(bool),
    StrList(&'a [&'static str]),
    Path(&'a [PathItem]),
    Issues(&'a [Issue]),
}

impl Issue {
    /// Hands out the issue's keys and values in Zod's order. The single source of that order.
    pub fn visit<'s>(&'s self, mut emit: impl FnMut(&'static str, IssueValue<'s>)) {
        let code = IssueValue::Str(self.code.name());
        match &self.code {
            IssueCode::InvalidType { expected } => {
                emit("expected", IssueValue::Str(expected));
                emit("code", code);
            }
            IssueCode::TooSmall {
                origin,
                minimum,
                inclusive,
            } => {
                emit("origin", IssueValue::Str(origin));
                emit("code", code);
                emit("minimum", IssueValue::Number(*minimum));
                emit("inclusive", IssueValue::Bool(*inclusive));
            }
            IssueCode::TooBig {
                origin,
                maximum,
                inclusive,
            } => {
                emit("origin", IssueValue::Str(origin));
                emit("code", code);
                emit("maximum", IssueValue::Number(*maximum));
                emit("inclusive", IssueValue::Bool(*inclusive));
            }
            IssueCode::InvalidValue { values } => {
                emit("code", code);
                emit("values", IssueValue::StrList(values));
            }
            IssueCode::InvalidFormat {
                origin,
                format,
                pattern,
            } => {
                emit("origin", IssueValue::Str(origin));
                emit("code", code);
                emit("format", IssueValue::Str(format));
                if let Some(pattern) = pattern {
                    emit("pattern", IssueValue::Str(pattern));
                }
            }
            IssueCode::MissingResource {
                event,
                resource_type,
            } => {
                emit("code", code);
                emit("event", IssueValue::Str(event));
                emit("expected", IssueValue::Str(resource_type));
            }
            IssueCode::DuplicateResourceId { first } => {
                emit("code", code);
                emit("first", IssueValue::Number(*first));
            }
            IssueCode::InvalidKey { origin, issues } => {
                emit("code", code);
                emit("origin", IssueValue::Str(origin));
                emit("issues", IssueValue::Issues(issues));
            }
        }
        emit("path", IssueValue::Path(&self.path));
        emit("message", IssueValue::Message(&self.message));
    }

    fn key_count(&self) -> usize {
        let mut count = 0;
        self.visit(|_, _| count += 1);
        count
    }
}

/// A path item as a form would name it: the key, or `#i` for a key only the JS glue holds.
impl fmt::Display for PathItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathItem::Field(name) => f.write_str(name),
            PathItem::Key(key) => f.write_str(key),
            PathItem::KeyIndex(index) => write!(f, "#{index}"),
            PathItem::Index(index) => write!(f, "{index}"),
        }
    }
}

impl Serialize for PathItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PathItem::Field(name) => serializer.serialize_str(name),
            PathItem::Key(key) => serializer.serialize_str(key),
            PathItem::KeyIndex(index) | PathItem::Index(index) => serializer.serialize_u32(*index),
        }
    }
}

impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.key_count()))?;
        let mut result = Ok(());
        self.visit(|key, value| {
            if result.is_err() {
                return;
            }
            result = match value {
                IssueValue::Str(s) => map.serialize_entry(key, s),
                IssueValue::Message(s) => map.serialize_entry(key, s),
                IssueValue::Number(n) => map.serialize_entry(key, &n),
                IssueValue::Bool(b) => map.serialize_entry(key, &b),
                IssueValue::StrList(list) => map.serialize_entry(key, list),
                IssueValue::Path(path) => map.serialize_entry(key, path),
                IssueValue::Issues(issues) => map.serialize_entry(key, issues),
            };
        });
        result?;
        map.end()
    }
}

/// The issues of a rejected input, in the order Zod reports them. Its `Display` is Zod's
/// `error.message`: the issues as JSON, indented by two spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    pub issues: Vec<Issue>,
}

impl Serialize for ValidationError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.issues.len()))?;
        for issue in &self.issues {
            seq.serialize_element(issue)?;
        }
        seq.end()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string_pretty(&self.issues).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl std::error::Error for ValidationError {}
