//! Seed 000's platform record (`AuditLog`): the Go package promised "types and validation logic";
//! these are the rules. Field rules in Zod's style (the record's JSON uses camelCase names), then
//! the rules across fields: an event names the resources it acts on, and resource ids are unique.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::LengthLimits;
use super::schema::{
    FieldSpec, FieldValues, Format, Location, ObjectSchema, ReadObject, Rule, Step, StringRule,
};
use crate::input::{Kind, Text, Value};
use crate::issues::{Issue, IssueCode};
use crate::model::{AuditLogActor, AuditLogEvent, AuditLogResourceType};

/// Every string of the record is at most this many characters (code points): the size of the storage
/// columns such records are kept in.
pub const MAX_STRING_LENGTH: u32 = 256;

/// `z.string().min(min).max(256)`, with `min` 0 meaning no minimum.
const fn bounded(min: u32) -> Rule {
    Rule::String(StringRule {
        limits: LengthLimits {
            min: if min > 0 { Some((min, None)) } else { None },
            max: Some(MAX_STRING_LENGTH),
        },
        format: None,
        message: None,
    })
}

/// One of the 42 events.
pub const EVENT: Rule = Rule::Enum {
    values: AuditLogEvent::NAMES,
    message: r#"Invalid option: expected one of "workspace.create"|"workspace.update"|"workspace.delete"|"workspace.opt_in"|"api.create"|"api.update"|"api.delete"|"key.create"|"key.reroll"|"key.update"|"key.delete"|"ratelimitNamespace.create"|"ratelimitNamespace.update"|"ratelimitNamespace.delete"|"vercelIntegration.create"|"vercelIntegration.update"|"vercelIntegration.delete"|"vercelBinding.create"|"vercelBinding.update"|"vercelBinding.delete"|"role.create"|"role.update"|"role.delete"|"permission.create"|"permission.update"|"permission.delete"|"authorization.connect_role_and_permission"|"authorization.disconnect_role_and_permissions"|"authorization.connect_role_and_key"|"authorization.disconnect_role_and_key"|"authorization.connect_permission_and_key"|"authorization.disconnect_permission_and_key"|"identity.create"|"identity.update"|"identity.delete"|"ratelimit.create"|"ratelimit.update"|"ratelimit.delete"|"ratelimit.set_override"|"ratelimit.read_override"|"ratelimit.delete_override"|"auditLogBucket.create""#,
};

/// `rootkey`, `user` or `system`.
pub const ACTOR_TYPE: Rule = Rule::Enum {
    values: AuditLogActor::NAMES,
    message: r#"Invalid option: expected one of "rootkey"|"user"|"system""#,
};

/// One of the 13 resource types.
pub const RESOURCE_TYPE: Rule = Rule::Enum {
    values: AuditLogResourceType::NAMES,
    message: r#"Invalid option: expected one of "api"|"auditLogBucket"|"identity"|"keySpace"|"key"|"permission"|"ratelimit"|"ratelimitNamespace"|"ratelimitOverride"|"role"|"vercelBinding"|"vercelIntegration"|"workspace""#,
};

/// `AuditLogResource`: `{ id, type, name?, displayName?, meta? }`.
pub static RESOURCE: ObjectSchema = ObjectSchema {
    id: 4,
    fields: &[
        FieldSpec::required("id", bounded(1)),
        FieldSpec::required("type", RESOURCE_TYPE),
        FieldSpec::optional("name", bounded(0)),
        FieldSpec::optional("displayName", bounded(0)),
        FieldSpec::optional("meta", Rule::JsonObject),
    ],
    refine: None,
};

