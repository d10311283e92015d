//! `z.record(z.string(), schema)`: a plain object whose every value is an object of `schema`.
//!
//! ```
//! use serde_json::json;
//! // `changes: z.record(z.string(), auditLogChangeSchema).optional()`
//! let entry = |changes| json!({ "id": "audit_1", "action": "update", "actor_id": "user_1",
//!     "resource_type": "report", "resource_id": "report_1", "timestamp": "2026-05-16T18:30:00Z",
//!     "changes": changes });
//! let issues = auditlog::entry_issues(&entry(json!([])));
//! assert_eq!(issues[0].message, "Invalid input: expected record, received array");
//! let issues = auditlog::entry_issues(&entry(json!({ "role": 5 })));
//! assert_eq!(serde_json::to_value(&issues[0].path).unwrap(), json!(["changes", "role"]));
//! assert!(auditlog::entry_issues(&entry(json!({ "role": { "old": "a", "new": "b" } }))).is_empty());
//! ```
//!
//! Keys are walked in JavaScript's order (array indices first); a `__proto__` key is neither
//! checked nor copied, as Zod skips it.

use alloc::vec;
use alloc::vec::Vec;

use super::schema::{Location, ObjectSchema, Step};
use super::{is_record, object};
use crate::issues::{Expected, Issue, push_issue};
use crate::source::{Source, Unreadable};
use crate::value::{KeyKind, Kind, Value};

/// The issues of the record at hand and of each of its entries.
pub(crate) fn check<'a>(
    schema: &ObjectSchema,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
) -> Result<(), Unreadable> {
    if !is_record(&source.value(), at, issues) {
        return Ok(());
    }
    source.entries(&mut |key_kind, key, entry| {
        let here = at.child(Step::Key(key));
        match key_kind {
            // Zod neither checks nor copies a `__proto__` key.
            KeyKind::Proto => {}
            KeyKind::Symbol => push_issue(issues, symbol_key_issue(&here)),
            KeyKind::String => {
                object::check(schema, entry, &here, issues, false)?;
            }
        }
        Ok(())
    })
}

/// Zod's `invalid_key` for a symbol key of a record: its key schema, `z.string()`, rejected it.
pub(crate) fn symbol_key_issue(at: &Location<'_, '_>) -> Issue {
    let symbol = Value::of_kind(Kind::Symbol);
    let why = Issue::invalid_type(Expected::String, &symbol, Vec::new(), None);
    Issue::invalid_key(vec![why], at.path())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::rules::entry::CHANGES;
    use crate::rules::{Root, codes_and_paths};

    #[test]
    fn each_entry_is_checked_in_javascripts_key_order() {
        let changes = json!({ "b": 1, "10": 2, "a": {}, "__proto__": 3 });
        let found = codes_and_paths(Root::Value(CHANGES), &changes);
        assert_eq!(
            found,
            [
                ("invalid_type", "10".to_owned()),
                ("invalid_type", "b".to_owned())
            ]
        );
        assert_eq!(
            codes_and_paths(Root::Value(CHANGES), &json!([])),
            [("invalid_type", String::new())]
        );
        assert!(
            codes_and_paths(
                Root::Value(CHANGES),
                &json!({ "role": { "old": 1, "new": 2 } })
            )
            .is_empty()
        );
    }
}
