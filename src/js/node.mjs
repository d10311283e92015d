// Node ESM re-exports the CommonJS build, so `import` and `require` share one wasm instance (and one
// AuditLogError class) in a process that uses both.
export {
  auditLogEntrySchema,
  auditLogChangeSchema,
  auditLogActionSchema,
  auditLogSchema,
  auditLogResourceSchema,
  auditLogActions,
  auditLogEvents,
  auditLogActorTypes,
  auditLogResourceTypes,
  AuditLogError,
  flattenError,
  formatError,
  prettifyError,
  treeifyError,
} from "./node.cjs";
