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

use alloc::vec;
use alloc::vec::Vec;

use super::schema::{FieldAt, FieldValues, Location, ReadObject, Step};
use crate::issues::{Issue, Origin, push_issue};
use crate::model::{PlatformEvent, PlatformResourceType};
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
    check_event_resources(fields, record, items, &resources, issues);
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
    let mut ids: Vec<(IdKey<'_>, u32)> = Vec::new();
    for (index, item) in (0u32..).zip(items) {
        let key: IdKey<'_> = match item.as_ref().and_then(|item| text(item, fields.id.index)) {
            #[cfg(ndjson)]
            Some(Text::Utf8(s)) => s.encode_utf16().collect(),
            #[cfg(ndjson)]
            Some(Text::Utf16(units)) => units.to_vec(),
            #[cfg(browser_module)]
            Some(Text::Utf16(units)) => units,
            Some(Text::LengthOnly(_)) | None => continue,
        };
        ids.push((key, index));
    }
    // Sorted by id, then index, so each id's first resource leads its run. By a heap sort of our
    // own: in the browser's module with every schema its code is a fraction of a map's or of the
    // slice sorts', and 0.25 KB gzip less than `BinaryHeap`'s (measured when it replaced it).
    heap_sort(&mut ids);
    let mut first_of: Vec<Option<u32>> = vec![None; items.len()];
    let mut run = 0;
    for at in 1..ids.len() {
        if ids[at].0 == ids[run].0 {
            if let Some(slot) = first_of.get_mut(ids[at].1 as usize) {
                *slot = Some(ids[run].1);
            }
        } else {
            run = at;
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

/// A resource's id as the sort compares it: its UTF-16 units (JavaScript's order of strings), read
/// in place in the browser's modules, whose text is all UTF-16.
#[cfg(ndjson)]
type IdKey<'a> = Vec<u16>;
#[cfg(browser_module)]
type IdKey<'a> = &'a [u16];

/// Sorts `v`, in O(n log n) (a record may name any number of resources).
fn heap_sort<T: Ord>(v: &mut [T]) {
    // Moves the element at `node` down the max-heap `v` to its place.
    fn sift_down<T: Ord>(v: &mut [T], mut node: usize) {
        loop {
            let mut child = 2 * node + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && less(&v[child], &v[child + 1]) {
                child += 1;
            }
            if !less(&v[node], &v[child]) {
                return;
            }
            v.swap(node, child);
            node = child;
        }
    }
    // One copy of the comparison's code in the browser's modules, not one at each of its uses.
    #[cfg_attr(browser_module, inline(never))]
    fn less<T: Ord>(a: &T, b: &T) -> bool {
        a < b
    }
    for node in (0..v.len() / 2).rev() {
        sift_down(v, node);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

/// A record names what its event acts on: at least one resource unless the event acts on the
/// record's own workspace, and for `key.create` a resource of type `key`.
fn check_event_resources(
    fields: &RecordFields,
    record: &ReadObject<'_>,
    items: &[Option<FieldValues<'_>>],
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
            PlatformEvent::NAMES
                .iter()
                .position(|name| text.equals_ascii(name))
        });
    if items.is_empty()
        && !event.is_some_and(|event| PlatformEvent::ALL[event].acts_on_its_workspace())
    {
        push_issue(
            issues,
            Issue::too_small(Origin::Array, 1, resources.path(), None),
        );
    }
    let Some(event) = event else {
        return;
    };
    let needs = NEEDS[event];
    for required in [needs & 15, needs >> 4] {
        let Some(resource_type) =
            PlatformResourceType::NAMES.get(usize::from(required).wrapping_sub(1))
        else {
            continue;
        };
        let named = |item: &FieldValues<'_>| {
            text(item, fields.resource_type.index).is_some_and(|t| t.equals_ascii(resource_type))
        };
        if !items.iter().flatten().any(named) {
            let event = PlatformEvent::NAMES[event];
            push_issue(
                issues,
                Issue::missing_resource(event, resource_type, resources.path()),
            );
        }
    }
}

/// [`PlatformEvent::required_resources`] as one byte per event (in the order of
/// [`PlatformEvent::ALL`]): the number of the first type plus one in the low four bits, of the
/// second in the high four, 0 where there is none. Made from that table at compile time: smaller
/// than its code.
const NEEDS: [u8; PlatformEvent::ALL.len()] = {
    let mut needs = [0; PlatformEvent::ALL.len()];
    let mut i = 0;
    while i < needs.len() {
        let required = PlatformEvent::ALL[i].required_resources();
        assert!(required.len() <= 2 && PlatformResourceType::ALL.len() < 16);
        let mut j = 0;
        while j < required.len() {
            needs[i] |= (required[j] as u8 + 1) << (4 * j);
            j += 1;
        }
        i += 1;
    }
    needs
};

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
    fn the_heap_sort_sorts() {
        let mut state = 7u32;
        for len in 0..40 {
            let mut v: Vec<(Vec<u16>, u32)> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let key = (0..(state >> 16) % 3).map(|k| ((state >> k) % 3) as u16);
                    (key.collect(), i)
                })
                .collect();
            let mut sorted = v.clone();
            sorted.sort();
            super::heap_sort(&mut v);
            assert_eq!(v, sorted, "{len}");
        }
    }

    #[test]
    fn the_packed_table_is_the_events_table() {
        use crate::model::{PlatformEvent, PlatformResourceType};
        for (i, event) in PlatformEvent::ALL.iter().enumerate() {
            let needs = super::NEEDS[i];
            let unpacked: Vec<PlatformResourceType> = [needs & 15, needs >> 4]
                .into_iter()
                .filter(|&n| n > 0)
                .map(|n| PlatformResourceType::ALL[usize::from(n) - 1])
                .collect();
            assert_eq!(unpacked, event.required_resources(), "{event:?}");
        }
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
