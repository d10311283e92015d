// Imported first by every entry (in the browser entry, by the two modules that load a wasm module:
// bundlers skip the imports of browser.js, a file without side effects), so that an engine without
// WebAssembly (React Native's Hermes, a browser in iOS Lockdown Mode) fails the import with one
// error that says why, before any other module of the package runs into a missing global.
if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.Instance !== "function") {
  throw new Error("auditlog-wasm: this JavaScript engine has no WebAssembly (React Native's Hermes, for one), which the validators need");
}
