//! The three schemas of the open-types `AuditLogEntry` (`auditLogEntrySchema`,
//! `auditLogChangeSchema` and `auditLogActionSchema`), exactly as its Zod v4 validators define them.
//!
//! ```
//! use serde_json::json;
//! let entry = auditlog::parse_entry(&json!({ "id": "audit_1", "action": "update",
//!     "actor_id": "user_1", "resource_type": "report", "resource_id": "report_1",
//!     "timestamp": "2026-05-16T18:30:00Z", "changes": { "title": { "old": "a", "new": "b" } },
//!     "unknown": "dropped" })).unwrap();
//! assert_eq!(entry.action, auditlog::AuditLogAction::Update);
//! assert_eq!(entry.changes.unwrap()["title"].new, Some(json!("b")));
//! ```

use super::length::LengthLimits;
use super::schema::{FieldSpec, Format, ObjectSchema, Rule, StringRule};
use crate::model::AuditLogAction;

/// `z.string().min(1, { error: message })`
const fn non_empty(message: &'static str) -> Rule {
    Rule::String(StringRule {
        limits: LengthLimits {
            min: Some((1, Some(message))),
            max: None,
        },
        ..StringRule::ANY
    })
}

/// `z.string()`
const ANY_STRING: Rule = Rule::String(StringRule::ANY);

/// `auditLogActionSchema`: `z.enum(["create", "read", "update", "delete"])`.
pub const ACTION: Rule = Rule::Enum {
    values: AuditLogAction::NAMES,
    #[cfg(not(made_enum_messages))]
    message: AuditLogAction::INVALID_MESSAGE,
};

const CHANGE_FIELDS: &[FieldSpec] = &[
    FieldSpec::optional("old", Rule::Unknown),
    FieldSpec::optional("new", Rule::Unknown),
];

/// `auditLogChangeSchema`: `z.object({ old: z.unknown().optional(), new: z.unknown().optional() })`.
pub static CHANGE: ObjectSchema = ObjectSchema {
    fields: CHANGE_FIELDS,
    refine: None,
    #[cfg(not(browser_module))]
    description: None,
};

/// The entry's `changes`: `z.record(z.string(), auditLogChangeSchema)`.
pub const CHANGES: Rule = Rule::Record(&CHANGE);

const ENTRY_FIELDS: &[FieldSpec] = &[
    FieldSpec::required("id", non_empty("Audit log ID is required")),
    FieldSpec::required("action", ACTION),
    FieldSpec::required("actor_id", non_empty("Actor ID is required")),
    FieldSpec::optional("actor_type", ANY_STRING),
    FieldSpec::required("resource_type", non_empty("Resource type is required")),
    FieldSpec::required("resource_id", non_empty("Resource ID is required")),
    FieldSpec::optional("changes", CHANGES),
    FieldSpec::optional("ip_address", ANY_STRING),
    FieldSpec::optional("user_agent", ANY_STRING),
    FieldSpec::required(
        "timestamp",
        // `z.iso.datetime({ error })`: the message replaces the type error's too.
        Rule::String(StringRule {
            format: Some(Format::Datetime),
            message: Some("Invalid timestamp"),
            ..StringRule::ANY
        }),
    ),
];

/// `auditLogEntrySchema`, fields in schema order: the order of issues and of the parsed data's keys.
pub static ENTRY: ObjectSchema = ObjectSchema {
    fields: ENTRY_FIELDS,
    refine: None,
    #[cfg(not(browser_module))]
    description: None,
};
