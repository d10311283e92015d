//! Validation issues, shaped like Zod 4's: a `code`, that code's own fields, then `path` and `message`.
//!
//! The key order of each issue is Zod's and is written down once, in [`Issue::visit`]; both the JSON
//! form (native Rust) and the wire form (wasm) are produced by walking it.

use alloc::borrow::Cow;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::value::{KeyRef, Kind};

/// What an `invalid_type` issue expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    String,
    /// An object.
    Object,
    /// A record (a plain object).
    Record,
    /// An array.
    Array,
    /// A JSON value (in a JSON object field): reported as `expected: "json"`.
    Json,
}

impl Expected {
    /// The issue's `expected` field.
    pub const fn name(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Object => "object",
            Expected::Record => "record",
            Expected::Array => "array",
            Expected::Json => "json",
        }
    }
}

/// What a check measured or read: an issue's `origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A string (its length, its format).
    String,
    /// An array (its length).
    Array,
    /// Something else with a `length` (Zod's `"unknown"`).
    Unknown,
    /// A JSON value (its nesting).
    Json,
    /// A record (its keys).
    Record,
}

impl Origin {
    /// The issue's `origin` field.
    pub const fn name(self) -> &'static str {
        match self {
            Origin::String => "string",
            Origin::Array => "array",
            Origin::Unknown => "unknown",
            Origin::Json => "json",
            Origin::Record => "record",
        }
    }

    /// Zod's `getLengthableOrigin`: what a length check calls the value it measured.
    pub const fn of_length(kind: Kind) -> Origin {
        match kind {
            Kind::Array => Origin::Array,
            Kind::String => Origin::String,
            _ => Origin::Unknown,
        }
    }
}

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
    InvalidType {
        /// What the schema expected there.
        expected: Expected,
    },
    /// `{ origin, code: "too_small", minimum, inclusive }`
    TooSmall {
        /// What was measured: a string, an array or another value with a `length`.
        origin: Origin,
        /// The fewest characters or items allowed.
        minimum: u32,
        /// Whether `minimum` itself is allowed (always, in these schemas).
        inclusive: bool,
    },
    /// `{ origin, code: "too_big", maximum, inclusive }`
    TooBig {
        /// What was measured: as for `TooSmall`, or a JSON value's nesting.
        origin: Origin,
        /// The most characters, items or levels allowed.
        maximum: u32,
        /// Whether `maximum` itself is allowed (always, in these schemas).
        inclusive: bool,
    },
    /// `{ code: "invalid_value", values }`
    InvalidValue {
        /// The allowed values.
        values: &'static [&'static str],
    },
    /// `{ origin, code: "invalid_format", format, pattern }` (no `pattern` where no regex defines it)
    InvalidFormat {
        /// A string.
        origin: Origin,
        /// `"datetime"` or `"ip"`.
        format: &'static str,
        /// Zod's regular expression for the format, where it has one.
        pattern: Option<&'static str>,
    },
    /// `{ code: "missing_resource", event, expected }`: the event acts on a resource type the record
    /// does not name.
    MissingResource {
        /// The record's event.
        event: &'static str,
        /// The resource type it needs (reported as `expected`).
        resource_type: &'static str,
    },
    /// `{ code: "duplicate_resource_id", first }`: another resource, at index `first`, has this id.
    DuplicateResourceId {
        /// The index of the first resource with this id.
        first: u32,
    },
    /// `{ code: "invalid_key", origin, issues }`: a record key failed the key schema.
    InvalidKey {
        /// What held the key: a record.
        origin: Origin,
        /// Why the key failed.
        issues: Vec<Issue>,
    },
    /// `{ code: "invalid_json" }`: text that is not JSON (a line of NDJSON, a request body), with
    /// the parser's message. Reported by batch and HTTP checks, never by a schema.
    InvalidJson,
    /// `{ code: "custom" }`: reported by the crate only where it is itself wrong (see
    /// [`crate::messages::INTERNAL`]); Zod's code for issues its built-in checks do not cover.
    Custom,
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
            IssueCode::InvalidJson => "invalid_json",
            IssueCode::Custom => "custom",
        }
    }

    /// One code of each kind, for code that lists every issue's shape (the package's TypeScript
    /// declarations are checked against these: `tests/js/protocol.test.mjs`). Add a new code here.
    pub fn one_of_each() -> Vec<IssueCode> {
        let nested = Issue {
            code: IssueCode::InvalidType {
                expected: Expected::String,
            },
            path: Vec::new(),
            message: Cow::Borrowed(""),
        };
        vec![
            IssueCode::InvalidType {
                expected: Expected::String,
            },
            IssueCode::TooSmall {
                origin: Origin::String,
                minimum: 1,
                inclusive: true,
            },
            IssueCode::TooBig {
                origin: Origin::String,
                maximum: 1,
                inclusive: true,
            },
            IssueCode::InvalidValue { values: &[] },
            IssueCode::InvalidFormat {
                origin: Origin::String,
                format: "datetime",
                pattern: Some(""),
            },
            IssueCode::MissingResource {
                event: "",
                resource_type: "",
            },
            IssueCode::DuplicateResourceId { first: 0 },
            IssueCode::InvalidKey {
                origin: Origin::Record,
                issues: vec![nested],
            },
            IssueCode::InvalidJson,
            IssueCode::Custom,
        ]
    }
}

