// A service's RFC 9457 problem details back into the package's error: AuditLogError.fromProblem and
// AuditLogError.fromResponse. The end-to-end proof against the Rust service is tests/js/service.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AuditLogError, auditLogEntrySchema, flattenError, treeifyError } from "../../pkg/index.mjs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const bad = { ...examples.entries.update, id: "", timestamp: "yesterday", changes: { role: 5 } };

/** What a service answers for `input`: the problem details, through JSON as over HTTP. */
function problemFor(input) {
  const { error } = auditLogEntrySchema.safeParse(input);
  const issues = error.issues;
  return JSON.parse(JSON.stringify({ type: "about:blank", title: "Unprocessable Content", status: 422, detail: `The audit-log entry has ${issues.length} issues.`, issues }));
}

test("a problem's issues give the same views as the client's own error", () => {
  const client = auditLogEntrySchema.safeParse(bad).error;
  const server = AuditLogError.fromProblem(problemFor(bad));
  assert.ok(server instanceof AuditLogError);
  assert.equal(server.name, "ZodError");
  assert.deepEqual(server.issues, JSON.parse(JSON.stringify(client.issues)));
  assert.deepEqual(flattenError(server), flattenError(client));
  assert.deepEqual(treeifyError(server), treeifyError(client));
  assert.deepEqual(server.flatten().fieldErrors.changes, client.flatten().fieldErrors.changes);
});

test("the caller's problem is never changed", () => {
  const problem = problemFor(bad);
  const before = structuredClone(problem);
  const error = AuditLogError.fromProblem(problem);
  error.addIssue({ code: "custom", path: ["id"], message: "taken" });
  error.issues[0].path.push("x");
  assert.deepEqual(problem, before);
});

test("a problem without issues is one root issue with its detail", () => {
  const tooLarge = AuditLogError.fromProblem({ type: "about:blank", title: "Content Too Large", status: 413, detail: "The request body is larger than this service accepts." });
  assert.deepEqual(tooLarge.issues, [{ code: "custom", path: [], message: "The request body is larger than this service accepts." }]);
  assert.deepEqual(flattenError(tooLarge).formErrors, ["The request body is larger than this service accepts."]);
  assert.equal(AuditLogError.fromProblem({ title: "Not Found" }).issues[0].message, "Not Found");
  assert.equal(AuditLogError.fromProblem({ status: 500 }).issues[0].message, "The service answered 500.");
});

test("anything that is not problem details is a TypeError that does not print it", () => {
  for (const notProblem of [null, undefined, "oops", 42, [], [{ code: "x" }]]) {
    assert.throws(() => AuditLogError.fromProblem(notProblem), TypeError);
  }
  for (const issues of ["x", [null], [{ code: "x", message: "m" }], [{ code: "x", path: [{}], message: "m" }], [{ path: [], message: "m" }]]) {
    assert.throws(() => AuditLogError.fromProblem({ issues }), /`issues` must be a list of issues/);
  }
  assert.throws(() => AuditLogError.fromProblem("secret"), (error) => error instanceof TypeError && !error.message.includes("secret"));
});

test("fromResponse: null when the response succeeded, the problem's error otherwise", async () => {
  const json = (body, status, type = "application/problem+json") => new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
  assert.equal(await AuditLogError.fromResponse(json({ id: "a" }, 201, "application/json")), null);
  const problem = problemFor(bad);
  const error = await AuditLogError.fromResponse(json(problem, 422));
  assert.deepEqual(error.issues, problem.issues);
  const notJson = await AuditLogError.fromResponse(json({ title: "Bad Request", status: 400, issues: [{ code: "invalid_json", path: [], message: "Invalid JSON: EOF" }] }, 400));
  assert.equal(notJson.issues[0].code, "invalid_json");
  // An error page that is not problem details still gives an error a form can show.
  const html = await AuditLogError.fromResponse(new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
  assert.deepEqual(html.issues, [{ code: "custom", path: [], message: "The service answered 502 Bad Gateway." }]);
  const odd = await AuditLogError.fromResponse(json({ issues: [{ what: 1 }] }, 422));
  assert.equal(odd.issues[0].message, "The service answered 422.");
  await assert.rejects(AuditLogError.fromResponse({}), TypeError);
});

test("fromProblem and fromResponse are statics of the one AuditLogError, as a class's are, in the minified browser files too", async () => {
  class Reference {
    static fromProblem() {}
  }
  const classStatic = Object.getOwnPropertyDescriptor(Reference, "fromProblem");
  // pkg/problems.js is the browser entry's file, minified; it imports only errors.js.
  const { AuditLogError: browserClass } = await import("../../pkg/problems.js");
  for (const [where, errorClass] of [["index.mjs", AuditLogError], ["problems.js", browserClass]]) {
    for (const name of ["fromProblem", "fromResponse"]) {
      const { value, ...rest } = Object.getOwnPropertyDescriptor(errorClass, name);
      assert.equal(typeof value, "function", `${where}: ${name}`);
      assert.equal(value.name, name, `${where}: ${name}`);
      assert.deepEqual(rest, { writable: classStatic.writable, enumerable: classStatic.enumerable, configurable: classStatic.configurable }, `${where}: ${name}`);
    }
  }
  // The errors safeParse returns are of that class, so their constructor has them too.
  assert.equal(auditLogEntrySchema.safeParse({}).error.constructor, AuditLogError);
});
