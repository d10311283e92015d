// Records what Zod 4.6.7 answers for every combination of string limits (a minimum of 0 to 3, a
// maximum or none) and format (none, or an ISO datetime) on strings whose UTF-16 length and code
// point count differ (astral, combining, lone surrogates), into tests/fixtures/zod-string-limits.json.
// tests/string_limits.rs holds the rules to it through each of their three sources (JSON values,
// the glue's facts, an NDJSON line). `node --test tests/js/` fails if it is out of date; renew it with:
//   node tests/js/record-string-limits.mjs
import { writeFileSync } from "node:fs";
import * as z from "zod";

export const recordingUrl = new URL("../fixtures/zod-string-limits.json", import.meta.url);

export const strings = [
  "", "a", "ab", "abc", "abcd",
  "😀", "😀😀", "a😀", "😀ab",
  "e\u0301", "\u0301", "e\u0301\u0301",
  "\ud800", "a\udc00", "\ud800\ud800", "\udc00\ud800x",
  "2026-05-16T18:30:00Z", "2026-05-16T18:30:00.😀Z", "127.0.0.1", "::1", "1.2.3.😀",
];

export const rules = [];
for (const format of [null, "datetime"]) {
  for (const min of [null, 0, 1, 2, 3]) {
    for (const max of [null, 1, 2, 3, 20]) rules.push({ min, max, format });
  }
}

/** The rule in Zod, its checks in the order the rules run them: the limits, then the format. */
function zodSchema({ min, max, format }) {
  let schema = z.string();
  if (min !== null) schema = schema.min(min);
  if (max !== null) schema = schema.max(max);
  return format === "datetime" ? schema.check(z.iso.datetime()) : schema;
}

const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

/** The strings (as UTF-16 units), and each rule with Zod's issues (code and message) per string. */
export function record() {
  return {
    strings: strings.map(units),
    rules: rules.map((rule) => ({
      ...rule,
      issues: strings.map((s) => (zodSchema(rule).safeParse(s).error?.issues ?? []).map(({ code, message }) => [code, message])),
    })),
  };
}

/** One rule a line, so that a change in behaviour reads as a diff of the rules it changes. */
export function text(recording) {
  const rules = recording.rules.map((rule) => JSON.stringify(rule)).join(",\n  ");
  return `{"strings": ${JSON.stringify(recording.strings)},\n "rules": [\n  ${rules}\n]}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(recordingUrl, text(record()));
  console.log(`recorded ${rules.length} rules x ${strings.length} strings`);
}
