//! The platform record's rules across fields: a record names the resources its event acts on, at
//! least one unless the event acts on the record's own workspace, and each resource once.
//!
//! ```
//! use serde_json::json;
//! let record = |event, resources| json!({ "event": event, "workspaceId": "ws_1", "display": "",
//!     "actorId": "user_1", "actorType": "user", "resources": resources });
//! let described = |issues: Vec<auditlog::Issue>| -> Vec<(&str, String)> {
//!     issues.iter().map(|i| (i.code.name(), i.message.to_string())).collect()
//! };
//! assert_eq!(described(auditlog::platform_record_issues(&record("key.create", json!([])))), [
//!     ("too_small", "Too small: expected array to have >=1 items".to_owned()),
//!     ("missing_resource", "Event \"key.create\" needs a resource of type \"key\"".to_owned()),
//! ]);
//! // A workspace event acts on the record's own workspaceId.
//! assert!(auditlog::platform_record_issues(&record("workspace.update", json!([]))).is_empty());
//! let twice = json!([{ "id": "k", "type": "key" }, { "id": "k", "type": "key" }]);
//! let issues = auditlog::platform_record_issues(&record("key.create", twice));
//! assert_eq!(serde_json::to_value(&issues[0]).unwrap()["path"], json!(["resources", 1, "id"]));
//! assert_eq!(issues[0].message, "Resource ids must be unique: resources[0] has the same id");
//! ```
//!
//! Each runs where the fields it reads are readable (`resources` is an array; for
//! `missing_resource`, the event is a known event), so a form shows them next to the fields' own
//! issues. An unknown event does not excuse an empty list. Which resource types an event needs is
//! one table: `PlatformEvent::required_resources` (`src/model/platform.rs`).

use alloc::collections::BinaryHeap;
use alloc::vec;
use alloc::vec::Vec;

use super::schema::{FieldAt, FieldValues, Location, ReadObject, Step};
use crate::issues::{Issue, Origin, push_issue};
use crate::model::PlatformEvent;
use crate::value::{Kind, Text, Value};

/// Where the rules read, in the record and in each of its resources (`super::platform` gives them
/// by name, so that a renamed field fails to compile there instead of switching a rule off).
#[derive(Debug, Clone, Copy)]
pub struct RecordFields {
    /// The record's event.
    pub event: FieldAt,
    /// The record's list of resources.
    pub resources: FieldAt,
    /// A resource's id.
    pub id: FieldAt,
    /// A resource's type.
    pub resource_type: FieldAt,
}

/// The record's refinement: unique resource ids, then the resources its event needs.
pub(crate) fn check(
    fields: &RecordFields,
    record: &ReadObject<'_>,
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let items = record
        .arrays
        .iter()
        .find(|(field, _)| *field == fields.resources.index)
        .map_or(&[][..], |(_, items)| items.as_slice());
    let resources = at.child(Step::Field(fields.resources.name));
    check_unique_ids(fields, items, &resources, issues);
    let types: Vec<Text<'_>> = items
        .iter()
        .flatten()
        .filter_map(|item| text(item, fields.resource_type.index))
        .collect();
    check_event_resources(fields, record, items.is_empty(), &types, &resources, issues);
}

fn text<'a>(item: &FieldValues<'a>, field: usize) -> Option<Text<'a>> {
    item.get(field).and_then(Value::string_text)
}

