// The recording of Zod's string-limit answers that tests/string_limits.rs reads is up to date.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { record, recordingUrl, text } from "./record-string-limits.mjs";

test("the recording of Zod's string limits is up to date (else run: node tests/js/record-string-limits.mjs)", () => {
  assert.equal(readFileSync(recordingUrl, "utf8"), text(record()));
});
