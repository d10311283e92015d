// Node's entry (CommonJS, and ESM through node.mjs): compiles the wasm synchronously at load, so the
// schemas work right after `require` or `import`, with no `await init()`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
// Node's build of the module has the NDJSON scanner, which browsers do not download (Makefile).
import { initSync } from "./auditlog_wasm_node.js";
import { createApi } from "./core.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";

const wasm = initSync({ module: readFileSync(join(__dirname, "auditlog_wasm_node_bg.wasm")) });

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
} = createApi(wasm, ndjsonScanner, tables);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
