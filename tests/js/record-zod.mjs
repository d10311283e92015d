// Records what Zod 4.6.7 answers for every case of cases.mjs into tests/fixtures/zod-recorded.json,
// which the native Rust tests read. `node --test tests/js/` fails if the recording is out of date.
import { writeFileSync } from "node:fs";
import { cases } from "./cases.mjs";
import { zodSchemas, outcome } from "./zod-reference.mjs";

export const recordingUrl = new URL("../fixtures/zod-recorded.json", import.meta.url);

export function record() {
  return cases.map(({ schema, name, input }) => ({ schema, name, input, expected: outcome(zodSchemas[schema].safeParse(input)) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const recorded = record();
  writeFileSync(recordingUrl, JSON.stringify(recorded, null, 1) + "\n");
  console.log(`recorded ${recorded.length} cases from Zod`);
}
