//! The platform record's rules across fields: an event names the resources it acts on, and a
//! record names each resource once.
//!
//! ```text
//! { event: "key.create", resources: [{ type: "api" }] }
//!     -> missing_resource { event: "key.create", expected: "key" } at ["resources"]
//! { resources: [{ id: "a" }, { id: "a" }] }
//!     -> duplicate_resource_id { first: 0 } at ["resources", 1, "id"]
//! ```
//!
//! Each runs where the fields it reads are readable (the event is a known event, `resources` is an
//! array), so a form shows them next to the fields' own issues. Which resource types an event needs
//! is one table: `AuditLogEvent::required_resources` (`src/model/platform.rs`).

use std::collections::BTreeMap;

use super::platform::{RECORD, RESOURCE};
use super::schema::{FieldValues, Location, ReadObject, Step};
use crate::issues::{Issue, IssueCode};
use crate::messages;
use crate::model::AuditLogEvent;
use crate::value::{Kind, Text, Value};

// Where the rules read: a renamed field fails to compile here instead of switching a rule off.
const EVENT_AT: usize = RECORD.field_index("event");
const RESOURCES_AT: usize = RECORD.field_index("resources");
const ID_AT: usize = RESOURCE.field_index("id");
const TYPE_AT: usize = RESOURCE.field_index("type");

/// The record's refinement: unique resource ids, then the resources its event needs.
pub(crate) fn check_resources(
    record: &ReadObject<'_>,
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let items = record
        .arrays
        .iter()
        .find(|(field, _)| *field == RESOURCES_AT)
        .map_or(&[][..], |(_, items)| items.as_slice());
    check_unique_ids(items, at, issues);
    let types: Vec<Text<'_>> = items
        .iter()
        .flatten()
        .filter_map(|item| text(item, TYPE_AT))
        .collect();
    check_event_resources(record, &types, at, issues);
}

fn text<'a>(item: &FieldValues<'a>, field: usize) -> Option<Text<'a>> {
    item.get(field).and_then(Value::string_text)
}

/// Resource ids are unique within a record: each repeat is reported at its own `id`.
fn check_unique_ids(
    items: &[Option<FieldValues<'_>>],
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let mut first_with_id: BTreeMap<Vec<u16>, u32> = BTreeMap::new();
    for (index, item) in (0u32..).zip(items) {
        let key: Vec<u16> = match item.as_ref().and_then(|item| text(item, ID_AT)) {
            Some(Text::Utf8(s)) => s.encode_utf16().collect(),
            Some(Text::Utf16(units)) => units.to_vec(),
            Some(Text::LengthOnly(_)) | None => continue,
        };
        match first_with_id.get(&key) {
            Some(&first) => {
                let here = at.child(Step::Field("resources"));
                let item = here.child(Step::Index(index));
                issues.push(Issue {
                    code: IssueCode::DuplicateResourceId { first },
                    path: item.child(Step::Field("id")).path(),
                    message: messages::duplicate_resource_id(first),
                });
            }
            None => {
                first_with_id.insert(key, index);
            }
        }
    }
}

/// An event acts on the resources it names: `key.create` needs a resource of type `key`.
fn check_event_resources(
    record: &ReadObject<'_>,
    types: &[Text<'_>],
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let is_array = record.fields[RESOURCES_AT].kind == Kind::Array;
    let event = record.fields[EVENT_AT].string_text();
    let Some(event) = event.and_then(|text| {
        AuditLogEvent::ALL
            .iter()
            .find(|event| text.equals_ascii(event.as_str()))
    }) else {
        return;
    };
    if !is_array {
        return;
    }
    for required in event.required_resources() {
        if !types.iter().any(|t| t.equals_ascii(required.as_str())) {
            issues.push(Issue {
                code: IssueCode::MissingResource {
                    event: event.as_str(),
                    resource_type: required.as_str(),
                },
                path: at.child(Step::Field("resources")).path(),
                message: messages::missing_resource(event.as_str(), required.as_str()),
            });
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
