// The floor of a Zod-compatible safeParse of the entry schema, for make bench to print beside each
// target: what a validator that answers as Zod does spends on an input before checking anything.
// It makes the reads Zod makes (each field, `key in input`, and a record's listing of its keys and
// propertyIsEnumerable: proxies observe them, and the hostile tests hold us to them; the listing is
// ours, src/js/own-keys.js, the same keys as Zod's Reflect.ownKeys and faster where Node can tell a
// proxy), builds the data objects, and for an invalid input returns a failure whose `error` is built
// on first read, as Zod's is (results.js builds ours: of the ways to make such an object, the
// fastest we measured). It checks nothing.
import { failure } from "../pkg/results.js";
// The Node entries' listing (pkg/own-keys.js is the browsers', own-keys-browser.js).
import { ownKeys } from "../src/js/own-keys.js";

const isEnumerable = Object.prototype.propertyIsEnumerable;

function change(v) {
  if (typeof v !== "object" || v === null) return v;
  const out = {};
  let x = v.old;
  if ("old" in v) out.old = x;
  x = v.new;
  if ("new" in v) out.new = x;
  return out;
}

function changes(record) {
  if (typeof record !== "object" || record === null) return record;
  const out = {};
  const keys = ownKeys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "__proto__" || !isEnumerable.call(record, key)) continue;
    out[key] = change(record[key]);
  }
  return out;
}

/** The entry's reads and data, in Zod's order, written out field by field (a loop over the keys is slower). */
function entryData(v) {
  if (typeof v !== "object" || v === null) return v;
  const out = {};
  let x = v.id;
  if ("id" in v) out.id = x;
  x = v.action;
  if ("action" in v) out.action = x;
  x = v.actor_id;
  if ("actor_id" in v) out.actor_id = x;
  x = v.actor_type;
  if ("actor_type" in v) out.actor_type = x;
  x = v.resource_type;
  if ("resource_type" in v) out.resource_type = x;
  x = v.resource_id;
  if ("resource_id" in v) out.resource_id = x;
  x = changes(v.changes);
  if ("changes" in v) out.changes = x;
  x = v.ip_address;
  if ("ip_address" in v) out.ip_address = x;
  x = v.user_agent;
  if ("user_agent" in v) out.user_agent = x;
  x = v.timestamp;
  if ("timestamp" in v) out.timestamp = x;
  return out;
}

const neverRead = () => [];

/** The floor's safeParse for an input known to be valid or not. */
export function floorSafeParse(input, valid) {
  const data = entryData(input);
  return valid ? { success: true, data } : failure(undefined, neverRead);
}
