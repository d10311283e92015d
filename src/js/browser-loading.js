// What the browser entry's two modules share: `loading.full`, the module with every schema where a
// page loads it (browser-full.js sets it before its first await), for the open-types schemas to use
// as well; and the glue both build their schemas with. They import that glue through this file so
// that webpack merges it into one module of the page: webpack merges nothing into a module with
// top-level await, as those two are, so each module they imported directly stayed a module of its
// own, with its wrapper and export accessors (about 100 B gzip of a form's page, webpack 5).
// package.json lists this file under sideEffects (its first import checks for WebAssembly), so that
// webpack imports through it rather than straight from the modules it re-exports.
// First, before anything uses WebAssembly.
import "./require-webassembly.js";
export { createGlue } from "./core.js";
export { LEAN } from "./lean.js";
export { loadModule, wasmNotEmitted } from "./load-module.js";
export { makeSchema } from "./schema.js";
export { nameList } from "./schema-tables.js";

export const loading = { full: undefined };
