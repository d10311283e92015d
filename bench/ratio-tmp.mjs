import * as ours from "../pkg/node.mjs";
import { readFileSync } from "node:fs";
const s = ours.auditLogEntrySchema;
const files = Object.fromEntries(["valid", "invalid", "half", "bulk1"].map((n) => [n, new Uint8Array(readFileSync(`/tmp/fb/${n}.ndjson`))]));
const best = (runs, f) => { let b = Infinity; for (let i = 0; i < runs; i++) { const t = performance.now(); f(); b = Math.min(b, performance.now() - t); } return b; };
for (let r = 0; r < 3; r++) {
  const out = {};
  for (const [n, b] of Object.entries(files)) out[n] = best(5, () => s.validateNdjson(b));
  console.log(Object.entries(out).map(([n, ms]) => `${n} ${ms.toFixed(1)}ms ${(files[n].length / 1e3 / ms).toFixed(0)}MB/s`).join("  "), ` invalid/valid ${(out.invalid / out.valid).toFixed(2)}x`);
}
