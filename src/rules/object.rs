//! `z.object({...})`: every field is checked, in schema order (no early stop), and unknown keys are
//! dropped; then the schema's rules across fields, if it has any.
//!
//! ```
//! use serde_json::json;
//! let issues = auditlog::entry_issues(&json!(5));
//! assert_eq!(issues[0].message, "Invalid input: expected object, received number");
//! // Every field is checked, in schema order: an empty id, then each missing required field.
//! let paths: Vec<String> = auditlog::entry_issues(&json!({ "id": "" }))
//!     .iter()
//!     .map(|issue| issue.path[0].to_string())
//!     .collect();
//! assert_eq!(paths, ["id", "action", "actor_id", "resource_type", "resource_id", "timestamp"]);
//! ```

use alloc::vec::Vec;

use super::check_rule_of;
use super::schema::{Location, MAX_FIELDS, ObjectSchema, ReadObject, Step};
use crate::issues::{Expected, Issue, push_issue};
use crate::source::{Source, Unreadable};
use crate::value::{Kind, Value};

/// Whether this is the browser's open-types module, which keeps nothing of what it reads: none of
/// its schemas has rules across fields (src/wasm/protocol.rs checks so at compile time) or an array
/// (whose items' fields a refinement would read), so the code that keeps and refines is left out.
const KEEPS_NOTHING: bool = cfg!(all(target_arch = "wasm32", feature = "open-types-only"));

/// Checks the object at hand against `schema`, adding what is wrong to `issues` in Zod's order.
/// With `keep`, or when the schema has a refinement, returns what it read of the object (its fields'
/// values); `None` when it is not an object or nothing was kept.
pub(crate) fn check<'a>(
    schema: &ObjectSchema,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep: bool,
) -> Result<Option<ReadObject<'a>>, Unreadable> {
    let (keep, refine) = (
        keep && !KEEPS_NOTHING,
        schema.refine.filter(|_| !KEEPS_NOTHING),
    );
    let value = source.value();
    if source.verified() {
        // Verified objects are not described, and a refinement reads every field.
        return if keep || refine.is_some() {
            Err(Unreadable::MalformedFacts)
        } else {
            Ok(None)
        };
    }
    if !value.is_object() {
        push_issue(
            issues,
            Issue::invalid_type(Expected::Object, &value, at.path(), None),
        );
        return Ok(None);
    }
    // Only a refinement (this object's, or its parent's on its items) reads the fields again.
    let mut read = (keep || refine.is_some()).then(|| ReadObject {
        fields: [Value::undefined(); MAX_FIELDS],
        arrays: Vec::new(),
    });
    let keep_items = refine.is_some();
    source.fields(schema, &mut |index, field| {
        let value = field.value();
        // A source visits the indices of the schema's fields, so both lookups find them.
        let (Some(spec), true) = (schema.fields.get(index), index < MAX_FIELDS) else {
            return Err(Unreadable::MalformedFacts);
        };
        if let Some(read) = read.as_mut() {
            if field.verified() {
                return Err(Unreadable::MalformedFacts);
            }
            read.fields[index] = value;
        }
        if spec.optional && value.kind == Kind::Undefined {
            return Ok(());
        }
        let items = check_rule_of(
            &spec.rule,
            field,
            Some(value),
            &at.child(Step::Field(spec.name)),
            issues,
            keep_items,
        )?;
        if let Some(read) = read.as_mut()
            && !items.is_empty()
        {
            read.arrays.push((index, items));
        }
        Ok(())
    })?;
    if let (Some(refine), Some(read)) = (refine, read.as_ref()) {
        refine(read, at, issues);
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::rules::entry::ENTRY;
    use crate::rules::{Root, codes_and_paths};

    fn fields_with_issues(json: serde_json::Value) -> Vec<String> {
        codes_and_paths(Root::Object(&ENTRY), &json)
            .into_iter()
            .map(|(_, path)| path)
            .collect()
    }

    #[test]
    fn every_field_is_checked_in_schema_order_and_unknown_keys_are_ignored() {
        assert_eq!(fields_with_issues(json!(5)), [""]);
        let all_missing = fields_with_issues(json!({ "extra": 1 }));
        assert_eq!(
            all_missing,
            [
                "id",
                "action",
                "actor_id",
                "resource_type",
                "resource_id",
                "timestamp"
            ]
        );
    }
}
