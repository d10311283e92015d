// Records the JSON Schemas Zod 4.6.7's z.toJSONSchema writes for the open-types schemas, for every
// target and io mode, into tests/fixtures/zod-json-schemas.json: the Rust tests (tests/json_schema.rs)
// hold the crate's JSON Schemas to them byte for byte, the JS tests the package's. `node --test
// tests/js/` fails if the recording is out of date; renew it with:
//   node tests/js/record-json-schemas.mjs
import { writeFileSync } from "node:fs";
import * as z from "zod";
import { zodSchemas } from "./zod-reference.mjs";

export const jsonSchemasUrl = new URL("../fixtures/zod-json-schemas.json", import.meta.url);

// Zod's targets, no target (its default), and a name it does not know.
export const TARGETS = [undefined, "draft-2020-12", "draft-07", "draft-04", "openapi-3.0", "draft-2019-09"];
export const IO_MODES = [undefined, "input", "output"];

export function recordJsonSchemas() {
  const out = [];
  for (const [schema, zodSchema] of Object.entries(zodSchemas)) {
    for (const target of TARGETS) {
      for (const io of IO_MODES) {
        out.push({ schema, target: target ?? null, io: io ?? null, json: JSON.stringify(z.toJSONSchema(zodSchema, { target, io })) });
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const recorded = recordJsonSchemas();
  writeFileSync(jsonSchemasUrl, `[\n${recorded.map((c) => JSON.stringify(c)).join(",\n")}\n]\n`);
  console.log(`recorded ${recorded.length} JSON Schemas from Zod`);
}
