// AuditLogError.fromProblem and AuditLogError.fromResponse: the error a service's answer describes.
// They are statics of the one AuditLogError class (errors.js), attached here, and every entry
// exports the class from this module: a production bundle of a page that never imports
// AuditLogError (a form that reads safeParse's issues) carries none of this, and one that imports it
// finds them as ever.
import { AuditLogError as ErrorClass } from "./errors.js";

/**
 * `fromProblem(problem)`: the error a service's RFC 9457 problem details describe (as
 * `auditlog::axum` and the example service answer): its `issues` are the ones `safeParse` gives
 * for the same JSON, so `flattenError`, `treeifyError` and form resolvers put them on the same
 * fields. A problem without issues (413, 415, 500...) becomes one root `custom` issue with its
 * `detail`. Throws a TypeError for anything that is not problem details.
 *
 * `fromResponse(response)`: `null` for a successful response; otherwise the error it carries
 * (`fromProblem` of its JSON body), or, for a response without problem details (an HTML error
 * page), one root `custom` issue naming its status. Reads the body of an unsuccessful response.
 *
 * Methods of an object literal, so that minifiers keep their names, as a class's statics' are
 * (and their comments here, where bundlers that keep comments do not copy them).
 */
const statics = {
  fromProblem(problem) {
    if (typeof problem !== "object" || problem === null || Array.isArray(problem)) {
      throw new TypeError("AuditLogError.fromProblem: expected problem details (an object), got " + describe(problem));
    }
    const { issues } = problem;
    if (issues === undefined) {
      const message = [problem.detail, problem.title].find((text) => typeof text === "string" && text !== "");
      const status = Number.isInteger(problem.status) ? ` ${problem.status}` : "";
      return new ErrorClass([{ code: "custom", path: [], message: message ?? `The service answered${status}.` }]);
    }
    if (!Array.isArray(issues) || !issues.every(isIssue)) {
      throw new TypeError("AuditLogError.fromProblem: `issues` must be a list of issues ({ code, path, message })");
    }
    // Copies: the caller's problem stays as it was when the error's issues are added to.
    return new ErrorClass(issues.map((issue) => ({ ...issue, path: [...issue.path] })));
  },
  async fromResponse(response) {
    if (typeof response?.ok !== "boolean" || typeof response.text !== "function") {
      throw new TypeError("AuditLogError.fromResponse: expected a fetch Response, got " + describe(response));
    }
    if (response.ok) return null;
    let body;
    try {
      body = JSON.parse(await response.text());
    } catch {
      body = undefined;
    }
    const isProblem = typeof body === "object" && body !== null && !Array.isArray(body);
    if (isProblem && (body.issues === undefined || Array.isArray(body.issues))) {
      try {
        return statics.fromProblem(body);
      } catch {
        // Issues in a shape this package does not know: report the status instead.
      }
    }
    const text = `The service answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
    return new ErrorClass([{ code: "custom", path: [], message: text }]);
  },
};

/** Whether a value has an issue's shape: a `code`, a `message` and a `path` of keys and indices. */
function isIssue(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof value.code === "string" &&
    typeof value.message === "string" &&
    Array.isArray(value.path) &&
    value.path.every((key) => typeof key === "string" || typeof key === "number")
  );
}

/** What a value is, for an error message, without printing it. */
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

// The class with its statics, as a binding of this module's own: a bundler that finds the class
// used keeps this statement, where a re-export would let it take the class from errors.js and drop
// this module (package.json's sideEffects). As a class's static methods: writable and
// configurable, not enumerable.
export const AuditLogError = Object.defineProperties(ErrorClass, {
  fromProblem: { value: statics.fromProblem, writable: true, configurable: true },
  fromResponse: { value: statics.fromResponse, writable: true, configurable: true },
});
