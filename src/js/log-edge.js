// The loader of `auditlog-wasm/log` in Cloudflare Workers and Next.js's edge runtime (log-api.js over
// it is built into log-edge.js): the log module as a `.wasm?module` import, as edge.js imports the
// server module (edge.js says why).
import "./require-webassembly.js";
import { finishInit, wasmImports } from "./auditlog_wasm.js";
import logModule from "./auditlog_wasm_log_bg.wasm?module";

export default finishInit(new WebAssembly.Instance(logModule, wasmImports()), logModule);
