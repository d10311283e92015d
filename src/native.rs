//! The Rust API: validate JSON (a `serde_json::Value` or text) into typed values or Zod-shaped issues.
//!
//! A JSON value is described for the rules the way the JS glue describes a JavaScript value, guided
//! by the same schema tables, so a Rust service and a browser give the same answer and the same
//! issues for the same JSON.

use std::fmt;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

use crate::fastpath::Fast;
use crate::issues::{Issue, ValidationError};
use crate::model::{
    AuditLogAction, AuditLogChange, AuditLogEntry, PlatformRecord, PlatformResource,
};
use crate::rules::{Root, check, entry, platform};
use crate::source::json::{JsonSource, js_order};
use crate::source::tape::Line;

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

/// What a batch check found: how many lines held an input, how many of them were valid, and the
/// problems of the others by line number (1-based, as editors count).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchReport {
    /// The lines that held something (blank lines, those JavaScript's `trim` empties, are skipped).
    pub total: usize,
    /// The lines that held a valid value.
    pub valid: usize,
    /// The others, by line number, with what is wrong.
    pub invalid: Vec<(usize, LineProblem)>,
}

/// Why a line of NDJSON was not accepted.
#[derive(Debug, Clone, PartialEq)]
pub enum LineProblem {
    /// The line is not JSON (or not UTF-8): serde_json's message.
    NotJson(String),
    /// The JSON does not match the schema.
    Invalid(Vec<Issue>),
}

/// Validates NDJSON (one JSON value a line) against one of the schemas, line by line, as
/// `validateNdjson` reads bytes: blank lines (those JavaScript's `trim` empties) are skipped, a
/// `\r` before a line's end is ignored, byte-order marks at the start are dropped
/// ([`crate::ndjson::without_byte_order_marks`]); a line that is not JSON (or not UTF-8) is
/// reported as such and the rest still checked.
pub fn check_ndjson(root: Root, bytes: &[u8]) -> BatchReport {
    let bytes = crate::ndjson::without_byte_order_marks(bytes);
    check_ndjson_lines(root, bytes, 1)
}

/// [`check_ndjson`] on whole lines cut from a larger input (for input read, or checked on several
/// threads, a piece at a time): the first line is numbered `first_line`, and a byte-order mark is
/// not skipped (it is at the start of the input only).
///
/// Each line is scanned where it lies (`source::tape`, no `serde_json::Value` built); a line the
/// scanner leaves (see there) is parsed with serde_json, with the same answer.
pub fn check_ndjson_lines(root: Root, bytes: &[u8], first_line: usize) -> BatchReport {
    check_lines(root, bytes, first_line).0
}

/// [`check_ndjson_lines`], and how many `\n` the bytes hold (counted by the line loop, so that
/// cutting a file into parts needs no pass of its own).
pub(crate) fn check_lines(root: Root, bytes: &[u8], first_line: usize) -> (BatchReport, usize) {
    let mut report = BatchReport::default();
    let mut scanner = crate::source::tape::Scanner::default();
    let mut lines = 0;
    for (number, _, line, fast) in crate::fastpath::lines(root, bytes) {
        lines = number;
        // Most lines: valid, decided at once (a line the fast path accepts is never blank).
        let Fast::Unsure(split) = fast else {
            report.total += 1;
            report.valid += 1;
            continue;
        };
        if crate::ndjson::trims_to_nothing(line) {
            continue;
        }
        let number = number.saturating_add(first_line).saturating_sub(1);
        report.total += 1;
        match check_text_after(root, &mut scanner, line, split) {
            None => report.valid += 1,
            Some(mut problem) => {
                // Kept to the end: a few issues each, in allocations their size, not the
                // vector's first growth (four).
                if let LineProblem::Invalid(issues) = &mut problem {
                    issues.shrink_to_fit();
                }
                report.invalid.push((number, problem))
            }
        }
    }
    // Every line but the last ends at a `\n`.
    (report, lines.saturating_sub(1))
}

/// The problem of one JSON text (an NDJSON line, a row of an Arrow array) against `root`, or
/// `None` when it holds a valid value: scanned where it lies, or, where the scanner leaves it,
/// parsed with serde_json, with the same answer. `scanner` keeps its buffers between calls.
pub fn check_json_text(
    root: Root,
    scanner: &mut crate::source::tape::Scanner,
    text: &[u8],
) -> Option<LineProblem> {
    check_text_after(root, scanner, text, None)
}

