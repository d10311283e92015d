// The entry for browsers and the bundlers that build for them (the `browser` condition). Fetching a
// .wasm file is asynchronous, so this module awaits the module at top level: once `import` has
// resolved, every schema works synchronously.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { createGlue } from "./core.js";
import { loadModule } from "./load-module.js";
import { makeSchema } from "./schema.js";
import { nameList } from "./schema-tables.js";
import * as jsonSchemas from "./json-schemas.js";

const url = new URL("./auditlog_wasm_bg.wasm", import.meta.url);
const inline = async () => (await import("./web-inline.js")).compileInlineModule();
const glue = createGlue(initSync({ module: await loadModule(url, "auditlog_wasm_bg.wasm", import.meta.url, inline) }));

// One statement each, free of side effects, so that bundlers drop what a page does not import (with
// the JSON Schema texts of the schemas it does not use). The numbers are protocol.js's SCHEMA_IDS
// and NAME_LIST_IDS (tests/js/schemas.test.mjs checks).
export const auditLogEntrySchema = /* @__PURE__ */ makeSchema(0, glue, jsonSchemas.auditLogEntrySchema);
export const auditLogChangeSchema = /* @__PURE__ */ makeSchema(1, glue, jsonSchemas.auditLogChangeSchema);
export const auditLogActionSchema = /* @__PURE__ */ makeSchema(2, glue, jsonSchemas.auditLogActionSchema);
export const platformRecordSchema = /* @__PURE__ */ makeSchema(3, glue, jsonSchemas.platformRecordSchema);
export const platformResourceSchema = /* @__PURE__ */ makeSchema(4, glue, jsonSchemas.platformResourceSchema);
export const auditLogActions = /* @__PURE__ */ nameList(glue.transport, undefined, 0);
export const platformEvents = /* @__PURE__ */ nameList(glue.transport, undefined, 1);
export const platformActorTypes = /* @__PURE__ */ nameList(glue.transport, undefined, 2);
export const platformResourceTypes = /* @__PURE__ */ nameList(glue.transport, undefined, 3);
export { AuditLogError, flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
