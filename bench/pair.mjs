// Ours and Zod alone in a fresh process (run by bench.mjs): with no other validator loaded, Zod's
// code sees one schema's shapes only, its best case. `single` times the four single entries (and
// reading the error, as a form does); `form` the same with the browser's form entry (lean.js's
// parts over the open-types module, as a page gets them; V8 here as in Chromium); `bulk` the bulk
// paths, in a process of their own, because the bulk inputs' 100,000 objects slow every collection
// down. Prints each mean and median time as JSON.
import { bench, run, do_not_optimize } from "mitata";
import { browserSchemas } from "./browser-schemas.mjs";
import { auditLogEntrySchema as zodEntry } from "../tests/js/zod-reference.mjs";
import { bulkInputs, parseEachLine, safeParseEach, singleInputs } from "./inputs.mjs";

// The schema timed, and only it loaded: the server entry's, or the browser's form entry's.
const part = process.argv[2];
const ours = part === "form" ? browserSchemas().schemas.auditLogEntrySchema : (await import("../pkg/index.mjs")).auditLogEntrySchema;

function single() {
  for (const [name, input] of Object.entries(singleInputs)) {
    bench(`ours|${name}`, () => do_not_optimize(ours.safeParse(input)));
    bench(`zod|${name}`, () => do_not_optimize(zodEntry.safeParse(input)));
    if (!zodEntry.safeParse(input).success) {
      bench(`ours|${name}, error read`, () => do_not_optimize(ours.safeParse(input).error.issues));
      bench(`zod|${name}, error read`, () => do_not_optimize(zodEntry.safeParse(input).error.issues));
    }
  }
}

function bulk() {
  const { ndjson, array } = bulkInputs();
  bench("ours|validateMany(100,000 objects)", () => do_not_optimize(ours.validateMany(array)));
  bench("zod|validateMany(100,000 objects)", () => safeParseEach(zodEntry, array));
  bench("ours|validateNdjson(text)", () => do_not_optimize(ours.validateNdjson(ndjson)));
  bench("zod|validateNdjson(text)", () => parseEachLine(zodEntry, ndjson));
}

({ single, form: single, bulk })[part]();
const results = await run({ format: "quiet" });
console.log(JSON.stringify(Object.fromEntries(results.benchmarks.map(({ alias, runs: [{ stats }] }) => [alias, { avg: stats.avg, p50: stats.p50 }]))));
