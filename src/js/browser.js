// The entry for browsers and the bundlers that build for them (the `browser` condition). Fetching a
// .wasm file is asynchronous, so this module awaits the module at top level: once `import` has
// resolved, every schema works synchronously.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { moduleUrl } from "./module-url.js";

/**
 * The browser module, compiled. Bundlers that understand `new URL("…", import.meta.url)` (Vite,
 * webpack, Turbopack, Parcel) emit the .wasm file and rewrite the URL, and a page that loads the
 * package's files as they are finds the file beside this one: both fetch it. Bundlers that do
 * neither (esbuild, Rollup, Bun) would leave a URL that points nowhere; they get the module from
 * web-inline.js instead, which the others keep as a chunk that is never loaded.
 */
async function compileModule() {
  const url = new URL("./auditlog_wasm_bg.wasm", import.meta.url);
  const rewritten = !url.pathname.endsWith("/auditlog_wasm_bg.wasm");
  const unbundled = import.meta.url !== moduleUrl;
  if (!rewritten && !unbundled) {
    const { compileInlineModule } = await import("./web-inline.js");
    return compileInlineModule();
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`auditlog-wasm: could not load ${url} (HTTP ${response.status})`);
  // Streaming compilation needs the right MIME type, which not every server sends.
  if (response.headers.get("content-type") === "application/wasm") return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

const wasm = initSync({ module: await compileModule() });

export const { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, auditLogSchema, auditLogResourceSchema,
  auditLogActions, auditLogEvents, auditLogActorTypes, auditLogResourceTypes } = createApi(wasm);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
