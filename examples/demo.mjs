// `make demo`: validates the sample entries with the built npm package and prints each verdict.
// Usage: node examples/demo.mjs [samples.json]
import { readFileSync } from "node:fs";
import { auditLogEntrySchema } from "../pkg/node.mjs";

const file = process.argv[2] ?? new URL("./samples.json", import.meta.url);
const samples = JSON.parse(readFileSync(file, "utf8"));
let valid = 0;
console.log(`auditlog-wasm (Node ${process.version}): ${samples.length} sample entries\n`);
for (const { name, entry } of samples) {
  const result = auditLogEntrySchema.safeParse(entry);
  if (result.success) {
    valid++;
    console.log(`  valid    ${name}`);
    continue;
  }
  console.log(`  INVALID  ${name}`);
  for (const issue of result.error.issues) {
    const path = issue.path.length ? issue.path.map(String).join(".") : "(entry)";
    console.log(`             ${path}: ${issue.message}  [${issue.code}]`);
  }
}
console.log(`\n${valid} valid, ${samples.length - valid} invalid\n`);
