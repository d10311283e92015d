//! `z.array(schema)`: an array of objects of `schema`. How many items a record's `resources` needs
//! depends on its event: a rule across fields ([`super::resources`]).
//!
//! ```
//! use serde_json::json;
//! let record = |resources| json!({ "event": "workspace.update", "workspaceId": "ws_1",
//!     "display": "", "actorId": "user_1", "actorType": "user", "resources": resources });
//! assert!(auditlog::platform_record_issues(&record(json!([]))).is_empty());
//! let issues = auditlog::platform_record_issues(&record(json!("")));
//! assert_eq!(issues[0].message, "Invalid input: expected array, received string");
//! // Each item's own issues, at its index.
//! let issues = auditlog::platform_record_issues(&record(json!([{ "id": "", "type": "key" }])));
//! assert_eq!(serde_json::to_value(&issues[0].path).unwrap(), json!(["resources", 0, "id"]));
//! ```

use alloc::vec::Vec;

use super::object;
use super::schema::{FieldValues, Location, ObjectSchema, Step};
use crate::issues::{Expected, Issue, push_issue};
use crate::source::{Source, Unreadable};
use crate::value::Kind;

/// The issues of the array at hand and of each item. With `keep_items`, returns each item's field
/// values (`None` for an item that is not an object), for the refinement of the object that holds
/// the array.
pub(crate) fn check<'a>(
    items: &ObjectSchema,
    source: &mut dyn Source<'a>,
    at: &Location<'_, 'a>,
    issues: &mut Vec<Issue>,
    keep_items: bool,
) -> Result<Vec<Option<FieldValues<'a>>>, Unreadable> {
    let value = source.value();
    let mut kept = Vec::new();
    if value.kind == Kind::Array {
        source.items(&mut |index, item| {
            let read = object::check(
                items,
                item,
                &at.child(Step::Index(index)),
                issues,
                keep_items,
            )?;
            if keep_items {
                kept.push(read.map(|read| read.fields));
            }
            Ok(())
        })?;
    } else {
        push_issue(
            issues,
            Issue::invalid_type(Expected::Array, &value, at.path(), None),
        );
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::rules::platform::RESOURCES;
    use crate::rules::{Root, codes_and_paths};

    fn codes(json: serde_json::Value) -> Vec<&'static str> {
        codes_and_paths(Root::Value(RESOURCES), &json)
            .into_iter()
            .map(|(code, _)| code)
            .collect()
    }

    #[test]
    fn items_are_checked() {
        assert!(codes(json!([])).is_empty());
        assert_eq!(codes(json!("")), ["invalid_type"]);
        assert_eq!(
            codes(json!([{ "id": "k", "type": "key" }, 5])),
            ["invalid_type"]
        );
        assert!(codes(json!([{ "id": "k", "type": "key" }])).is_empty());
    }
}
