//! The rules: which values each schema accepts and which issues it reports otherwise, decided here
//! once for every front end. One rule a module, each with its own tests:
//!
//! | rule | module |
//! |---|---|
//! | `z.object(...)`, and the rules across an object's fields | [`object`] |
//! | `z.string()`, its formats | [`string`], [`datetime`], [`ip`] |
//! | `.min(n)`, `.max(n)` | [`length`] |
//! | `z.enum([...])` | [`enumeration`] |
//! | `z.record(z.string(), schema)` | [`record`] |
//! | `z.array(schema)` | [`array`](mod@array) |
//! | a JSON object (metadata) | [`json`] |
//! | the platform record's resources and events | [`resources`] |
//!
//! The schemas themselves are tables in this vocabulary ([`schema`]): [`entry`] and [`platform`].

// The browser's open-types module leaves the array and JSON-object rules out (see check_rule_of).
#[cfg_attr(
    all(target_arch = "wasm32", feature = "open-types-only"),
    allow(dead_code)
)]
pub mod array;
pub mod datetime;
pub mod entry;
pub mod enumeration;
// The browser's open-types module leaves the IP address check out (see string.rs).
#[cfg_attr(
    all(target_arch = "wasm32", feature = "open-types-only"),
    allow(dead_code)
)]
pub mod ip;
#[cfg_attr(
    all(target_arch = "wasm32", feature = "open-types-only"),
    allow(dead_code)
)]
pub mod json;
pub mod length;
pub mod object;
pub mod platform;
pub mod record;
pub mod resources;
pub mod schema;
pub mod string;

use alloc::vec::Vec;

use crate::issues::{Expected, Issue, push_issue};
#[cfg(ndjson)]
use crate::source::tape::{Line, Scanner, Split, SplitSource, Tape};
use crate::source::{Source, Unreadable};
use crate::value::Value;
use schema::{FieldValues, Location, ObjectSchema, Reads, Rule, Shortcut};

/// A schema an input is checked against at the top: an object schema, or a single value's rule.
#[derive(Debug, Clone, Copy)]
pub enum Root {
    /// An object schema (the entry, a change, the platform record, a resource).
    Object(&'static ObjectSchema),
    /// A single value's rule (the action enum).
    Value(Rule),
}

/// The issues of the input at hand against `root`, in Zod's order; empty when valid. An error if
/// the source cannot be read to the end.
pub fn check<'a>(root: Root, source: &mut dyn Source<'a>) -> Result<Vec<Issue>, Unreadable> {
    let mut issues = Vec::new();
    let at = Location::ROOT;
    match root {
        Root::Object(schema) => {
            object::check(schema, source, &at, &mut issues, false)?;
        }
        Root::Value(rule) => {
            check_rule(&rule, source, &at, &mut issues, false)?;
        }
    }
    Ok(issues)
}

impl Rule {
    /// What the rule reads of a value (each rule's module says).
    pub const fn reads(&self) -> Reads {
        match self {
            Rule::Unknown => Reads::Nothing,
            Rule::String(rule) => string::reads(rule),
            Rule::Enum { .. } => enumeration::READS,
            Rule::Record(schema) => Reads::Record(schema),
            Rule::Array { items } => Reads::Array(items),
            Rule::JsonObject => json::READS,
        }
    }

    /// The check a front end may run by itself for this rule.
    pub const fn shortcut(&self) -> Shortcut {
        match self {
            Rule::Unknown => Shortcut::Any,
            Rule::String(rule) => string::shortcut(rule),
            Rule::Enum { values, .. } => Shortcut::OneOf(values),
            // Their insides are walked, and their objects' fields checked with these shortcuts.
            Rule::Record(_) | Rule::Array { .. } | Rule::JsonObject => Shortcut::None,
        }
    }
}

#[cfg(ndjson)]
impl Scanner {
    /// What the rules say of one NDJSON line (without its `\n`) against `root`.
    pub fn check_line(&mut self, root: Root, line: &[u8]) -> Line {
        match self.scan(line) {
            Some(tape) => tape.check(root),
            None => Line::Unsure,
        }
    }
}

