// The same package through `require`: its CommonJS declarations (index.d.cts).
import pkg = require("auditlog-wasm");
// open-types.ts is an ES module (package.json "type": "module"); a CommonJS file says so to import them.
import type * as OpenTypes from "./open-types.js" with { "resolution-mode": "import" };

export const entry: OpenTypes.AuditLogEntry = pkg.auditLogEntrySchema.parse({});
export function toPkg(e: OpenTypes.AuditLogEntry): pkg.AuditLogEntry {
  return e;
}
