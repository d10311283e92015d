//! The platform's audit-log record (the Go package `auditlog`): the event, the workspace, the actor,
//! the resources acted on, the remote IP and the user agent, with the closed lists of events, actor
//! types and resource types spelled exactly as the Go package spells them.
//!
//! The JSON and TypeScript shape uses JavaScript conventions (camelCase); the Go names are in the
//! README. On wasm, tsify derives the TypeScript declarations, unions included.

use serde::{Deserialize, Serialize};
#[cfg(feature = "std")]
use serde_json::{Map, Value};

wire_enum! {
    /// What happened: one of the platform's 42 events.
    PlatformEvent {
        WorkspaceCreate = "workspace.create",
        WorkspaceUpdate = "workspace.update",
        WorkspaceDelete = "workspace.delete",
        WorkspaceOptIn = "workspace.opt_in",
        ApiCreate = "api.create",
        ApiUpdate = "api.update",
        ApiDelete = "api.delete",
        KeyCreate = "key.create",
        KeyReroll = "key.reroll",
        KeyUpdate = "key.update",
        KeyDelete = "key.delete",
        RatelimitNamespaceCreate = "ratelimitNamespace.create",
        RatelimitNamespaceUpdate = "ratelimitNamespace.update",
        RatelimitNamespaceDelete = "ratelimitNamespace.delete",
        VercelIntegrationCreate = "vercelIntegration.create",
        VercelIntegrationUpdate = "vercelIntegration.update",
        VercelIntegrationDelete = "vercelIntegration.delete",
        VercelBindingCreate = "vercelBinding.create",
        VercelBindingUpdate = "vercelBinding.update",
        VercelBindingDelete = "vercelBinding.delete",
        RoleCreate = "role.create",
        RoleUpdate = "role.update",
        RoleDelete = "role.delete",
        PermissionCreate = "permission.create",
        PermissionUpdate = "permission.update",
        PermissionDelete = "permission.delete",
        AuthConnectRolePermission = "authorization.connect_role_and_permission",
        AuthDisconnectRolePermission = "authorization.disconnect_role_and_permissions",
        AuthConnectRoleKey = "authorization.connect_role_and_key",
        AuthDisconnectRoleKey = "authorization.disconnect_role_and_key",
        AuthConnectPermissionKey = "authorization.connect_permission_and_key",
        AuthDisconnectPermissionKey = "authorization.disconnect_permission_and_key",
        IdentityCreate = "identity.create",
        IdentityUpdate = "identity.update",
        IdentityDelete = "identity.delete",
        RatelimitCreate = "ratelimit.create",
        RatelimitUpdate = "ratelimit.update",
        RatelimitDelete = "ratelimit.delete",
        RatelimitSetOverride = "ratelimit.set_override",
        RatelimitReadOverride = "ratelimit.read_override",
        RatelimitDeleteOverride = "ratelimit.delete_override",
        AuditLogBucketCreate = "auditLogBucket.create",
    }
}

wire_enum! {
    /// Who acted: a root key, a user, or the system itself.
    PlatformActor {
        /// The action was performed with a root API key.
        RootKey = "rootkey",
        /// A person, typically through the UI.
        User = "user",
        /// The system itself: scheduled tasks, cleanups, maintenance.
        System = "system",
    }
}

wire_enum! {
    /// The type of an affected resource: one of the platform's 13 types.
    PlatformResourceType {
        Api = "api",
        AuditLogBucket = "auditLogBucket",
        Identity = "identity",
        KeySpace = "keySpace",
        Key = "key",
        Permission = "permission",
        Ratelimit = "ratelimit",
        RatelimitNamespace = "ratelimitNamespace",
        RatelimitOverride = "ratelimitOverride",
        Role = "role",
        VercelBinding = "vercelBinding",
        VercelIntegration = "vercelIntegration",
        Workspace = "workspace",
    }
}

