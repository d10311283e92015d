// The glue's floor, in a fresh process with only ours and Zod: each single entry checked by the
// package, by the package with the wasm check replaced by a stub that says "valid" (what the JS
// side costs by itself: reading the object, writing its facts, copying them, building the result),
// and by Zod. Where the glue alone is slower than Zod, no faster wasm check can make one call per
// object beat Zod. Prints each median time as JSON.
import { bench, run, do_not_optimize } from "mitata";
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/auditlog_wasm.js";
import { createApi } from "../pkg/core.js";
import { auditLogEntrySchema as zodEntry } from "../tests/js/zod-reference.mjs";
import { singleInputs } from "./inputs.mjs";

const wasm = initSync({ module: readFileSync(new URL("../pkg/auditlog_wasm_server_bg.wasm", import.meta.url)) });
const ours = createApi(wasm).auditLogEntrySchema;
const glueOnly = createApi({ ...wasm, check: () => 0 }).auditLogEntrySchema;
for (const [name, input] of Object.entries(singleInputs)) {
  if (!zodEntry.safeParse(input).success) continue; // the stub says "valid": only valid inputs compare
  bench(`ours|${name}`, () => do_not_optimize(ours.safeParse(input)));
  bench(`glue|${name}`, () => do_not_optimize(glueOnly.safeParse(input)));
  bench(`zod|${name}`, () => do_not_optimize(zodEntry.safeParse(input)));
}
const results = await run({ format: "quiet" });
console.log(JSON.stringify(Object.fromEntries(results.benchmarks.map(({ alias, runs: [{ stats }] }) => [alias, stats.p50]))));
