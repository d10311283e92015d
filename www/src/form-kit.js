// What both forms share: building DOM, reading cells, and showing each issue beside the field its
// path names. Every rule and message comes from the package; this only places them.

/** `el("input", { name: "id" }, child, ...)`: an element with attributes and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null));
  return node;
}

/** A cell of a change or metadata field: empty means absent, JSON is parsed, anything else is text. */
export function parseCell(text) {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An issue's path as the key of the slot that shows it: `resources.1.id`. */
export const slotKey = (path) => path.map((p) => (typeof p === "symbol" ? String(p) : p)).join(".");

/**
 * A form validated by a schema as the user types: `build()` reads the inputs into the value to check;
 * issues are shown in the `[data-error-for]` slot their path names (or its nearest ancestor slot),
 * once the user has touched that field or tried to submit.
 */
export class ValidatedForm {
  constructor(root, schema, build) {
    this.root = root;
    this.schema = schema;
    this.build = build;
    this.touched = new Set();
    this.submitted = false;
    root.addEventListener("input", (event) => this.touch(event.target));
    root.addEventListener("focusout", (event) => this.touch(event.target));
    root.addEventListener("change", (event) => this.touch(event.target));
  }

  touch(target) {
    const path = target?.dataset?.path;
    if (path) this.touched.add(path);
    this.validate();
  }

  /** Validates the current inputs and shows the issues the user should see now; returns the result. */
  validate() {
    const result = this.schema.safeParse(this.build());
    const bySlot = new Map();
    if (!result.success) {
      for (const issue of result.error.issues) {
        const slot = this.slotFor(issue.path);
        if (!bySlot.has(slot)) bySlot.set(slot, []);
        bySlot.get(slot).push(issue.message);
      }
    }
    for (const slot of this.root.querySelectorAll("[data-error-for]")) {
      const key = slot.dataset.errorFor;
      const messages = this.visible(key) ? (bySlot.get(key) ?? []) : [];
      slot.textContent = messages.join(" · ");
      slot.closest(".field, .row")?.classList.toggle("invalid", messages.length > 0);
    }
    return result;
  }

  /** The slot that shows an issue at `path`: the deepest one whose key is a prefix of the path. */
  slotFor(path) {
    for (let n = path.length; n > 0; n--) {
      const key = slotKey(path.slice(0, n));
      if (this.root.querySelector(`[data-error-for="${CSS.escape(key)}"]`)) return key;
    }
    return "";
  }

  /** Whether the user has touched the field of `key` (or one inside it), or tried to submit. */
  visible(key) {
    if (this.submitted) return true;
    for (const path of this.touched) {
      if (path === key || path.startsWith(`${key}.`) || key.startsWith(`${path}.`)) return true;
    }
    return false;
  }
}

/** A labelled input with its error slot. `path` names it in issue paths. */
export function textField(path, label, { help, placeholder, value = "", multiline = false } = {}) {
  const input = multiline
    ? el("textarea", { name: path, "data-path": path, placeholder }, value)
    : el("input", { name: path, "data-path": path, placeholder, value, autocomplete: "off" });
  return el("label", { class: "field" }, label, help ? el("small", {}, help) : undefined, input, el("span", { class: "error", "data-error-for": path, role: "alert" }));
}

/** A labelled select of `options` (with an empty choice first when `placeholder` is given). */
export function selectField(path, label, options, { placeholder, value } = {}) {
  const select = el(
    "select",
    { name: path, "data-path": path },
    placeholder ? el("option", { value: "" }, placeholder) : undefined,
    options.map((option) => el("option", { value: option, selected: option === value }, option)),
  );
  return el("label", { class: "field" }, label, select, el("span", { class: "error", "data-error-for": path, role: "alert" }));
}

/** Reads a field's current text. */
export const valueOf = (root, path) => root.querySelector(`[data-path="${CSS.escape(path)}"]`)?.value ?? "";

/** Shows a submitted form's verdict: the parsed data, or how many issues remain. */
export function showVerdict(status, output, result, what) {
  if (result.success) {
    status.className = "status ok";
    status.textContent = `Valid ${what}. This is what the schema returns:`;
    output.hidden = false;
    output.textContent = JSON.stringify(result.data, null, 2);
  } else {
    const n = result.error.issues.length;
    status.className = "status bad";
    status.textContent = `${n} issue${n === 1 ? "" : "s"} to fix (shown beside the fields).`;
    output.hidden = true;
  }
}
