// The entry for Cloudflare Workers (`workerd`) and Next.js's edge runtime (`edge-light`). Both refuse
// to compile WebAssembly from bytes at run time; both accept a `.wasm?module` import, which their
// bundlers (wrangler, Next.js with webpack or Turbopack) turn into a compiled WebAssembly.Module.
import "./require-webassembly.js";
import { finishInit, wasmImports } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";
import serverModule from "./auditlog_wasm_server_bg.wasm?module";

// Next.js's edge sandbox compiles the module in another realm, where `instanceof WebAssembly.Module`
// (which wasm-bindgen's initSync tests) is false; WebAssembly.Instance takes it all the same.
const wasm = finishInit(new WebAssembly.Instance(serverModule, wasmImports()), serverModule);

export const { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, platformRecordSchema, platformResourceSchema,
  auditLogActions, platformEvents, platformActorTypes, platformResourceTypes } = createApi(wasm, ndjsonScanner, tables);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
export { validateMany, validateNdjson, validateNdjsonStream } from "./many.js";
