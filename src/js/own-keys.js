// An object's own keys, as `Reflect.ownKeys` lists them, which is how Zod walks a record.
//
// In V8 `Reflect.ownKeys` is a call into the runtime, most of a record's walk, where
// `Object.getOwnPropertyNames` reads the enum cache and `Object.getOwnPropertySymbols` is cheaper
// too (in a loop of two million calls on a two-key record: about 240 ns, against 15 ns and 85 ns).
// For an ordinary object they list the same keys, and listing them has no effect anyone can see. Not so for a proxy (its `ownKeys` trap sees
// each listing) nor for a host object such as a `vm` context's global (its listing asks the
// sandbox, whose prototype may be a proxy): those are listed once, with `Reflect.ownKeys`, as Zod
// lists them. Only where the runtime can tell a proxy (Node, Deno and Bun give
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
  // This realm's plain objects only: a host object's prototype is its own realm's, or another.
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return Reflect.ownKeys(o);
  // With symbols, the one list rather than joining two (joining reads Array.prototype's settings).
  if (Object.getOwnPropertySymbols(o).length !== 0) return Reflect.ownKeys(o);
  return Object.getOwnPropertyNames(o);
}
