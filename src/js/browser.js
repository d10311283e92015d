// Browsers and bundlers: browsers compile modules over 4 KB only asynchronously, so this module
// awaits the wasm at top level; once `import` resolves, the schemas work synchronously.
// `new URL(..., import.meta.url)` is the form bundlers (Vite, webpack, Rollup) recognise as an asset.
import init from "./auditlog_wasm.js";
import { createApi } from "./core.js";

const wasm = await init({ module_or_path: new URL("./auditlog_wasm_bg.wasm", import.meta.url) });

export const {
  auditLogEntrySchema,
  auditLogChangeSchema,
  auditLogActionSchema,
  auditLogSchema,
  auditLogResourceSchema,
  auditLogActions,
  auditLogEvents,
  auditLogActorTypes,
  auditLogResourceTypes,
} = createApi(wasm);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
