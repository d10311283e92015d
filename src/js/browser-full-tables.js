// The schema tables of the browser's module with every schema, which has no code to give them: the
// open-types schemas' and the platform's, both written by build-pkg.mjs, joined by protocol.js's
// numbers. The platform's name lists come from the module (schema-tables.js).
import openTypes from "./tables-open-types.js";
import platform from "./tables-platform.js";

export default { fields: [...openTypes.fields, ...platform.fields] };
