// JSON Schema of a schema, as Zod 4.6.7's z.toJSONSchema and Standard JSON Schema give it. The
// crate writes it (src/json_schema.rs) from the same tables the validators use; it is constant per
// target and io mode, so the package carries the documents (json-schema-documents.js, generated
// when it is built) and hands out a fresh copy each time. The server entries' schemas carry their texts
// (addJsonSchema); the browser entry's do not, as zod/mini's, so that a form's page downloads no
// text: there only the function toJSONSchema gives them, found by the schema's number.
import { IO_INPUT, IO_OUTPUT, JSON_SCHEMA_TARGETS, TARGET_OTHER } from "./protocol.js";
import { SCHEMA_URIS, jsonSchemaDocument } from "./json-schema-documents.js";
import { SCHEMA_NUMBER } from "./schema.js";

const hasOwn = Object.prototype.hasOwnProperty;

/** The module's number for `params.target`, as Zod reads it: absent is draft 2020-12, and a name
 * it does not know gets no `$schema` and nothing newer than draft-04. */
function targetNumber(target) {
  if (target === undefined || target === null) return JSON_SCHEMA_TARGETS["draft-2020-12"];
  return typeof target === "string" && hasOwn.call(JSON_SCHEMA_TARGETS, target) ? JSON_SCHEMA_TARGETS[target] : TARGET_OTHER;
}

/** Zod describes the output unless `io` says otherwise ("input", or a word it does not know). */
const ioNumber = (io) => (io === undefined || io === null || io === "output" ? IO_OUTPUT : IO_INPUT);

/** A schema's Standard JSON Schema converter (`jsonSchema`) and `toJSONSchema(params)`. */
function converters(schema) {
  const jsonSchema = {
    // As Zod's: `target` from the options, the rest of Zod's parameters from `libraryOptions`.
    input: (options) => convert({ ...options?.libraryOptions, target: options?.target }, IO_INPUT),
    output: (options) => convert({ ...options?.libraryOptions, target: options?.target }, IO_OUTPUT),
  };
  function convert(params, io) {
    if (typeof params?.override === "function") {
      throw new TypeError("auditlog-wasm: toJSONSchema does not take `override` (it has no Zod schemas to hand it); change the result instead");
    }
    const target = targetNumber(params?.target), uri = SCHEMA_URIS[target];
    // `$schema` goes first, as Zod writes it.
    const document = jsonSchemaDocument(schema[SCHEMA_NUMBER], target, io);
    const json = uri === null ? document : { $schema: uri, ...document };
    // As Zod's result, the JSON Schema is itself a Standard (JSON) Schema of the same values.
    Object.defineProperty(json, "~standard", { value: { ...schema["~standard"], jsonSchema }, enumerable: false, writable: false });
    return json;
  }
  return { jsonSchema, toJSONSchema: (params) => convert(params, ioNumber(params?.io)) };
}

/**
 * Gives a schema (schema.js) `toJSONSchema(params)` and Standard JSON Schema's `~standard.jsonSchema`;
 * returns it.
 */
export function addJsonSchema(schema) {
  const { jsonSchema, toJSONSchema } = converters(schema);
  schema["~standard"].jsonSchema = jsonSchema;
  schema.toJSONSchema = toJSONSchema;
  return schema;
}

/**
 * Zod's `z.toJSONSchema(schema, params)` for this package's schemas: `params.target`
 * ("draft-2020-12" by default, "draft-07", "draft-04", "openapi-3.0") and `params.io` ("output" by
 * default, or "input"). Zod's `unrepresentable`, `cycles`, `reused`, `uri` and `metadata` change
 * nothing for these schemas; `override` is refused.
 */
export function toJSONSchema(schema, params) {
  if (jsonSchemaDocument(schema?.[SCHEMA_NUMBER], 0, IO_INPUT) === undefined) throw new TypeError("auditlog-wasm: toJSONSchema takes one of auditlog-wasm's schemas (for a Zod schema, use Zod's)");
  return converters(schema).toJSONSchema(params);
}
