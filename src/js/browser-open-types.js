// The open-types schemas of the browser entry, over the module with every schema where the page
// loads it (a platform schema is imported too), else over their own, smaller module: the
// open-types rules only (feature open-types-only). See browser.js.
import { LEAN, createGlue, loadModule, loading, makeSchema, nameList, wasmNotEmitted } from "./browser-loading.js";
// Written by build-pkg.mjs: the open-types module has no code to give its schemas' tables.
import tables from "./tables-open-types.js";

const url = new URL("./auditlog_wasm_open_types_bg.wasm", import.meta.url);
// As in browser-full.js: where webpack or a Vite production build emits the .wasm file, the import
// of the inline copy is dead code. (Each module spells the test out: a bundler decides it where it
// is written.)
const inline = import.meta.webpack || (import.meta.env && import.meta.env.PROD === true && !import.meta.env.SSR && !import.meta.hot) ? wasmNotEmitted : async () => (await import("./web-inline-open-types.js")).compileInlineModule();
// Where a bundler evaluates this module before browser-full.js (Next.js does, when the page's
// import names an open-types schema first), browser-full.js sets `loading.full` while this module
// waits here one turn, and the page loads one module, not both. That holds while browser-full.js
// starts in the same turn, as a sibling module does when it awaits nothing before its first line:
// keep its imports free of top-level await.
await null;
const glue = await (loading.full ??
  loadModule(url, "auditlog_wasm_open_types_bg.wasm", import.meta.webpack ? undefined : import.meta.url, inline).then((module) => createGlue(new WebAssembly.Instance(module).exports, undefined, tables, LEAN)));

// As in browser-full.js: one side-effect-free statement each, by protocol.js's numbers.
export const auditLogEntrySchema = /* @__PURE__ */ makeSchema(0, glue);
export const auditLogChangeSchema = /* @__PURE__ */ makeSchema(1, glue);
export const auditLogActionSchema = /* @__PURE__ */ makeSchema(2, glue);
export const auditLogActions = /* @__PURE__ */ nameList(glue, tables, 0);
