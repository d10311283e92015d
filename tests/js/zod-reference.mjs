// Seed 003's Zod schemas, verbatim, on the exact Zod release the package matches.
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
