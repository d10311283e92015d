// The portable entry, built into index.mjs and index.cjs: Node (ESM and CommonJS, bundled or not),
// Deno, Bun, and any runtime or tool that matches no other condition. The server module (with the
// NDJSON scanner) travels inside the JavaScript as base64 and is compiled synchronously at load,
// so the schemas work right after `import` or `require`, no file is read (nothing for a bundler to
// lose, no path baked into a build, no permission asked in Deno), and no `await init()`.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { bytesFromBase64 } from "./inline-bytes.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";
import serverModule from "./wasm-server-base64.js";

const wasm = initSync({ module: bytesFromBase64(serverModule) });

export const { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, platformRecordSchema, platformResourceSchema,
  auditLogActions, platformEvents, platformActorTypes, platformResourceTypes } = createApi(wasm, ndjsonScanner, tables);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
export { validateMany, validateNdjson, validateNdjsonStream } from "./many.js";
