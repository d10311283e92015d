// The entry for browsers and the bundlers that build for them (the `browser` condition). Fetching a
// .wasm file is asynchronous, so this module awaits the module at top level: once `import` has
// resolved, every schema works synchronously.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { loadModule } from "./load-module.js";

const url = new URL("./auditlog_wasm_bg.wasm", import.meta.url);
const inline = async () => (await import("./web-inline.js")).compileInlineModule();
const wasm = initSync({ module: await loadModule(url, "auditlog_wasm_bg.wasm", import.meta.url, inline) });

export const { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, platformRecordSchema, platformResourceSchema,
  auditLogActions, platformEvents, platformActorTypes, platformResourceTypes } = createApi(wasm);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
