// No leak: 100,000 invalid and 100,000 valid calls leave wasm memory unchanged and the JS heap flat
// (the full million each runs in `make bench`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { measureMemory } from "../../bench/memory.mjs";

test("100,000 invalid and 100,000 valid calls: wasm memory unchanged, JS heap flat", () => {
  const { before, after } = measureMemory(100_000);
  assert.equal(after.wasm, before.wasm, "wasm memory grew");
  // A leak of one object per call would be several MB here; GC noise is well under one.
  assert.ok(after.heap - before.heap < 1_000_000, `JS heap grew by ${after.heap - before.heap} bytes`);
  console.log(`wasm ${before.wasm} -> ${after.wasm} bytes; JS heap ${before.heap} -> ${after.heap} bytes`);
});