#[cfg(ndjson)]
impl Scanner {
    /// What the rules say of a line the fast path split ([`Split`]): only the fields it did not
    /// verify are scanned and checked. `None` where the line must be scanned whole.
    pub fn check_split(&mut self, root: Root, line: &str, split: &Split) -> Option<Line> {
        // The split source skips the verified fields, which a refinement would read.
        let Root::Object(schema) = root else {
            return None;
        };
        if schema.refine.is_some() {
            return None;
        }
        let (tape, values) = self.scan_split(line, split, schema.fields.len())?;
        let mut source = SplitSource::new(tape, values, split.verified());
        match check(root, &mut source) {
            Ok(issues) if issues.is_empty() => Some(Line::Valid),
            Ok(issues) => Some(Line::Invalid(issues)),
            Err(_) => None,
        }
    }
}

#[cfg(ndjson)]
impl Tape<'_> {
    /// What the rules say of the scanned line's value.
    pub(crate) fn check(self, root: Root) -> Line {
        match check(root, &mut self.source()) {
            Ok(issues) if issues.is_empty() => Line::Valid,
            Ok(issues) => Line::Invalid(issues),
            // The tape is built by the scanner, so it is never malformed; what it leaves out,
            // JSON.parse decides.
            Err(Unreadable::LeftToJavaScript | Unreadable::MalformedFacts) => Line::Unsure,
        }
    }
}

/// Checks the value at hand against a rule. With `keep_items`, an array rule returns each item's
/// field values (for a refinement); otherwise the result is empty.
pub(crate) fn check_rule<'a>(
    rule: &Rule,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep_items: bool,
) -> Result<Vec<Option<FieldValues<'a>>>, Unreadable> {
    check_rule_of(rule, source, None, at, issues, keep_items)
}

/// [`check_rule`], given the value `source.value()` answers if the caller has read it already
/// (an object's fields are read before their rules run): read once.
// `keep_items` is for arrays, which the open-types module leaves out.
#[cfg_attr(
    all(target_arch = "wasm32", feature = "open-types-only"),
    allow(unused_variables)
)]
pub(crate) fn check_rule_of<'a>(
    rule: &Rule,
    source: &mut dyn Source<'a>,
    value: Option<Value<'a>>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep_items: bool,
) -> Result<Vec<Option<FieldValues<'a>>>, Unreadable> {
    // Valid by the glue's fast check. (Where a refinement would read it, object::check has refused it.)
    if source.verified() {
        return Ok(Vec::new());
    }
    match rule {
        Rule::Unknown => {}
        Rule::String(rule) => {
            let value = value.unwrap_or_else(|| source.value());
            string::check(rule, &value, at, issues)
        }
        #[cfg(not(made_enum_messages))]
        Rule::Enum { values, message } => {
            let value = value.unwrap_or_else(|| source.value());
            enumeration::check(values, message, &value, at, issues)
        }
        #[cfg(made_enum_messages)]
        Rule::Enum { values } => {
            let value = value.unwrap_or_else(|| source.value());
            enumeration::check(values, &value, at, issues)
        }
        Rule::Record(schema) => record::check(schema, source, at, issues)?,
        #[cfg(not(all(target_arch = "wasm32", feature = "open-types-only")))]
        Rule::Array { items } => {
            return array::check(items, source, at, issues, keep_items);
        }
        #[cfg(not(all(target_arch = "wasm32", feature = "open-types-only")))]
        Rule::JsonObject => json::check(source, at, issues)?,
        // The browser's open-types module has no schema with an array or a JSON object (protocol.rs
        // checks so at compile time), so it leaves their rules, and their code, out, and fails closed.
        #[cfg(all(target_arch = "wasm32", feature = "open-types-only"))]
        Rule::Array { .. } | Rule::JsonObject => return Err(Unreadable::MalformedFacts),
    }
    Ok(Vec::new())
}

/// Whether the value is a record (a plain object); if not, its `invalid_type` issue is added.
pub(crate) fn is_record(value: &Value<'_>, at: &Location<'_, '_>, issues: &mut Vec<Issue>) -> bool {
    let is_record = value.is_object() && value.plain;
    if !is_record {
        push_issue(
            issues,
            Issue::invalid_type(Expected::Record, value, at.path(), None),
        );
    }
    is_record
}

/// For the rules' unit tests: the issues of `json` against `root`, each as its code and its path,
/// dotted (`resources.1.id`).
#[cfg(test)]
pub(crate) fn codes_and_paths(root: Root, json: &serde_json::Value) -> Vec<(&'static str, String)> {
    let issues = check(root, &mut crate::source::json::JsonSource::of(json))
        .expect("a JSON value is always readable");
    let dotted = |path: &[crate::issues::PathItem]| {
        path.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(".")
    };
    issues
        .iter()
        .map(|issue| (issue.code.name(), dotted(&issue.path)))
        .collect()
}
