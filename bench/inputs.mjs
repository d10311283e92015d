// The inputs every benchmark uses: four single entries, and 100,000 entries for the bulk paths.
import { readFileSync } from "node:fs";

const examples = JSON.parse(readFileSync(new URL("../tests/fixtures/open-types-examples.json", import.meta.url), "utf8"));
export const updateEntry = examples.entries.update;

export const singleInputs = {
  "valid full entry (example update)": examples.entries.update,
  "valid minimal entry": examples.entries.minimal,
  "invalid entry, 3 issues": { ...examples.entries.update, id: "", action: "publish", timestamp: "2026-05-16T18:30:00+02:00" },
  "not an object": "audit_01HABCDEF0123456789ABCDE",
};

/** 100,000 entries (one in thirteen broken, from the browser demo's sample) as NDJSON and as values. */
export function bulkInputs() {
  const sampleLines = readFileSync(new URL("../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8").split("\n").filter((l) => l.trim());
  const lines = Array.from({ length: 100_000 }, (_, i) => sampleLines[i % sampleLines.length]);
  const ndjson = lines.join("\n") + "\n";
  const array = lines.map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      return line;
    }
  });
  return { ndjson, bytes: new TextEncoder().encode(ndjson), array };
}

/** Bulk validation done with a schema's own `safeParse`: a loop over values; how many are valid. */
export function safeParseEach(schema, values) {
  let valid = 0;
  for (const value of values) if (schema.safeParse(value).success) valid++;
  return valid;
}

/** NDJSON checked with `JSON.parse` and a schema's own `safeParse` per line; how many are valid. */
export function parseEachLine(schema, text) {
  let valid = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      if (schema.safeParse(JSON.parse(line)).success) valid++;
    } catch {}
  }
  return valid;
}