/// `AuditLog`, fields in the order of the Go struct.
pub static RECORD: ObjectSchema = ObjectSchema {
    id: 3,
    fields: &[
        FieldSpec::required("event", EVENT),
        FieldSpec::required("workspaceId", bounded(1)),
        FieldSpec::required("display", bounded(0)),
        FieldSpec::required("actorId", bounded(1)),
        FieldSpec::required("actorType", ACTOR_TYPE),
        FieldSpec::optional("actorName", bounded(0)),
        FieldSpec::optional("actorMeta", Rule::JsonObject),
        FieldSpec::required(
            "resources",
            Rule::Array {
                items: &RESOURCE,
                min: 1,
            },
        ),
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
    ],
    refine: Some(check_resources),
};

/// Where a field sits in its schema (the tables above are the only place that says).
fn field_at(schema: &ObjectSchema, name: &str) -> usize {
    schema
        .fields
        .iter()
        .position(|f| f.name == name)
        .unwrap_or(usize::MAX)
}

/// The rules across fields. Each runs where the fields it reads are readable (the event is a known
/// event, `resources` is an array), so a form shows them next to the fields' own issues.
fn check_resources<'a>(record: &ReadObject<'a>, at: &Location<'_, '_>, issues: &mut Vec<Issue>) {
    let resources_at = field_at(&RECORD, "resources");
    let Some((_, items)) = record
        .arrays
        .iter()
        .find(|(field, _)| *field == resources_at)
    else {
        // Not an array, or an empty one: no resource to compare.
        return check_event_resources(record, &[], at, issues);
    };
    let (id_at, type_at) = (field_at(&RESOURCE, "id"), field_at(&RESOURCE, "type"));
    fn text<'a>(item: &FieldValues<'a>, field: usize) -> Option<Text<'a>> {
        item.get(field).and_then(Value::string_text)
    }

    // Resource ids are unique within a record: each repeat is reported at its own `id`.
    let mut first_with_id: BTreeMap<Vec<u16>, usize> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let Some(id) = item.as_ref().and_then(|item| text(item, id_at)) else {
            continue;
        };
        let key: Vec<u16> = match id {
            Text::Utf8(s) => s.encode_utf16().collect(),
            Text::Utf16(units) => units.to_vec(),
            Text::LengthOnly(_) => continue,
        };
        match first_with_id.get(&key) {
            Some(&first) => issues.push(Issue {
                code: IssueCode::DuplicateResourceId {
                    first: first as u32,
                },
                path: at
                    .child(Step::Field("resources"))
                    .child(Step::Index(index as u32))
                    .child(Step::Field("id"))
                    .path(),
                message: Cow::Owned(format!(
                    "Resource ids must be unique: resources[{first}] has the same id"
                )),
            }),
            None => {
                first_with_id.insert(key, index);
            }
        }
    }
    let types: Vec<Text<'a>> = items
        .iter()
        .flatten()
        .filter_map(|item| text(item, type_at))
        .collect();
    check_event_resources(record, &types, at, issues);
}

/// An event acts on the resources it names: `key.create` needs a resource of type `key`.
fn check_event_resources(
    record: &ReadObject<'_>,
    types: &[Text<'_>],
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    let is_array = record
        .fields
        .get(field_at(&RECORD, "resources"))
        .is_some_and(|v| v.kind == Kind::Array);
    let event = record
        .fields
        .get(field_at(&RECORD, "event"))
        .and_then(Value::string_text);
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
                message: Cow::Owned(format!(
                    "Event \"{}\" needs a resource of type \"{}\"",
                    event.as_str(),
                    required.as_str()
                )),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::enum_message;

    #[test]
    fn the_enum_messages_are_zods() {
        for rule in [EVENT, ACTOR_TYPE, RESOURCE_TYPE] {
            let Rule::Enum { values, message } = rule else {
                panic!("an enum");
            };
            assert_eq!(message, enum_message(values));
        }
    }

    #[test]
    fn every_event_needs_one_or_two_resource_types() {
        for event in AuditLogEvent::ALL {
            let needs = event.required_resources();
            assert!((1..=2).contains(&needs.len()), "{event:?}");
        }
        assert_eq!(AuditLogEvent::ALL.len(), 42);
        assert_eq!(AuditLogResourceType::ALL.len(), 13);
    }
}
