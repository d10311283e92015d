//! The platform's audit-log record (`PlatformRecord`, `src/model/platform.rs`) as a schema: field rules in
//! Zod's style (the record's JSON uses camelCase names), then the rules across fields
//! ([`super::resources`]).
//!
//! ```
//! use serde_json::json;
//! let record = auditlog::parse_platform_record(&json!({ "event": "key.create",
//!     "workspaceId": "ws_1", "display": "created a key", "actorId": "user_1",
//!     "actorType": "user", "resources": [{ "id": "key_1", "type": "key" }] })).unwrap();
//! assert_eq!(record.event, auditlog::PlatformEvent::KeyCreate);
//! ```

use alloc::vec::Vec;

use super::length::LengthLimits;
use super::resources::{self, RecordFields};
use super::schema::{FieldSpec, Format, Location, ObjectSchema, ReadObject, Rule, StringRule};
use crate::issues::Issue;
use crate::model::{PlatformActor, PlatformEvent, PlatformResourceType};

/// Every string of the record is at most this many characters (code points): the size of the storage
/// columns such records are kept in.
pub const MAX_STRING_LENGTH: u32 = 256;

/// `z.string().min(min).max(256)`, with `min` 0 meaning no minimum.
const fn bounded(min: u32) -> Rule {
    let min = if min > 0 { Some((min, None)) } else { None };
    Rule::String(StringRule {
        limits: LengthLimits {
            min,
            max: Some(MAX_STRING_LENGTH),
        },
        ..StringRule::ANY
    })
}

/// One of the 42 events.
pub const EVENT: Rule = Rule::Enum {
    values: PlatformEvent::NAMES,
    #[cfg(not(made_enum_messages))]
    message: PlatformEvent::INVALID_MESSAGE,
};

/// `rootkey`, `user` or `system`.
pub const ACTOR_TYPE: Rule = Rule::Enum {
    values: PlatformActor::NAMES,
    #[cfg(not(made_enum_messages))]
    message: PlatformActor::INVALID_MESSAGE,
};

/// One of the 13 resource types.
pub const RESOURCE_TYPE: Rule = Rule::Enum {
    values: PlatformResourceType::NAMES,
    #[cfg(not(made_enum_messages))]
    message: PlatformResourceType::INVALID_MESSAGE,
};

const RESOURCE_FIELDS: &[FieldSpec] = &[
    FieldSpec::required("id", bounded(1)),
    FieldSpec::required("type", RESOURCE_TYPE),
    FieldSpec::optional("name", bounded(0)),
    FieldSpec::optional("displayName", bounded(0)),
    FieldSpec::optional("meta", Rule::JsonObject),
];

/// `PlatformResource`: `{ id, type, name?, displayName?, meta? }`.
pub static RESOURCE: ObjectSchema = ObjectSchema {
    fields: RESOURCE_FIELDS,
    refine: None,
    #[cfg(not(browser_module))]
    description: Some("One resource a platform's audit-log record acts on."),
};

/// The record's `resources`. How many it needs depends on the event: [`super::resources`].
pub const RESOURCES: Rule = Rule::Array { items: &RESOURCE };

const RECORD_FIELDS: &[FieldSpec] = &[
    FieldSpec::required("event", EVENT),
    FieldSpec::required("workspaceId", bounded(1)),
    FieldSpec::required("display", bounded(0)),
    FieldSpec::required("actorId", bounded(1)),
    FieldSpec::required("actorType", ACTOR_TYPE),
    FieldSpec::optional("actorName", bounded(0)),
    FieldSpec::optional("actorMeta", Rule::JsonObject),
    FieldSpec::required("resources", RESOURCES),
    FieldSpec::optional(
        "remoteIp",
        Rule::String(StringRule {
            limits: LengthLimits {
                min: None,
                max: Some(MAX_STRING_LENGTH),
            },
            format: Some(Format::IpOrEmpty),
            message: None,
        }),
    ),
    FieldSpec::optional("userAgent", bounded(0)),
];

/// `PlatformRecord`, fields in the order of the Go struct.
pub static RECORD: ObjectSchema = ObjectSchema {
    fields: RECORD_FIELDS,
    refine: Some(check_resources),
    #[cfg(not(browser_module))]
    description: Some(
        "A platform's audit-log record. Also checked by auditlog, which JSON Schema cannot express: \
         resources has at least one item unless the event is a workspace.* event (too_small), the \
         event names every resource type it acts on (missing_resource), resource ids are unique \
         within the record (duplicate_resource_id), and metadata values are JSON nested at most 100 levels.",
    ),
};

/// Where the resources rules read: a renamed field fails to compile here.
const RESOURCE_RULES_READ: RecordFields = RecordFields {
    event: RECORD.field("event"),
    resources: RECORD.field("resources"),
    id: RESOURCE.field("id"),
    resource_type: RESOURCE.field("type"),
};

/// The record's rules across fields ([`super::resources`]).
fn check_resources(record: &ReadObject<'_>, at: &Location<'_, '_>, issues: &mut Vec<Issue>) {
    resources::check(&RESOURCE_RULES_READ, record, at, issues);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_but_the_workspace_events_needs_one_or_two_resource_types() {
        for event in PlatformEvent::ALL {
            let needs = event.required_resources().len();
            if event.as_str().starts_with("workspace.") {
                assert_eq!(needs, 0, "{event:?}");
            } else {
                assert!((1..=2).contains(&needs), "{event:?}");
            }
        }
        assert_eq!(PlatformEvent::ALL.len(), 42);
        assert_eq!(PlatformResourceType::ALL.len(), 13);
    }
}