/// Adds `issue` to `issues`: what the rules call for each issue. Not inlined in the browser's
/// modules, so that they have one copy of the growth check and of the issue's move, not one at each
/// rule's call (about 0.2 KB gzip of the open-types module, 0.36 KB of the one with every schema).
#[cfg_attr(browser_module, inline(never))]
pub(crate) fn push_issue(issues: &mut Vec<Issue>, issue: Issue) {
    issues.push(issue);
}

/// One reason an input was rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// What is wrong, and the fields that kind of issue carries.
    pub code: IssueCode,
    /// Where: the keys and indices from the top of the input.
    pub path: Vec<PathItem>,
    /// Zod's message, or the schema's own.
    pub message: Cow<'static, str>,
}

/// A field value of an issue, as [`Issue::visit`] hands it out.
pub enum IssueValue<'a> {
    /// A name fixed by the schema (a code, an expected type, an origin...).
    Str(&'static str),
    /// The issue's message.
    Message(&'a Cow<'static, str>),
    /// A whole number (a limit, an index).
    Number(u32),
    /// A flag (`inclusive`).
    Bool(bool),
    /// A list of names (`values`).
    StrList(&'a [&'static str]),
    /// The issue's path.
    Path(&'a [PathItem]),
    /// Nested issues (`invalid_key`'s).
    Issues(&'a [Issue]),
}

impl Issue {
    /// Hands out the issue's keys and values in Zod's order. The single source of that order.
    pub fn visit<'s>(&'s self, mut emit: impl FnMut(&'static str, IssueValue<'s>)) {
        let code = IssueValue::Str(self.code.name());
        match &self.code {
            IssueCode::InvalidType { expected } => {
                emit("expected", IssueValue::Str(expected.name()));
                emit("code", code);
            }
            IssueCode::TooSmall {
                origin,
                minimum,
                inclusive,
            } => {
                emit("origin", IssueValue::Str(origin.name()));
                emit("code", code);
                emit("minimum", IssueValue::Number(*minimum));
                emit("inclusive", IssueValue::Bool(*inclusive));
            }
            IssueCode::TooBig {
                origin,
                maximum,
                inclusive,
            } => {
                emit("origin", IssueValue::Str(origin.name()));
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
                emit("origin", IssueValue::Str(origin.name()));
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
                emit("origin", IssueValue::Str(origin.name()));
                emit("issues", IssueValue::Issues(issues));
            }
            IssueCode::InvalidJson | IssueCode::Custom => emit("code", code),
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
    /// The issues, never empty.
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

#[cfg(feature = "std")]
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string_pretty(&self.issues).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ValidationError {}
