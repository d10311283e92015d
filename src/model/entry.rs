//! The open-types audit-log entry (`AuditLogEntry`, `AuditLogAction`, `AuditLogChange`) as Rust types.
//!
//! Serde names are exactly the TypeScript type's (snake_case fields, lowercase actions), so these types read and
//! write the same JSON as the TypeScript types they mirror. On wasm, tsify derives the TypeScript
//! declarations that the npm package ships.

#[cfg(feature = "std")]
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
#[cfg(feature = "std")]
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
#[cfg(feature = "std")]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AuditLogChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    /// The value before the change.
    pub old: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    /// The value after the change.
    pub new: Option<Value>,
}

/// One audit-trail entry: who did what to which resource, when, and what changed.
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AuditLogEntry {
    /// The entry's id (not empty).
    pub id: String,
    /// What was done.
    pub action: AuditLogAction,
    /// Who did it (not empty).
    pub actor_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// What kind of actor (a user, a service...).
    pub actor_type: Option<String>,
    /// The kind of resource acted on (not empty).
    pub resource_type: String,
    /// The resource acted on (not empty).
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
    /// Where the request came from.
    pub ip_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// The client that made the request.
    pub user_agent: Option<String>,
    /// An ISO 8601 UTC date-time as `z.iso.datetime()` accepts it, e.g. `2026-05-16T18:30:00Z`.
    pub timestamp: String,
}
