// An object's own keys, as `Reflect.ownKeys` lists them, which is how Zod walks a record.
//
// In V8 `Reflect.ownKeys` is a call into the runtime: 0.24 µs for a two-key object, most of a
// record's walk, against 0.015 µs for `Object.getOwnPropertyNames` (the enum cache) and 0.085 µs
// for `Object.getOwnPropertySymbols` (bench/README.md). For every object but a proxy the two lists
// together are the same keys in the same order, and listing them has no effect anyone can see. A
// proxy's `ownKeys` trap sees each listing, so a proxy is always listed once, with
// `Reflect.ownKeys`. Only where the runtime can tell a proxy (Node, Deno and Bun give
// `util.types.isProxy` through `process.getBuiltinModule`, which no bundler resolves) do other
// objects take the faster listing; elsewhere (browsers) every object is listed as a proxy is.
const isProxy = proxyTest();

function proxyTest() {
  try {
    const test = globalThis.process?.getBuiltinModule?.("node:util")?.types?.isProxy;
    return typeof test === "function" && test(new Proxy({}, {})) === true && test({}) === false ? test : null;
  } catch {
    return null;
  }
}

/** `Reflect.ownKeys(o)`: each own key, integer-like first, then strings and symbols in order of creation. */
export function ownKeys(o) {
  if (isProxy === null || isProxy(o)) return Reflect.ownKeys(o);
  const names = Object.getOwnPropertyNames(o);
  const symbols = Object.getOwnPropertySymbols(o);
  return symbols.length === 0 ? names : names.concat(symbols);
}
