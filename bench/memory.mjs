// Memory across many calls: wasm memory and the JS heap (after a full GC) before and after `count`
// invalid and `count` valid calls, on an instance whose memory we can see: the browser's module
// with every schema, or (`openTypes`) its open-types module, through the browser's glue (lean.js)
// or (`speed`) the server entries' (speed.js: answers kept by kind, saved tokens, failures built
// when read). Used by the bounded test (tests/js/memory.test.mjs) and by `make bench` with a
// million each.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { browserSchemas } from "./browser-schemas.mjs";
import { SPEED } from "../pkg/speed.js";
import serverTables from "../pkg/tables.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

/** The three instances and glues measured, by name. */
export const MEMORY_CASES = {
  "the module with every schema, the server entries' glue": { openTypes: false, speed: true },
  "the module with every schema, the browser's glue": { openTypes: false, speed: false },
  "the open-types module, the browser's glue": { openTypes: true, speed: false },
};

export function measureMemory(count, { openTypes = false, speed = false } = {}) {
  // The server entries' glue with the server's tables, which have the fields' fast checks.
  const { wasm, schemas } = browserSchemas(speed ? { openTypes, parts: SPEED, tables: serverTables } : { openTypes });
  const schema = schemas.auditLogEntrySchema;
  const examples = JSON.parse(readFileSync(new URL("../tests/fixtures/open-types-examples.json", import.meta.url), "utf8"));
  const valid = examples.entries.update;
  const invalid = { ...valid, id: [], action: "x", changes: { a: 1, [Symbol("s")]: {} }, timestamp: new Date() };
  // Every 100th call, a long invalid text of one of 50 lengths (up to 50,000 units): the buffers
  // grow past their large size and go back to small, through many sizes of block, each of them
  // seen in the warm-up.
  const long = Array.from({ length: 50 }, (_, k) => ({ ...valid, id: "x".repeat(1_000 * (k + 1)), action: "x" }));
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      const bad = schema.safeParse(i % 100 === 0 ? long[(i / 100) % 50] : invalid);
      void bad.error.issues; // build the error, as a form would
      if (!schema.safeParse(valid).success) throw new Error("a valid entry was rejected");
    }
  };
  round(10_000); // warm up: buffers reach their working size
  gc();
  const before = { wasm: wasm.memory.buffer.byteLength, heap: process.memoryUsage().heapUsed };
  round(count);
  gc();
  const after = { wasm: wasm.memory.buffer.byteLength, heap: process.memoryUsage().heapUsed };
  return { before, after };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 1_000_000);
  const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
  for (const [name, options] of Object.entries(MEMORY_CASES)) {
    const { before, after } = measureMemory(count, options);
    console.log(`memory over ${count.toLocaleString("en")} invalid + ${count.toLocaleString("en")} valid calls (${name}): wasm ${mb(before.wasm)} -> ${mb(after.wasm)}, JS heap ${mb(before.heap)} -> ${mb(after.heap)}`);
  }
}
