// Code made at run time with `new Function`, as Zod compiles its object parsers, where the page
// allows it. A Content Security Policy without 'unsafe-eval', and Workers, refuse it; browsers
// report every refusal (a console error, a `securitypolicyviolation` event, perhaps a report sent
// to the site), so after the first nothing more is asked for and callers take their fallbacks.
let refused = false;

/** `new Function(...params, body)`, or `undefined` where code generation is refused. */
export function compile(params, body) {
  if (refused) return undefined;
  try {
    return new Function(...params, body);
  } catch (error) {
    // What a refusal throws; anything else leaves later calls free to try.
    if (error instanceof EvalError) refused = true;
    return undefined;
  }
}
