// `make demo`: validates the sample entries (AuditLogEntry) and platform records (PlatformRecord) with the built
// npm package and prints each verdict with its issues.
// Usage: node examples/demo.mjs [entries.json] [records.json]
import { readFileSync } from "node:fs";
import { auditLogEntrySchema, platformRecordSchema } from "../pkg/index.mjs";

const read = (arg, fallback) => JSON.parse(readFileSync(arg ?? new URL(fallback, import.meta.url), "utf8"));

function report(title, samples, schema, key) {
  console.log(`${title}: ${samples.length} samples\n`);
  let valid = 0;
  for (const sample of samples) {
    const result = schema.safeParse(sample[key]);
    if (result.success) {
      valid++;
      console.log(`  valid    ${sample.name}`);
      continue;
    }
    console.log(`  INVALID  ${sample.name}`);
    for (const issue of result.error.issues) {
      const path = issue.path.length ? issue.path.map(String).join(".") : "(root)";
      console.log(`             ${path}: ${issue.message}  [${issue.code}]`);
    }
  }
  console.log(`\n  ${valid} valid, ${samples.length - valid} invalid\n`);
}

console.log(`auditlog-wasm on Node ${process.version}\n`);
report("Audit-log entries (AuditLogEntry)", read(process.argv[2], "./samples.json"), auditLogEntrySchema, "entry");
report("Platform records (PlatformRecord)", read(process.argv[3], "./records.json"), platformRecordSchema, "record");
