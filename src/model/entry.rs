//! The audit-log entry of seed 003 (`AuditLogEntry`, `AuditLogAction`, `AuditLogChange`) as Rust types.
//!
//! Serde names are exactly the seed's (snake_case fields, lowercase actions), so these types read and
//! write the same JSON as the TypeScript types they mirror. On wasm, tsify derives the TypeScript
//! declarations that the npm package ships.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

wire_enum! {
    /// What was done to the resource.
    AuditLogAction {
        Create = "create",
        Read = "read",
        Update = "update",
        Delete = "delete",
    }
}

/// One changed field: its value before and after. Either may be absent; any JSON value is allowed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AuditLogChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    pub old: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    pub new: Option<Value>,
}

/// One audit-trail entry: who did what to which resource, when, and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AuditLogEntry {
    pub id: String,
    pub action: AuditLogAction,
    pub actor_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actor_type: Option<String>,
    pub resource_type: String,
    pub resource_id: String,
    /// Changed fields by name, in JavaScript's key order (integer-like keys first, ascending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, AuditLogChange>")
    )]
    pub changes: Option<IndexMap<String, AuditLogChange>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ip_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub user_agent: Option<String>,
    /// An ISO 8601 UTC date-time as `z.iso.datetime()` accepts it, e.g. `2026-05-16T18:30:00Z`.
    pub timestamp: String,
}
