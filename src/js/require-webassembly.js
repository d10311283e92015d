// Imported first by every entry, so that an engine without WebAssembly (React Native's Hermes, a
// browser in iOS Lockdown Mode) fails the import with one error that says why, before any other
// module of the package runs into a missing global.
if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.Instance !== "function") {
  throw new Error(
    "auditlog-wasm: this JavaScript engine has no WebAssembly (React Native's Hermes, for one), and the " +
      "validators of auditlog-wasm are a WebAssembly module. Validate where WebAssembly runs: a server, " +
      "a browser, a web view.",
  );
}