/// [`check_json_text`] on a line the fast path split ([`crate::source::tape::Split`]).
fn check_text_after(
    root: Root,
    scanner: &mut crate::source::tape::Scanner,
    text: &[u8],
    split: Option<(crate::source::tape::Split, &str)>,
) -> Option<LineProblem> {
    // Split lines have no escapes, so no lone surrogate, which the scanner reads as JSON.parse
    // does and serde_json refuses (this API's reading, README: the parity promise): such texts go
    // to serde_json.
    let settled = match split.and_then(|(split, line)| scanner.check_split(root, line, &split)) {
        Some(line) => line,
        None => match scanner.scan(text) {
            Some(tape) if !tape.has_lone_surrogate() => tape.check(root),
            _ => Line::Unsure,
        },
    };
    match settled {
        Line::Valid => None,
        Line::Invalid(issues) => Some(LineProblem::Invalid(issues)),
        Line::Unsure => match serde_json::from_slice::<Json>(text) {
            Err(error) => Some(LineProblem::NotJson(error.to_string())),
            Ok(json) => match issues_of(root, &json) {
                issues if issues.is_empty() => None,
                issues => Some(LineProblem::Invalid(issues)),
            },
        },
    }
}

impl BatchReport {
    /// Adds the report of a later piece of the same input (line numbers already in the whole's).
    pub fn append(&mut self, later: BatchReport) {
        self.total += later.total;
        self.valid += later.valid;
        self.invalid.extend(later.invalid);
    }

    /// Numbers the lines as in a whole whose `lines_before` lines come before this piece's.
    pub fn renumber_after(&mut self, lines_before: usize) {
        self.invalid
            .iter_mut()
            .for_each(|(line, _)| *line += lines_before);
    }
}

impl LineProblem {
    /// The problem as the npm package's issues: the schema's, or one `invalid_json` issue.
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            LineProblem::Invalid(issues) => issues.clone(),
            LineProblem::NotJson(message) => vec![Issue::invalid_json(message)],
        }
    }
}

/// As the npm package's `validateNdjson` report: `{ total, valid, invalid, lines: [{ line, issues }] }`.
impl serde::Serialize for BatchReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(serde::Serialize)]
        struct Line {
            line: usize,
            issues: Vec<Issue>,
        }
        let lines: Vec<Line> = self
            .invalid
            .iter()
            .map(|(line, problem)| Line {
                line: *line,
                issues: problem.issues(),
            })
            .collect();
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("total", &self.total)?;
        map.serialize_entry("valid", &self.valid)?;
        map.serialize_entry("invalid", &self.invalid.len())?;
        map.serialize_entry("lines", &lines)?;
        map.end()
    }
}

/// [`check_ndjson`] with the entry schema.
pub fn check_entries_ndjson(bytes: &[u8]) -> BatchReport {
    check_ndjson(Root::Object(&entry::ENTRY), bytes)
}

/// The issues of `json` against one of the schemas, in Zod's order; empty when it is valid.
fn issues_of(root: Root, json: &Json) -> Vec<Issue> {
    // A JSON value can always be read to the end; were it not, the crate would be wrong.
    check(root, &mut JsonSource::of(json)).unwrap_or_else(|_| vec![Issue::internal()])
}

fn result<T>(issues: Vec<Issue>, build: impl FnOnce() -> Option<T>) -> Result<T, ValidationError> {
    if !issues.is_empty() {
        return Err(ValidationError { issues });
    }
    // Building reads only what the rules accepted, so it finds everything it needs (the fuzz
    // targets hold it to that); if it did not, the error says the crate is wrong, never nothing.
    build().ok_or_else(|| ValidationError {
        issues: vec![Issue::internal()],
    })
}

/// The issues `auditLogEntrySchema` reports for this JSON, in Zod's order; empty when it is valid.
pub fn entry_issues(json: &Json) -> Vec<Issue> {
    issues_of(Root::Object(&entry::ENTRY), json)
}

/// Validates an audit-log entry, as `auditLogEntrySchema.parse` does: unknown keys are dropped.
pub fn parse_entry(json: &Json) -> Result<AuditLogEntry, ValidationError> {
    result(entry_issues(json), || build_entry(json.as_object()?))
}

/// Parses JSON text and validates it as an audit-log entry.
pub fn parse_entry_str(text: &str) -> Result<AuditLogEntry, ParseError> {
    let json: Json = serde_json::from_str(text).map_err(ParseError::Json)?;
    Ok(parse_entry(&json)?)
}

/// Parses JSON bytes (UTF-8; invalid UTF-8 or a byte-order mark is a JSON error, as `JSON.parse` of
/// decoded text would reject them) and validates them as an audit-log entry.
pub fn parse_entry_slice(bytes: &[u8]) -> Result<AuditLogEntry, ParseError> {
    let json: Json = serde_json::from_slice(bytes).map_err(ParseError::Json)?;
    Ok(parse_entry(&json)?)
}

