// No leak: through the browser's glue over both browser modules, and through the server entries'
// glue over the module with every schema (bench/memory.mjs MEMORY_CASES), 100,000 invalid and
// 100,000 valid calls leave wasm memory unchanged and the JS heap flat (the full million each runs
// in `make bench`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MEMORY_CASES, measureMemory } from "../../bench/memory.mjs";

for (const [name, options] of Object.entries(MEMORY_CASES)) {
  test(`${name}: 100,000 invalid and 100,000 valid calls: wasm memory unchanged, JS heap flat`, () => {
    const { before, after } = measureMemory(100_000, options);
    assert.equal(after.wasm, before.wasm, "wasm memory grew");
    // A leak of one object per call would be several MB here; GC noise is well under one.
    assert.ok(after.heap - before.heap < 1_000_000, `JS heap grew by ${after.heap - before.heap} bytes`);
    console.log(`wasm ${before.wasm} -> ${after.wasm} bytes; JS heap ${before.heap} -> ${after.heap} bytes`);
  });
}

test("NDJSON in the server module: after the first file, checking it 20 times more grows wasm memory by nothing", async () => {
  const { readFileSync } = await import("node:fs");
  // wasm-bindgen's glue, which pkg/ carries only inside its entries (build-pkg.mjs stages it).
  const { initSync } = await import("../../target/pkg-build/auditlog_wasm.js");
  const { createApi } = await import("../../pkg/create-api.js");
  const { ndjsonScanner } = await import("../../src/js/ndjson-scan.js");
  const wasm = initSync({ module: readFileSync(new URL("../../pkg/auditlog_wasm_server_bg.wasm", import.meta.url)) });
  const { auditLogEntrySchema } = createApi(wasm, ndjsonScanner);
  // Several chunks, one in thirteen lines invalid, one not JSON: every path of the scanner.
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8");
  const text = `${sample}\n${sample}`;
  const first = auditLogEntrySchema.validateNdjson(text);
  const size = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 20; i++) assert.deepEqual(auditLogEntrySchema.validateNdjson(text), first);
  assert.equal(wasm.memory.buffer.byteLength, size, "wasm memory grew");
  assert.equal(first.total, 10_002);
});
