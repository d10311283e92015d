// The loader of the portable entry (api.js over it is built into index.mjs and index.cjs): Node (ESM
// and CommonJS, bundled or not), Deno, Bun, and any runtime or tool that matches no other condition.
// The server module (with the NDJSON scanner) travels inside the JavaScript as base64 and is
// compiled synchronously at load, so the schemas work right after `import` or `require`, no file is
// read (nothing for a bundler to lose, no path baked into a build, no permission asked in Deno), and
// no `await init()`.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { bytesFromBase64 } from "./inline-bytes.js";
import serverModule from "./wasm-server-base64.js";

export default initSync({ module: bytesFromBase64(serverModule) });
