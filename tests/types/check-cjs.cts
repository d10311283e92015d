// The same package through `require`: its CommonJS declarations (index.d.cts).
import pkg = require("auditlog-wasm");
import type * as Seed from "./seed-types.js";

export const entry: Seed.AuditLogEntry = pkg.auditLogEntrySchema.parse({});
export function toPkg(e: Seed.AuditLogEntry): pkg.AuditLogEntry {
  return e;
}
