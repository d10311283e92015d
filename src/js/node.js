// Node's entries (the `node` condition: node.mjs and node.cjs, log-node.mjs and log-node.cjs): the
// portable entry's API, whose `validateNdjsonStream` then takes `workers` (ndjson-threads.js).
// build-pkg.mjs points "./portable-entry.js" at index.mjs, index.cjs, log.mjs or log.cjs, and
// "./wasm-server-base64.js" at the file the portable entry imports too. The workers' code stays out
// of the portable entry, which bundlers for browsers that do not ask for the `browser` condition
// pick. Deno and Bun take the `node` condition too; a server bundler (esbuild with
// --platform=node, webpack for Node) bundles this file with those it imports.
import * as api from "./portable-entry.js";
import { bytesFromBase64 } from "./inline-bytes.js";
import { withWorkerThreads } from "./ndjson-threads.js";
import serverModule from "./wasm-server-base64.js";

// The workers run the server module (it has the NDJSON scanner; `auditlog-wasm/log`'s schemas
// check the same there), compiled when workers are first asked for.
withWorkerThreads(api, () => new WebAssembly.Module(bytesFromBase64(serverModule)));

export * from "./portable-entry.js";

/**
 * `validateNdjsonStream(schema, source, options)`, as the portable entry's, with `workers`: the
 * schema's own method, which withWorkerThreads gave them (this export hides the portable entry's).
 */
export function validateNdjsonStream(schema, source, options) {
  if (typeof schema?.validateNdjsonStream !== "function") return api.validateNdjsonStream(schema, source, options);
  return schema.validateNdjsonStream(source, options);
}
