// The entry for browsers and the bundlers that build for them (the `browser` condition). Fetching a
// .wasm file is asynchronous, so the modules below await theirs at top level: once `import` has
// resolved, every schema works synchronously.
//
// Two wasm modules: the open-types schemas' (browser-open-types.js), without the platform record's
// rules, and one with every schema (browser-full.js). A bundler keeps a module only where the page
// uses one of its exports (package.json: sideEffects), so a page that imports only open-types
// schemas downloads the smaller module, and one that imports a platform schema downloads the other,
// which then serves the open-types schemas too: browser-full.js has started loading before
// browser-open-types.js looks for it, whichever a bundler evaluates first (browser-open-types.js). (Each of the two imports require-webassembly.js
// itself, through browser-loading.js: bundlers skip this file's own imports, as it has no side effects.)
export { platformRecordSchema, platformResourceSchema, platformEvents, platformActorTypes, platformResourceTypes } from "./browser-full.js";
export { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, auditLogActions } from "./browser-open-types.js";
export { AuditLogError } from "./problems.js";
export { flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
export { validateMany, validateNdjson, validateNdjsonStream } from "./many.js";
