// The two sides of the package agree by construction, and these tests hold them to it: the glue's
// protocol constants are the ones the Rust declarations generate (src/wasm/protocol.rs), and the
// issue shapes the TypeScript declarations name are exactly the ones Rust reports (src/issues.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

test("the package's protocol.js is the one generated from the Rust declarations", () => {
  // src/js/protocol.js is held to the Rust declarations by a Rust test; the package must carry it,
  // without its comment lines (src/js/build-pkg.mjs), and only those.
  const source = read("src/js/protocol.js");
  assert.match(source, /^\/\/ Generated from src\/wasm\/protocol\.rs/);
  assert.equal(read("pkg/protocol.js"), source.replace(/^[ \t]*\/\/.*\n/gm, ""));
  assert.doesNotMatch(read("pkg/protocol.js"), /^[ \t]*\/\//m);
});

/** The issue interfaces of index.d.ts: code -> the keys an issue of that code has (in any order). */
function declaredShapes(declarations) {
  const base = /interface IssueBase \{([^}]*)\}/.exec(declarations)[1];
  const keysOf = (body) => [...body.matchAll(/readonly (\w+)\??:/g)].map((m) => m[1]);
  const shapes = {};
  for (const [, body] of declarations.matchAll(/export interface \w+ extends IssueBase \{([^}]*)\}/g)) {
    const code = /readonly code: "(\w+)"/.exec(body)[1];
    shapes[code] = [...keysOf(body), ...keysOf(base)].sort();
  }
  return shapes;
}

// Issues the glue reports itself, never Rust: a batch item whose check threw (src/js/batch.js).
const GLUE_ONLY = { check_threw: ["code", "path", "message"] };

test("index.d.ts declares every issue code Rust (or the glue) reports, with exactly its keys, and no other", () => {
  const rust = { ...JSON.parse(read("target/pkg-build/issue-shapes.json")), ...GLUE_ONLY };
  const declared = declaredShapes(read("pkg/index.d.ts"));
  const sorted = Object.fromEntries(Object.entries(rust).map(([code, keys]) => [code, [...keys].sort()]));
  assert.deepEqual(Object.keys(declared).sort(), Object.keys(sorted).sort(), "issue codes");
  for (const code of Object.keys(sorted)) assert.deepEqual(declared[code], sorted[code], code);
  // Every issue code is a member of the AuditLogIssue union.
  const union = /export type AuditLogIssue =([^;]*);/.exec(read("pkg/index.d.ts"))[1];
  assert.equal(union.split("|").filter((member) => member.trim()).length, Object.keys(sorted).length);
});
