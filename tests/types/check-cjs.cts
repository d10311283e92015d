// The same package through `require`: its CommonJS declarations (index.d.cts).
import pkg = require("auditlog-wasm");
// The seed types are an ES module (package.json "type": "module"); a CommonJS file says so to import them.
import type * as Seed from "./seed-types.js" with { "resolution-mode": "import" };

export const entry: Seed.AuditLogEntry = pkg.auditLogEntrySchema.parse({});
export function toPkg(e: Seed.AuditLogEntry): pkg.AuditLogEntry {
  return e;
}
