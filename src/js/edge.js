// The loader of the entry for Cloudflare Workers (`workerd`) and Next.js's edge runtime
// (`edge-light`); api.js over it is built into edge.js. Both runtimes refuse to compile WebAssembly
// from bytes at run time; both accept a `.wasm?module` import, which their bundlers (wrangler,
// Next.js with webpack or Turbopack) turn into a compiled WebAssembly.Module.
import "./require-webassembly.js";
import { finishInit, wasmImports } from "./auditlog_wasm.js";
import serverModule from "./auditlog_wasm_server_bg.wasm?module";

// Next.js's edge sandbox compiles the module in another realm, where `instanceof WebAssembly.Module`
// (which wasm-bindgen's initSync tests) is false; WebAssembly.Instance takes it all the same.
export default finishInit(new WebAssembly.Instance(serverModule, wasmImports()), serverModule);
