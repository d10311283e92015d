// own-keys.js as the browser entry ships it (build-pkg.mjs writes it under that name): every object
// listed with `Reflect.ownKeys`, as Zod walks a record. That is what own-keys.js does in a browser,
// where no runtime tells a proxy apart; its test for Node's `util.types.isProxy` would be code every
// page downloads and never runs.

/** `Reflect.ownKeys(o)`: each own key, integer-like first, then strings and symbols in order of creation. */
export function ownKeys(o) {
  return Reflect.ownKeys(o);
}
