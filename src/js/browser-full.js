// The browser entry's wasm module with every schema, loaded where a page imports a platform schema
// (see browser.js). Bundlers that emit no .wasm file get it from JavaScript instead (load-module.js).
import { LEAN, createGlue, loadModule, loading, makeSchema, nameList, wasmNotEmitted } from "./browser-loading.js";
import { withPlatformFacts } from "./platform-facts.js";
// The module has no code to give its schemas' tables.
import tables from "./browser-full-tables.js";

const url = new URL("./auditlog_wasm_bg.wasm", import.meta.url);
// webpack, and Vite's production builds for browsers, emit the .wasm file, and say so when they
// build: webpack writes `import.meta.webpack` as its version, Vite `import.meta.env.PROD` as true
// (and `SSR` as false, `import.meta.hot` as undefined: its dev server and SSR builds emit no .wasm
// file). The import of the inline copy is then dead code, which they leave out, with the code they
// add to load it.
const inline = import.meta.webpack || (import.meta.env && import.meta.env.PROD === true && !import.meta.env.SSR && !import.meta.hot) ? wasmNotEmitted : async () => (await import("./web-inline.js")).compileInlineModule();
loading.full = loadModule(url, "auditlog_wasm_bg.wasm", import.meta.webpack ? undefined : import.meta.url, inline).then((module) => createGlue(new WebAssembly.Instance(module).exports, undefined, tables, withPlatformFacts(LEAN)));
const glue = await loading.full;

// One statement each, free of side effects, so that bundlers drop what a page does not import. The
// numbers are protocol.js's SCHEMA_IDS and NAME_LIST_IDS (tests/js/schemas.test.mjs checks).
export const platformRecordSchema = /* @__PURE__ */ makeSchema(3, glue);
export const platformResourceSchema = /* @__PURE__ */ makeSchema(4, glue);
export const platformEvents = /* @__PURE__ */ nameList(glue, undefined, 1);
export const platformActorTypes = /* @__PURE__ */ nameList(glue, undefined, 2);
export const platformResourceTypes = /* @__PURE__ */ nameList(glue, undefined, 3);
