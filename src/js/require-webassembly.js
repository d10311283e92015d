// Imported by every module that loads a wasm module, before it uses WebAssembly (in the browser
// entry, by browser-full.js and browser-open-types.js themselves: bundlers skip the imports of
// browser.js, a file without side effects), so that an engine without WebAssembly (React Native's
// Hermes, a browser in iOS Lockdown Mode) fails the import with one error that says why, instead of
// a missing global.
if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.Instance !== "function") {
  throw new Error("auditlog-wasm: this JavaScript engine has no WebAssembly, which the validators need");
}
