// The error that parse throws and safeParse returns, and Zod 4's helpers that turn issues into views
// for forms and logs (flattenError, treeifyError, prettifyError, formatError). They read only
// `error.issues`, so they accept Zod's own errors too. Written from Zod 4.6.7's observed behaviour;
// tests/js compares them with Zod's on every differential case.

/** Zod's `JSON.stringify` replacer for error messages: BigInts as decimal strings. */
function jsonReplacer(_key, value) {
  return typeof value === "bigint" ? value.toString() : value;
}

/** An own property `key` of `target`, created with `make()` if missing. Defined, not assigned, so a
 * path segment such as "__proto__" or "constructor" becomes a real key instead of touching the prototype. */
function ownSlot(target, key, make) {
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    Object.defineProperty(target, key, { value: make(), writable: true, enumerable: true, configurable: true });
  }
  return target[key];
}

const byMessage = (issue) => issue.message;

/** Issues that carry their own nested issues (a bad record key) are walked into, as Zod does. */
function eachLeaf(issues, visit, prefix = []) {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_key" || issue.code === "invalid_element") {
      eachLeaf(issue.issues, visit, path);
    } else if (issue.code === "invalid_union" && issue.errors?.length) {
      for (const branch of issue.errors) eachLeaf(branch, visit, path);
    } else {
      visit(issue, path);
    }
  }
}

/** `{ formErrors, fieldErrors }`: messages of issues at the root, and of each top-level field. */
export function flattenError(error, mapper = byMessage) {
  const formErrors = [];
  const fieldErrors = {};
  for (const issue of error.issues) {
    if (issue.path.length > 0) ownSlot(fieldErrors, issue.path[0], () => []).push(mapper(issue));
    else formErrors.push(mapper(issue));
  }
  return { formErrors, fieldErrors };
}

/** A tree shaped like the input: `{ errors, properties: { key: {...} }, items: [...] }`. */
export function treeifyError(error, mapper = byMessage) {
  const root = { errors: [] };
  eachLeaf(error.issues, (issue, path) => {
    let node = root;
    for (const key of path) {
      if (typeof key === "string") {
        node.properties ??= {};
        node = ownSlot(node.properties, key, () => ({ errors: [] }));
      } else {
        node.items ??= [];
        node.items[key] ??= { errors: [] };
        node = node.items[key];
      }
    }
    node.errors.push(mapper(issue));
  });
  return root;
}

/** The older nested view: `{ _errors, key: { _errors, ... } }`. */
export function formatError(error, mapper = byMessage) {
  const root = { _errors: [] };
  eachLeaf(error.issues, (issue, path) => {
    let node = root;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      // `_errors` is this view's own key: a path segment of that name stays on the current node.
      if (key !== "_errors") node = ownSlot(node, key, () => ({ _errors: [] }));
      if (last) node._errors.push(mapper(issue));
    });
    if (path.length === 0) root._errors.push(mapper(issue));
  });
  return root;
}

/** A path as code would write it: `changes.role`, `changes["a b"]`, `items[0]`. */
function dotPath(path) {
  let out = "";
  for (const segment of path) {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "symbol") out += `[${JSON.stringify(String(key))}]`;
    else if (/[^\w$]/.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

/** Human-readable lines: `✖ message` and `  → at path`, shortest paths first. */
export function prettifyError(error) {
  const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
  const lines = [];
  for (const issue of issues) {
    lines.push(`✖ ${issue.message}`);
    if (issue.path?.length) lines.push(`  → at ${dotPath(issue.path)}`);
  }
  return lines.join("\n");
}

/**
 * The `message` property of every AuditLogError: one accessor pair for all of them, the messages
 * kept aside. Closures made per error cost about 1.5 µs each (`node --cpu-prof`); without them, a
 * failure with its error read took 9.1 -> 5.9 µs (an invalid entry) and 3.9 -> 2.0 µs (a
 * non-object) in bench/pair.mjs.
 */
const messages = new WeakMap();
const MESSAGE_PROPERTY = {
  get() {
    let message = messages.get(this);
    if (message === undefined) {
      message = JSON.stringify(this.issues, jsonReplacer, 2);
      messages.set(this, message);
    }
    return message;
  },
  set(value) {
    messages.set(this, value);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Marks every AuditLogError, whichever copy of the package made it: a process can load two (the
 * ESM and CommonJS entries, or two bundles), and `instanceof` should hold across them, as Zod's
 * errors do across copies of Zod.
 */
const BRAND = Symbol.for("auditlog-wasm.AuditLogError");

/**
 * The error `parse` throws and `safeParse` returns: an `Error` whose `issues` are Zod's. Its statics
 * `fromProblem` and `fromResponse` are problems.js's, from which every entry exports the class.
 */
export class AuditLogError extends Error {
  static [Symbol.hasInstance](value) {
    if (this !== AuditLogError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (typeof value === "object" || typeof value === "function") && value !== null && value[BRAND] === true;
  }

  constructor(issues) {
    super();
    // Zod's name, so code that tests `error.name === "ZodError"` keeps working after the swap.
    this.name = "ZodError";
    Object.defineProperty(this, "issues", { value: issues, enumerable: false });
    // Like Zod's, the message is the issues as indented JSON, computed on first read.
    Object.defineProperty(this, "message", MESSAGE_PROPERTY);
  }

  /** `flattenError(this)`, as ZodError's method. */
  flatten(mapper) {
    return flattenError(this, mapper);
  }

  /** `formatError(this)`, as ZodError's method. */
  format(mapper) {
    return formatError(this, mapper);
  }

  get isEmpty() {
    return this.issues.length === 0;
  }

  addIssue(issue) {
    this.issues.push(issue);
    this.message = JSON.stringify(this.issues, jsonReplacer, 2);
  }

  addIssues(issues = []) {
    this.issues.push(...issues);
    this.message = JSON.stringify(this.issues, jsonReplacer, 2);
  }
}

Object.defineProperty(AuditLogError.prototype, BRAND, { value: true });

/**
 * An AuditLogError built without capturing a stack trace, as Zod builds the errors `safeParse`
 * returns: the capture is most of the cost of a failed check, and nothing throws this error.
 */
export function errorWithoutStack(issues) {
  const limit = Error.stackTraceLimit;
  if (typeof limit !== "number") return new AuditLogError(issues);
  try {
    Error.stackTraceLimit = 0;
    return new AuditLogError(issues);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
