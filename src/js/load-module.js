// How the browser entries compile their module. Bundlers that understand
// `new URL("…", import.meta.url)` (Vite, webpack, Turbopack, Parcel) emit the .wasm file and rewrite
// the URL, and a page that loads the package's files as they are finds the file beside the entry:
// both fetch it. Bundlers that do neither (esbuild, Rollup, Bun) would leave a URL that points
// nowhere; they get the module from JavaScript instead (`inline`), which the others keep as a chunk
// that is never loaded, or, in Vite's and webpack's production builds, leave out (browser-full.js).
import { moduleUrl } from "./module-url.js";

/**
 * @param {URL} url the entry's `new URL("./<fileName>", import.meta.url)`, written there literally
 *   so that bundlers see it
 * @param {string} fileName the .wasm file's name in the package
 * @param {string} [entryUrl] the entry's `import.meta.url` (undefined under webpack: module-url.js)
 * @param {() => Promise<WebAssembly.Module>} inline compiles the module carried in JavaScript
 */
export async function loadModule(url, fileName, entryUrl, inline) {
  const rewritten = !url.pathname.endsWith(`/${fileName}`);
  const unbundled = entryUrl !== moduleUrl;
  if (!rewritten && !unbundled) return inline();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`auditlog-wasm: could not load ${url} (HTTP ${response.status})`);
  // Compiled from the whole file, not streamed: streaming needs the right MIME type, which not
  // every server sends, and gains nothing on a module this small that a page downloads.
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * The `inline` of a build that says its bundler emits the .wasm file (browser-full.js): called only
 * where the bundler did not rewrite the file's URL after all.
 */
export async function wasmNotEmitted() {
  throw new Error("auditlog-wasm: the bundler emitted no .wasm file for `new URL(..., import.meta.url)`, and this build has no copy");
}