/// Resource ids are unique within a record: each repeat is reported at its own `id`.
fn check_unique_ids(
    fields: &RecordFields,
    items: &[Option<FieldValues<'_>>],
    resources: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let mut ids: Vec<(Vec<u16>, u32)> = Vec::new();
    for (index, item) in (0u32..).zip(items) {
        let key: Vec<u16> = match item.as_ref().and_then(|item| text(item, fields.id.index)) {
            #[cfg(ndjson)]
            Some(Text::Utf8(s)) => s.encode_utf16().collect(),
            Some(Text::Utf16(units)) => units.to_vec(),
            Some(Text::LengthOnly(_)) | None => continue,
        };
        ids.push((key, index));
    }
    // Sorted by id, then index, so each id's first resource leads its run; by a heap, whose code
    // weighs a fraction of a map's or of the slice sorts' in the browser's module.
    let ids = BinaryHeap::from(ids).into_sorted_vec();
    let mut first_of: Vec<Option<u32>> = vec![None; items.len()];
    for run in ids.chunk_by(|a, b| a.0 == b.0) {
        if let Some(((_, first), rest)) = run.split_first() {
            for (_, index) in rest {
                if let Some(slot) = first_of.get_mut(*index as usize) {
                    *slot = Some(*first);
                }
            }
        }
    }
    for (index, first) in (0u32..).zip(first_of) {
        if let Some(first) = first {
            let item = resources.child(Step::Index(index));
            let path = item.child(Step::Field(fields.id.name)).path();
            push_issue(issues, Issue::duplicate_resource_id(first, path));
        }
    }
}

/// A record names what its event acts on: at least one resource unless the event acts on the
/// record's own workspace, and for `key.create` a resource of type `key`.
fn check_event_resources(
    fields: &RecordFields,
    record: &ReadObject<'_>,
    no_resources: bool,
    types: &[Text<'_>],
    resources: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let field = |at: FieldAt| record.fields.get(at.index);
    if field(fields.resources).is_none_or(|value| value.kind != Kind::Array) {
        return;
    }
    let event = field(fields.event)
        .and_then(Value::string_text)
        .and_then(|text| {
            PlatformEvent::ALL
                .iter()
                .find(|event| text.equals_ascii(event.as_str()))
        });
    if no_resources && !event.is_some_and(|event| event.acts_on_its_workspace()) {
        push_issue(
            issues,
            Issue::too_small(Origin::Array, 1, resources.path(), None),
        );
    }
    let Some(event) = event else {
        return;
    };
    for required in event.required_resources() {
        if !types.iter().any(|t| t.equals_ascii(required.as_str())) {
            let (event, resource_type) = (event.as_str(), required.as_str());
            push_issue(
                issues,
                Issue::missing_resource(event, resource_type, resources.path()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::rules::platform::RECORD;
    use crate::rules::{Root, codes_and_paths};

    fn codes(resources: serde_json::Value, event: &str) -> Vec<(&'static str, String)> {
        let record = json!({ "event": event, "workspaceId": "ws", "display": "", "actorId": "a", "actorType": "user", "resources": resources });
        codes_and_paths(Root::Object(&RECORD), &record)
    }

    #[test]
    fn an_event_needs_the_resources_it_acts_on() {
        assert!(codes(json!([{ "id": "k", "type": "key" }]), "key.create").is_empty());
        assert_eq!(
            codes(json!([{ "id": "a", "type": "api" }]), "key.create"),
            [("missing_resource", "resources".to_owned())]
        );
        // An unknown event is the event field's issue only.
        assert_eq!(
            codes(json!([{ "id": "a", "type": "api" }]), "nope"),
            [("invalid_value", "event".to_owned())]
        );
    }

    #[test]
    fn a_workspace_event_may_have_no_resources_and_others_need_one() {
        for event in [
            "workspace.create",
            "workspace.update",
            "workspace.delete",
            "workspace.opt_in",
        ] {
            assert!(codes(json!([]), event).is_empty(), "{event}");
            assert!(
                codes(json!([{ "id": "k", "type": "key" }]), event).is_empty(),
                "{event}"
            );
        }
        assert_eq!(
            codes(json!([]), "key.create"),
            [
                ("too_small", "resources".to_owned()),
                ("missing_resource", "resources".to_owned())
            ]
        );
        // A record whose event is unknown is not excused: the list is still empty.
        assert_eq!(
            codes(json!([]), "workspace.rename"),
            [
                ("invalid_value", "event".to_owned()),
                ("too_small", "resources".to_owned())
            ]
        );
        // A ratelimit.update naming only an override names the wrong event: still reported.
        assert_eq!(
            codes(
                json!([{ "id": "o", "type": "ratelimitOverride" }]),
                "ratelimit.update"
            ),
            [("missing_resource", "resources".to_owned())]
        );
    }

    #[test]
    fn each_repeated_id_points_at_the_first() {
        let resources = json!([{ "id": "k", "type": "key" }, { "id": "k", "type": "key" }, { "id": "k", "type": "api" }]);
        let found = codes(resources, "key.create");
        let expected = [
            ("duplicate_resource_id", "resources.1.id".to_owned()),
            ("duplicate_resource_id", "resources.2.id".to_owned()),
        ];
        assert_eq!(found, expected);
    }
}
