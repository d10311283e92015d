// The open-types AuditLogEntry's Zod schemas, verbatim, on the exact Zod release the package matches.
import * as z from "zod";

export const auditLogActionSchema = z.enum(["create", "read", "update", "delete"]);

export const auditLogChangeSchema = z.object({
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});

export const auditLogEntrySchema = z.object({
  id: z.string().min(1, { error: "Audit log ID is required" }),
  action: auditLogActionSchema,
  actor_id: z.string().min(1, { error: "Actor ID is required" }),
  actor_type: z.string().optional(),
  resource_type: z.string().min(1, { error: "Resource type is required" }),
  resource_id: z.string().min(1, { error: "Resource ID is required" }),
  changes: z.record(z.string(), auditLogChangeSchema).optional(),
  ip_address: z.string().optional(),
  user_agent: z.string().optional(),
  timestamp: z.iso.datetime({ error: "Invalid timestamp" }),
});

export const zodSchemas = { entry: auditLogEntrySchema, change: auditLogChangeSchema, action: auditLogActionSchema };

/** A safeParse result as plain JSON: `{ success, data }` or `{ success, issues }`. */
export function outcome(result) {
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: JSON.parse(JSON.stringify(result.error.issues)) };
}

// The platform record has no Zod schema of its own; this one states its field rules in Zod,
// so the differential test can check that ours report exactly what Zod would for them. The rules
// Zod cannot state this way (IP format, JSON-ness of meta, the rules across fields) are ours alone.
import { platformEvents, platformActorTypes, platformResourceTypes } from "../../pkg/index.mjs";

const bounded = (min) => (min ? z.string().min(min).max(256) : z.string().max(256));

export const auditLogResourceReference = z.object({
  id: bounded(1),
  type: z.enum(platformResourceTypes),
  name: bounded(0).optional(),
  displayName: bounded(0).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const auditLogReference = z.object({
  event: z.enum(platformEvents),
  workspaceId: bounded(1),
  display: bounded(0),
  actorId: bounded(1),
  actorType: z.enum(platformActorTypes),
  actorName: bounded(0).optional(),
  actorMeta: z.record(z.string(), z.unknown()).optional(),
  // How many resources a record needs depends on its event: one of our rules across fields.
  resources: z.array(auditLogResourceReference),
  remoteIp: bounded(0).optional(),
  userAgent: bounded(0).optional(),
});

/** Whether an issue comes from a rule that only auditlog has (not in the Zod reference above). */
export function isOwnRule(issue) {
  return (
    issue.code === "missing_resource" ||
    (issue.code === "too_small" && issue.path.length === 1 && issue.path[0] === "resources") ||
    issue.code === "duplicate_resource_id" ||
    (issue.code === "invalid_format" && issue.format === "ip") ||
    // inside a JSON field: not JSON, a symbol key, nested too deep
    (["actorMeta", "meta"].includes(issue.path.at(issue.path[0] === "resources" ? 2 : 0)) && (issue.expected === "json" || issue.code === "invalid_key" || issue.origin === "json"))
  );
}
