// How to read input for each schema, and the model's name lists, as the module describes them
// (src/wasm/mod.rs: schema_fields, name_list). The entries have the tables from the build
// (tables.js; in browsers tables-open-types.js and tables-platform.js, whose modules leave out the
// code that writes them); the browser's module with every schema is asked for the platform's name
// lists, which its data holds anyway.
import { FIELD_FAST, FIELD_NAME, FIELD_NEEDS, FIELD_NUMBER, NAME_LIST_IDS, SCHEMA_IDS, TABLE_FIELDS, TABLE_IS_OBJECT, TABLE_REFINED } from "./protocol.js";

/**
 * @param {import("./transport.js").Transport} transport
 * @param {{ fields: Array, names: string[][] }} [known] the tables read when the package was built
 * @param {import("./core.js").Parts} parts the glue's readers, and its fast checks where it has them
 * @returns {(id: number) => { isObject: boolean, refined: boolean, fields: Array<{ name: string, needs: number, schema: number, depth: number, accepts?: (x: unknown) => boolean, verifiable: boolean }>, reader: Function, read?: Function, check?: Function }}
 */
export function schemaTables(transport, known, { reader, fastCheck }) {
  const cache = [];
  return (id) => {
    let table = cache[id];
    if (table === undefined) {
      const row = known?.fields[id] ?? schemaFields(transport, id);
      const isObject = row[TABLE_IS_OBJECT], refined = row[TABLE_REFINED];
      // The number after `needs` is the schema of a record's or array's objects, or a JSON depth;
      // `accepts` is the field's fast check (fast-checks.js), where the glue runs them and the
      // table has one (the browser's table files have none: build-pkg.mjs).
      // `verifiable`: the rules may be told a value is valid, unless a refinement reads it.
      const specs = row[TABLE_FIELDS].map((field) => {
        const number = field[FIELD_NUMBER];
        return { name: field[FIELD_NAME], needs: field[FIELD_NEEDS], schema: number, depth: number, accepts: fastCheck && field.length > FIELD_FAST ? fastCheck(field[FIELD_FAST]) : undefined, verifiable: !refined };
      });
      // `check` is the reader that builds no data (for batches), made on first use (facts.js).
      table = { isObject, refined, fields: specs, reader, read: isObject ? reader(specs) : undefined, check: undefined };
      cache[id] = table;
    }
    return table;
  };
}

/**
 * A closed list of names of the model, frozen, by its NAME_LIST_IDS number. Takes the glue
 * (core.js createGlue) rather than its transport: the browser entries' `nameList(glue, ...)` then
 * has only variables for arguments, so bundlers drop the call where a page does not use the list
 * (with `glue.transport` they keep it, as reading a property might run a getter).
 */
export function nameList({ transport }, known, which) {
  return Object.freeze(known?.names?.[which] ?? transport.readTokens(transport.wasm.name_list(which) >>> 0, []));
}

const schemaFields = (transport, id) => transport.readTokens(transport.wasm.schema_fields(id) >>> 0, []);

/** What build-pkg.mjs writes to tables.js: every schema's fields and every name list. */
export function tablesForBuild(transport) {
  return {
    fields: Object.values(SCHEMA_IDS).map((id) => schemaFields(transport, id)),
    names: Object.values(NAME_LIST_IDS).map((which) => transport.readTokens(transport.wasm.name_list(which) >>> 0, [])),
  };
}
