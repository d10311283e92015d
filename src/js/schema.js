// A schema object: a drop-in for the Zod schema of the same name.
import { AuditLogError, errorWithoutStack } from "./errors.js";

/**
 * Where a schema keeps what the batch functions (many.js) check with: its one-input check, how to
 * read a saved answer, and the NDJSON scanner where the module has one.
 */
export const CHECKS = Symbol("auditlog-wasm.checks");

/**
 * Where a schema keeps its number (protocol.js SCHEMA_IDS), by which toJSONSchema (json-schema.js)
 * finds its JSON Schema: shared by every copy of the package, as Zod's functions take any copy's
 * schemas.
 */
export const SCHEMA_NUMBER = Symbol.for("auditlog-wasm.schemaNumber");

/**
 * @param {number} id the schema's number (protocol.js SCHEMA_IDS)
 * @param {{ check: Function, readSaved?: Function, failed?: Function, scan?: Function }} glue the
 *   checker (checker.js), and where it saves answers (speed.js), how to read one and the failure
 *   that reads it when asked; the NDJSON scanner where the module has one
 *
 * The schema has no JSON Schema of its own: the server entries add it (json-schema.js
 * addJsonSchema). The browser entry's schemas are as zod/mini's there, whose pages should not
 * download the texts: the function `toJSONSchema(schema)` gives it.
 */
export function makeSchema(id, { check, readSaved, failed, scan }) {
  const checkOne = (input, later, withData) => check(id, input, later, withData);
  const scanOne = scan && ((text, bytes, checkLine, result) => scan(id, text, bytes, checkLine, result));
  const schema = {
    parse(input) {
      const r = checkOne(input);
      if (r.issues) throw new AuditLogError(r.issues);
      return r.data;
    },
    safeParse(input) {
      const r = checkOne(input, true);
      if (r.saved) return failed(r.saved);
      if (r.issues) return { success: false, error: errorWithoutStack(r.issues) };
      return { success: true, data: r.data };
    },
  };
  // Zod's async forms, for code that awaits them; these schemas have no async rules.
  schema.parseAsync = async (input) => schema.parse(input);
  schema.safeParseAsync = async (input) => schema.safeParse(input);
  schema.spa = schema.safeParseAsync;
  schema["~standard"] = standardSchema(checkOne);
  Object.defineProperty(schema, CHECKS, { value: { checkOne, readSaved, scanOne } });
  Object.defineProperty(schema, SCHEMA_NUMBER, { value: id });
  // The batch checks and JSON Schema are functions (many.js, json-schema.js), which the server
  // entries make methods too (create-api.js); in the browser entry, whose pages should not download
  // them, the method says where they are.
  for (const name of ["validateMany", "validateNdjson", "validateNdjsonStream", "toJSONSchema"]) schema[name] = () => functionElsewhere(name);
  return schema;
}

function functionElsewhere(name) {
  throw new TypeError(`auditlog-wasm: in browsers, ${name} is a function of the schema: import { ${name} } from "auditlog-wasm" and call ${name}(schema, ...)`);
}

/** Standard Schema v1 (https://standardschema.dev): `validate` answers synchronously. */
function standardSchema(checkOne) {
  return {
    version: 1,
    vendor: "auditlog-wasm",
    validate(input) {
      let r;
      try {
        r = checkOne(input);
      } catch (thrown) {
        // As Zod's: what throws during validation (a getter, say) comes back as a rejected promise.
        return Promise.reject(thrown);
      }
      return r.issues ? { issues: r.issues } : { value: r.data };
    },
  };
}
