// `auditlog check --format json` (the Rust command-line tool) against the npm package: the same
// report for the same file, issue for issue. The one difference is documented: a line that is not
// JSON has one `invalid_json` issue in both, whose message is the parser's (V8's here, serde_json's
// there), so those messages are compared by their prefix only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pkg from "../../pkg/index.mjs";
import { validRecord } from "./generators.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Every feature, as `make server` builds it: another feature set would rebuild target/debug/auditlog
// (the service, `auditlog serve`) under the service tests that run beside this file.
execFileSync("cargo", ["build", "--quiet", "--all-features", "--bin", "auditlog"], { cwd: root, stdio: "inherit" });
const binary = join(root, "target/debug/auditlog");

function cli(file, schema) {
  const run = spawnSync(binary, ["check", "--format", "json", "--schema", schema, file], { encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const { file: named, ...report } = JSON.parse(run.stdout);
  assert.equal(named, file);
  return { report, status: run.status };
}

/** The report with each invalid_json message cut to its prefix. */
const comparable = (report) => ({
  ...report,
  lines: report.lines.map(({ line, issues }) => ({
    line,
    issues: issues.map((issue) => (issue.code === "invalid_json" ? { ...issue, message: issue.message.slice(0, "Invalid JSON: ".length) } : issue)),
  })),
});


/** A folder of the temporary folder for test `t`'s files, removed when the test ends. */
function scratchFolder(t) {
  const dir = mkdtempSync(join(tmpdir(), "auditlog-cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
test("the CLI's JSON report is the package's validateNdjson report", (t) => {
  const sample = join(root, "www/public/samples/entries-5000.ndjson");
  const bytes = readFileSync(sample);
  const { report, status } = cli(sample, "entry");
  const expected = pkg.auditLogEntrySchema.validateNdjson(bytes);
  assert.equal(status, 1);
  assert.ok(expected.invalid > 100 && expected.lines.some((l) => l.issues[0].code === "invalid_json"));
  assert.deepEqual(comparable(report), comparable(expected));

  // Platform records, some broken the ways the cross-field rules catch.
  const events = ["key.create", "role.update", "workspace.update", "authorization.connect_role_and_key", "api.delete"];
  const lines = Array.from({ length: 3000 }, (_, i) => {
    const record = validRecord(events[i % events.length], { display: `record ${i}` });
    if (i % 11 === 0) record.resources = [];
    if (i % 13 === 0) record.remoteIp = "999.1.1.1";
    if (i % 17 === 0) record.resources = [...record.resources, ...record.resources];
    return JSON.stringify(record);
  });
  const file = join(scratchFolder(t), "records.ndjson");
  writeFileSync(file, lines.join("\n"));
  const records = cli(file, "platform");
  const expectedRecords = pkg.platformRecordSchema.validateNdjson(readFileSync(file));
  assert.ok(expectedRecords.invalid > 300);
  assert.deepEqual(records.report, expectedRecords);
});

test("the CLI skips the lines JavaScript's trim empties, as the package does", (t) => {
  // Every character JavaScript's trim removes, alone and with others, and look-alikes it keeps
  // (U+0085, U+200B, U+180E), between valid entries.
  const trimmed = ["\t", "\u000b", "\f", " ", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\r"];
  const kept = ["\u0085", "\u200b", "\u180e", "\u0000"];
  const entry = JSON.stringify({ id: "a", action: "read", actor_id: "u", resource_type: "r", resource_id: "x", timestamp: "2026-05-16T18:30:00Z" });
  const lines = [entry, ...trimmed, trimmed.join(""), ` ${trimmed.join("")} `, ...kept, ` \f${kept[0]}`, entry];
  const file = join(scratchFolder(t), "blank.ndjson");
  writeFileSync(file, lines.join("\n"));
  const { report } = cli(file, "entry");
  const expected = pkg.auditLogEntrySchema.validateNdjson(readFileSync(file));
  assert.deepEqual(comparable(report), comparable(expected));
  assert.deepEqual([expected.total, expected.valid], [2 + kept.length + 1, 2]);
});

test("the CLI drops the byte-order marks validateNdjson drops from bytes: up to two", (t) => {
  const entry = JSON.stringify({ id: "a", action: "read", actor_id: "u", resource_type: "r", resource_id: "x", timestamp: "2026-05-16T18:30:00Z" });
  const dir = scratchFolder(t);
  for (const marks of [1, 2, 3]) {
    const file = join(dir, `marks-${marks}.ndjson`);
    writeFileSync(file, "\ufeff".repeat(marks) + `${entry}\n${entry}\n`);
    const { report } = cli(file, "entry");
    const expected = pkg.auditLogEntrySchema.validateNdjson(readFileSync(file));
    assert.deepEqual(comparable(report), comparable(expected), `${marks} marks`);
    assert.equal(expected.valid, marks < 3 ? 2 : 1, `${marks} marks`);
  }
});
