// Ours and Zod alone in a fresh process (run by bench.mjs): with no other validator loaded, Zod's
// code sees one schema's shapes only, its best case. Prints the mean times as JSON.
import { bench, run, do_not_optimize } from "mitata";
import { auditLogEntrySchema as ours } from "../pkg/node.mjs";
import { auditLogEntrySchema as zodEntry } from "../tests/js/zod-reference.mjs";
import { singleInputs } from "./inputs.mjs";

for (const [name, input] of Object.entries(singleInputs)) {
  bench(`ours|${name}`, () => do_not_optimize(ours.safeParse(input)));
  bench(`zod|${name}`, () => do_not_optimize(zodEntry.safeParse(input)));
  // What a form does with a failure: read the error's issues.
  if (!zodEntry.safeParse(input).success) {
    bench(`ours|${name}, error read`, () => do_not_optimize(ours.safeParse(input).error.issues));
    bench(`zod|${name}, error read`, () => do_not_optimize(zodEntry.safeParse(input).error.issues));
  }
}
const results = await run({ format: "quiet" });
console.log(JSON.stringify(Object.fromEntries(results.benchmarks.map((b) => [b.alias, b.runs[0].stats.avg]))));
