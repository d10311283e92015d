// The checks the glue runs itself on a field's value, as the module describes them
// (src/wasm/protocol.rs, `fast_check`): each accepts only values the field's rules accept, so a
// valid input never leaves JavaScript. Anything they do not accept is written down in full and
// judged by the rules in wasm, which decide every issue and every message.
import { CHECK_KIND, CHECK_MAX_UNITS, CHECK_MIN_UNITS, CHECK_OPTIONAL, CHECK_PATTERN, CHECK_VALUES, FAST_ANY, FAST_ONE_OF, FAST_STRING } from "./protocol.js";

const NO_LIMIT = 0xffffffff;

/**
 * @param {Array} fast the check from the module's schema tables (laid out as CHECK_* say)
 * @returns {((x: unknown) => boolean) | undefined} whether a value is certainly valid; `undefined`
 *   where the glue checks nothing itself
 */
export function fastCheck(fast) {
  const optional = fast[CHECK_OPTIONAL];
  const accepts = valueCheck(fast);
  if (accepts === undefined) return optional ? (x) => x === undefined : undefined;
  return optional ? (x) => x === undefined || accepts(x) : accepts;
}

function valueCheck(fast) {
  switch (fast[CHECK_KIND]) {
    case FAST_ANY:
      return () => true;
    case FAST_STRING: {
      const minUnits = fast[CHECK_MIN_UNITS], maxUnits = fast[CHECK_MAX_UNITS], regex = fast[CHECK_PATTERN];
      const pattern = regex === "" ? undefined : new RegExp(regex);
      const max = maxUnits === NO_LIMIT ? Infinity : maxUnits;
      if (pattern === undefined) return (x) => typeof x === "string" && x.length >= minUnits && x.length <= max;
      return (x) => typeof x === "string" && x.length >= minUnits && x.length <= max && pattern.test(x);
    }
    case FAST_ONE_OF: {
      const values = new Set(fast[CHECK_VALUES]);
      return (x) => values.has(x);
    }
    default:
      return undefined;
  }
}
