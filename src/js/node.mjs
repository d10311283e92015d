// Node ESM loads the CommonJS build, so `import` and `require` share one wasm instance (and one
// AuditLogError class) in a process that uses both. It is loaded with `require` rather than
// re-exported with `export *`: Node would then lex the whole bundle for its export names, which
// measured 4 to 5 ms of a 14 ms cold start (`make bench`). The package test checks that this list
// and the CommonJS exports are the same names.
import { createRequire } from "node:module";

const api = createRequire(import.meta.url)("./node.cjs");

export const {
  AuditLogError,
  auditLogActionSchema,
  auditLogActions,
  auditLogActorTypes,
  auditLogChangeSchema,
  auditLogEntrySchema,
  auditLogEvents,
  auditLogResourceSchema,
  auditLogResourceTypes,
  auditLogSchema,
  flattenError,
  formatError,
  prettifyError,
  treeifyError,
} = api;
