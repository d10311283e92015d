//! A JSON object (the platform record's metadata): a plain object whose values all survive
//! `JSON.parse(JSON.stringify(value))`.
//!
//! ```
//! use serde_json::json;
//! let record = |meta| json!({ "event": "workspace.update", "workspaceId": "ws_1", "display": "",
//!     "actorId": "user_1", "actorType": "user", "actorMeta": meta, "resources": [] });
//! let issues = auditlog::platform_record_issues(&record(json!([])));
//! assert_eq!(issues[0].message, "Invalid input: expected record, received array");
//! // 101 levels below the field: deeper than the rules read.
//! let mut deep = json!(1);
//! for _ in 0..101 {
//!     deep = json!([deep]);
//! }
//! let issues = auditlog::platform_record_issues(&record(json!({ "deep": deep })));
//! let (code, message) = (issues[0].code.name(), issues[0].message.as_ref());
//! assert_eq!((code, message), ("too_big", "Too big: expected JSON to nest at most 100 levels"));
//! // Where the walk stopped: the field, its key, then 99 levels of arrays.
//! assert_eq!(issues[0].path.len(), 2 + 99);
//! ```
//!
//! JSON values are null, booleans, finite numbers, strings, arrays and plain objects with string
//! keys. The walk stops at [`MAX_JSON_DEPTH`] levels below the field.

use alloc::vec::Vec;

use super::is_record;
use super::record::symbol_key_issue;
use super::schema::{Location, MAX_JSON_DEPTH, Reads, Step};
use crate::issues::{Expected, Issue, Origin, push_issue};
use crate::source::{Source, Unreadable};
use crate::value::{KeyKind, Kind};

/// What the rule reads: the whole JSON tree, down to the deepest level it checks.
pub(crate) const READS: Reads = Reads::Json(MAX_JSON_DEPTH);

/// The issues of the JSON object at hand, and of everything inside it.
pub(crate) fn check<'a>(
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
) -> Result<(), Unreadable> {
    if !is_record(&source.value(), at, issues) {
        return Ok(());
    }
    check_inside(source, 0, at, issues)
}

/// A JSON object's or array's inside, `depth` levels below its field.
fn check_inside<'a>(
    source: &mut dyn Source<'a>,
    depth: u32,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
) -> Result<(), Unreadable> {
    if source.cycle() {
        push_issue(issues, Issue::circular_json(at.path()));
        return Ok(());
    }
    if source.too_deep() || depth >= MAX_JSON_DEPTH {
        push_issue(
            issues,
            Issue::too_big(Origin::Json, MAX_JSON_DEPTH, at.path()),
        );
        return Ok(());
    }
    // One child of a JSON container; a symbol key's value is not read (`JSON.stringify` drops it).
    let mut child = |child: &mut dyn Source<'a>,
                     at: &Location<'_, 'a>,
                     symbol_key: bool|
     -> Result<(), Unreadable> {
        if symbol_key {
            push_issue(issues, symbol_key_issue(at));
            return Ok(());
        }
        let value = child.value();
        match value.kind {
            Kind::Null | Kind::Boolean | Kind::Number | Kind::String => {}
            Kind::Array => check_inside(child, depth + 1, at, issues)?,
            Kind::Object if value.plain => check_inside(child, depth + 1, at, issues)?,
            _ => push_issue(
                issues,
                Issue::invalid_type(Expected::Json, &value, at.path(), None),
            ),
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::rules::schema::Rule;
    use crate::rules::{Root, codes_and_paths};

    const JSON: Root = Root::Value(Rule::JsonObject);

    #[test]
    fn any_json_inside_a_plain_object_passes() {
        assert!(
            codes_and_paths(JSON, &json!({ "a": [1, "x", null, true, { "b": [] }] })).is_empty()
        );
        assert_eq!(
            codes_and_paths(JSON, &json!([1])),
            [("invalid_type", String::new())]
        );
    }

    #[test]
    fn nesting_stops_at_one_hundred_levels() {
        let mut deep = json!(1);
        for _ in 0..101 {
            deep = json!([deep]);
        }
        let found = codes_and_paths(JSON, &json!({ "deep": deep }));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "too_big");
        // At the 100th level below the field: the field, then 99 indices.
        assert_eq!(
            found[0].1.split('.').count(),
            100,
            "reported where the walk stopped"
        );
    }
}
