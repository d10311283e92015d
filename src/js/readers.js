// Readers of an object schema's fields: each reads the fields in schema order (Zod's order:
// `input[key]`, then `key in input`), writes their facts (or, where a field has a fast check, that
// it accepted the value: only the server entries' writer, verified-facts.js, writes that, and only
// their tables give fast checks), and returns the parsed object (present keys only).
import { READS_INSIDE } from "./protocol.js";
import { compile } from "./compile.js";

/**
 * The reader as a loop over the fields: the browser's form entries' (no code made at run time), and
 * the fallback where `new Function` is refused. Without `withData` (a batch, which keeps only
 * verdicts) it reads the same, in the same order, and builds nothing.
 */
export function genericReader(fields, withData = true) {
  return (v, facts) => {
    const out = withData ? {} : undefined;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const x = v[field.name];
      const parsed = facts.node(x, field, 0);
      if (field.name in v && withData) out[field.name] = parsed;
    }
    return out;
  };
}

/**
 * The same reader compiled for one schema, as Zod compiles its object parsers: with literal keys,
 * V8 reads and builds each input shape with inline caches instead of looking every key up by name
 * (measured when it was written: 1.5 -> 0.44 µs of glue for the minimal entry). The keys come from
 * Rust's schema tables, quoted with JSON.stringify. Under a Content Security Policy without 'unsafe-eval', and in Workers, the
 * generic reader is used instead.
 */
export function compileReader(fields, withData = true) {
  // Each field's fast check, bound once to a constant of the reader: a direct call at each site.
  const checks = fields.map((field, i) => (field.accepts === undefined ? "" : `const accepts${i} = fields[${i}].accepts;`)).join("\n");
  const lines = [withData ? "const out = {};" : "", "let x, parsed;"];
  fields.forEach((field, i) => {
    const key = JSON.stringify(field.name);
    lines.push(`x = v[${key}];`);
    // Plain values are checked or written directly; records, arrays and JSON go through `node`.
    if (READS_INSIDE[field.needs]) lines.push(`parsed = facts.node(x, fields[${i}], 0);`);
    else if (field.accepts === undefined) lines.push(`facts.value(x, ${field.needs}, 0);`, "parsed = x;");
    else lines.push(`if (accepts${i}(x)) facts.verified(); else facts.value(x, ${field.needs}, 0);`, "parsed = x;");
    // Zod asks `key in input` either way (a proxy sees it), whether or not data is built.
    lines.push(withData ? `if (${key} in v) out[${key}] = parsed;` : `${key} in v;`);
  });
  lines.push(withData ? "return out;" : "return undefined;");
  const make = compile(["fields"], `${checks}\nreturn function read(v, facts) {\n${lines.join("\n")}\n};`);
  return make === undefined ? genericReader(fields, withData) : make(fields);
}
