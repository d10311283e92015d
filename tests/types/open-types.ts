// The open-types AuditLogEntry's type definitions, verbatim: the types the generated declarations must mean.
export type AuditLogAction = "create" | "read" | "update" | "delete";

export interface AuditLogChange {
  old?: unknown;
  new?: unknown;
}

export interface AuditLogEntry {
  id: string;
  action: AuditLogAction;
  actor_id: string;
  actor_type?: string;
  resource_type: string;
  resource_id: string;
  changes?: Record<string, AuditLogChange>;
  ip_address?: string;
  user_agent?: string;
  timestamp: string;
}