/// Validates an action name, as `auditLogActionSchema.parse` does.
pub fn parse_action(json: &Json) -> Result<AuditLogAction, ValidationError> {
    let issues = issues_of(Root::Value(entry::ACTION), json);
    result(issues, || AuditLogAction::from_name(json.as_str()?))
}

/// Validates one change, as `auditLogChangeSchema.parse` does: `old` and `new` may hold anything.
pub fn parse_change(json: &Json) -> Result<AuditLogChange, ValidationError> {
    let issues = issues_of(Root::Object(&entry::CHANGE), json);
    result(issues, || Some(build_change(json.as_object()?)))
}

/// The issues of a platform audit-log record, in the order a form shows them.
pub fn platform_record_issues(json: &Json) -> Vec<Issue> {
    issues_of(Root::Object(&platform::RECORD), json)
}

/// Validates a platform audit-log record: field rules, then the rules across fields.
pub fn parse_platform_record(json: &Json) -> Result<PlatformRecord, ValidationError> {
    result(platform_record_issues(json), || typed(json))
}

/// Parses JSON bytes and validates them as a platform audit-log record.
pub fn parse_platform_record_slice(bytes: &[u8]) -> Result<PlatformRecord, ParseError> {
    let json: Json = serde_json::from_slice(bytes).map_err(ParseError::Json)?;
    Ok(parse_platform_record(&json)?)
}

/// Validates one resource of a platform record on its own (the field rules; the rules across
/// resources need the whole record).
pub fn parse_platform_resource(json: &Json) -> Result<PlatformResource, ValidationError> {
    result(issues_of(Root::Object(&platform::RESOURCE), json), || {
        typed(json)
    })
}

/// Parses JSON text and validates it as a platform audit-log record.
pub fn parse_platform_record_str(text: &str) -> Result<PlatformRecord, ParseError> {
    let json: Json = serde_json::from_str(text).map_err(ParseError::Json)?;
    Ok(parse_platform_record(&json)?)
}

/// Checks a typed value by the same rules as its JSON from outside.
fn validate_typed<T: serde::Serialize>(
    value: &T,
    issues_of: fn(&Json) -> Vec<Issue>,
) -> Result<(), ValidationError> {
    // Serializing these types cannot fail (no maps with non-string keys); if it did, the crate is wrong.
    let json = serde_json::to_value(value).map_err(|_| ValidationError {
        issues: vec![Issue::internal()],
    })?;
    match issues_of(&json) {
        issues if issues.is_empty() => Ok(()),
        issues => Err(ValidationError { issues }),
    }
}

impl PlatformRecord {
    /// Checks a record built in Rust by the same rules as JSON from outside (lengths, the IP
    /// address, the resources its event needs, unique resource ids).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate_typed(self, platform_record_issues)
    }
}

impl AuditLogEntry {
    /// Checks an entry built in Rust by the same rules as JSON from outside (non-empty ids, the
    /// timestamp's format).
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate_typed(self, entry_issues)
    }
}

/// The typed value of JSON the rules accepted (serde drops the keys the schema does not know).
fn typed<T: DeserializeOwned>(json: &Json) -> Option<T> {
    T::deserialize(json).ok()
}

/// Builds the typed entry from JSON that passed every rule: `changes` in JavaScript's key order,
/// without the `__proto__` key Zod skips.
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
                js_order(record)
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

/// A model type that JSON is validated into by its schema: what generic code, such as the axum
/// extractor, needs to know about it.
pub trait Validated: Sized {
    /// What one value is called in messages, e.g. "audit-log entry".
    const WHAT: &'static str;
    /// Validates JSON into the type, or the issues its schema reports (as the npm package's schema
    /// of the same name reports them).
    fn from_json(json: &Json) -> Result<Self, ValidationError>;
}

impl Validated for AuditLogEntry {
    const WHAT: &'static str = "audit-log entry";
    fn from_json(json: &Json) -> Result<Self, ValidationError> {
        parse_entry(json)
    }
}

impl Validated for PlatformRecord {
    const WHAT: &'static str = "platform audit-log record";
    fn from_json(json: &Json) -> Result<Self, ValidationError> {
        parse_platform_record(json)
    }
}

impl Validated for AuditLogChange {
    const WHAT: &'static str = "audit-log change";
    fn from_json(json: &Json) -> Result<Self, ValidationError> {
        parse_change(json)
    }
}

impl Validated for AuditLogAction {
    const WHAT: &'static str = "audit-log action";
    fn from_json(json: &Json) -> Result<Self, ValidationError> {
        parse_action(json)
    }
}

impl Validated for PlatformResource {
    const WHAT: &'static str = "audit-log resource";
    fn from_json(json: &Json) -> Result<Self, ValidationError> {
        parse_platform_resource(json)
    }
}
