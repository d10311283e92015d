// Records what Zod 4.6.7 answers into tests/fixtures/zod-recorded.json, which the native and wasm Rust
// tests read: every hand-written case of cases.mjs, and a fixed-seed sample of generated inputs.
// `node --test tests/js/` fails if the recording is out of date; renew it with:
//   node tests/js/record-zod.mjs
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { cases } from "./cases.mjs";
import { inputs } from "./generators.mjs";
import { zodSchemas, outcome } from "./zod-reference.mjs";

export const recordingUrl = new URL("../fixtures/zod-recorded.json", import.meta.url);

const GENERATED = { entry: 1_000, change: 100, action: 100 };
const GENERATED_SEED = 2026;

/** Generated inputs as the Rust side will read them: through JSON, and only where Zod answers
 * rather than throws (a Rust function cannot throw; see the README's list of differences). */
function generatedCases() {
  const out = [];
  for (const [schema, numRuns] of Object.entries(GENERATED)) {
    fc.sample(inputs(schema, { withSurrogates: false }), { numRuns, seed: GENERATED_SEED }).forEach((raw, i) => {
      const input = JSON.parse(JSON.stringify(raw) ?? "null");
      try {
        zodSchemas[schema].safeParse(input);
      } catch {
        return;
      }
      out.push({ schema, name: `generated #${i} (seed ${GENERATED_SEED})`, input });
    });
  }
  return out;
}

export function record() {
  return [...cases, ...generatedCases()].map(({ schema, name, input }) => ({
    schema,
    name,
    input,
    expected: outcome(zodSchemas[schema].safeParse(input)),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const recorded = record();
  // One case a line: readable diffs, and a smaller file than indented JSON.
  writeFileSync(recordingUrl, `[\n${recorded.map((c) => JSON.stringify(c)).join(",\n")}\n]\n`);
  console.log(`recorded ${recorded.length} cases from Zod`);
}