impl PlatformEvent {
    /// Whether the event acts on the record's own workspace (`workspace.*`): such a record may
    /// have no resources.
    pub const fn acts_on_its_workspace(self) -> bool {
        use PlatformEvent as E;
        matches!(
            self,
            E::WorkspaceCreate | E::WorkspaceUpdate | E::WorkspaceDelete | E::WorkspaceOptIn
        )
    }

    /// The resource types an event acts on: a record of this event must name a resource of each.
    /// The one table of this rule.
    ///
    /// A workspace event needs none: it acts on the record's own `workspaceId`, and the platform
    /// writes such records without resources (`workspace.update` from billing, with `[]`).
    pub const fn required_resources(self) -> &'static [PlatformResourceType] {
        use PlatformEvent as E;
        use PlatformResourceType as R;
        match self {
            E::WorkspaceCreate | E::WorkspaceUpdate | E::WorkspaceDelete | E::WorkspaceOptIn => &[],
            E::ApiCreate | E::ApiUpdate | E::ApiDelete => &[R::Api],
            E::KeyCreate | E::KeyReroll | E::KeyUpdate | E::KeyDelete => &[R::Key],
            E::RatelimitNamespaceCreate
            | E::RatelimitNamespaceUpdate
            | E::RatelimitNamespaceDelete => &[R::RatelimitNamespace],
            E::VercelIntegrationCreate
            | E::VercelIntegrationUpdate
            | E::VercelIntegrationDelete => &[R::VercelIntegration],
            E::VercelBindingCreate | E::VercelBindingUpdate | E::VercelBindingDelete => {
                &[R::VercelBinding]
            }
            E::RoleCreate | E::RoleUpdate | E::RoleDelete => &[R::Role],
            E::PermissionCreate | E::PermissionUpdate | E::PermissionDelete => &[R::Permission],
            E::AuthConnectRolePermission | E::AuthDisconnectRolePermission => {
                &[R::Role, R::Permission]
            }
            E::AuthConnectRoleKey | E::AuthDisconnectRoleKey => &[R::Role, R::Key],
            E::AuthConnectPermissionKey | E::AuthDisconnectPermissionKey => {
                &[R::Permission, R::Key]
            }
            E::IdentityCreate | E::IdentityUpdate | E::IdentityDelete => &[R::Identity],
            E::RatelimitCreate | E::RatelimitUpdate | E::RatelimitDelete => &[R::Ratelimit],
            E::RatelimitSetOverride | E::RatelimitReadOverride | E::RatelimitDeleteOverride => {
                &[R::RatelimitOverride]
            }
            E::AuditLogBucketCreate => &[R::AuditLogBucket],
        }
    }
}

/// One resource affected by the action.
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PlatformResource {
    /// The resource's id (1 to 256 characters).
    pub id: String,
    /// What kind of resource it is.
    #[serde(rename = "type")]
    pub resource_type: PlatformResourceType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// Its name (at most 256 characters).
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// Its name for people (at most 256 characters).
    pub display_name: Option<String>,
    /// JSON metadata (an object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, JsonValue>")
    )]
    pub meta: Option<Map<String, Value>>,
}

/// The platform's audit-log record: what happened, in which workspace, by whom, to what.
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PlatformRecord {
    /// What happened.
    pub event: PlatformEvent,
    /// The workspace it happened in (1 to 256 characters).
    pub workspace_id: String,
    /// A human-readable description (may be empty).
    pub display: String,
    /// Who did it (1 to 256 characters).
    pub actor_id: String,
    /// What kind of actor.
    pub actor_type: PlatformActor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// The actor's name (at most 256 characters).
    pub actor_name: Option<String>,
    /// JSON metadata about the actor (an object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, JsonValue>")
    )]
    pub actor_meta: Option<Map<String, Value>>,
    /// The resources the action affected: at least one, unless the event is a workspace event.
    pub resources: Vec<PlatformResource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// The client's IP address, IPv4 or IPv6 (or empty).
    pub remote_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    /// The client's user agent (at most 256 characters).
    pub user_agent: Option<String>,
}
