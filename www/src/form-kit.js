// What both forms share: building DOM, reading cells, showing each issue beside the field its path
// names, and submitting to the service. Every rule and message comes from the package (or the
// service, which answers with the same issues); this only places them.
import { verifyStored } from "./log-proofs.js";
import { count } from "./plural.js";
import { serviceAvailable, submitToService } from "./service.js";

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
    this.show(result.success ? [] : result.error.issues, "browser");
    return result;
  }

  /**
   * Shows `issues` beside their fields, marked with where they come from (`browser` or `service`);
   * returns the messages of issues no field shows (a whole-body problem such as a 413).
   */
  show(issues, source) {
    const bySlot = new Map();
    const unplaced = [];
    for (const issue of issues) {
      const slot = this.slotFor(issue.path);
      if (slot === "") {
        unplaced.push(issue.message);
        continue;
      }
      if (!bySlot.has(slot)) bySlot.set(slot, []);
      bySlot.get(slot).push(issue.message);
    }
    for (const slot of this.root.querySelectorAll("[data-error-for]")) {
      const key = slot.dataset.errorFor;
      const messages = this.visible(key) ? (bySlot.get(key) ?? []) : [];
      slot.textContent = messages.join(" · ");
      slot.dataset.source = source;
      slot.closest(".field, .row")?.classList.toggle("invalid", messages.length > 0);
    }
    return unplaced;
  }

  /** Empties every issue slot (the browser's and the service's): a new submit starts clean. */
  clear() {
    for (const slot of this.root.querySelectorAll("[data-error-for]")) {
      slot.textContent = "";
      delete slot.dataset.source;
      slot.closest(".field, .row")?.classList.remove("invalid");
    }
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

/** A labelled input with its error slot. `path` names it in issue paths; `placeholder` is a hint (an example is written "e.g. …"). */
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

/** Shows a verdict: good (`ok`) with data to show as JSON, or bad with a message. */
function verdict({ status, output }, ok, message, data) {
  status.className = `status ${ok ? "ok" : "bad"}`;
  status.textContent = message;
  output.hidden = data === undefined;
  output.textContent = data === undefined ? "" : JSON.stringify(data, null, 2);
}

/**
 * Makes a form's submit check in the browser, then, when the service runs, send it there (or, with
 * "send without checking", straight there): `what` names the value ("entry"), `path` the service's
 * log (`audit-logs`). Adds the "send without checking" switch to `actions` when the service runs.
 * Each submit first clears what the one before showed (its verdict, stored value, proof verdict and
 * the service's issues), and the answers of an earlier submit that arrive late are dropped.
 */
export function submitsTo(form, validated, { what, path, actions }) {
  const status = el("p", { class: "status", role: "status" });
  // getAttribute, not form.id: a form's `id` property is its control named "id" when it has one.
  const output = el("pre", { class: "output", hidden: true, id: form.getAttribute("id").replace(/-form$/, "-output") });
  const proof = el("p", { class: "log-proof verdict", role: "status", hidden: true });
  const skip = el("input", { type: "checkbox", class: "skip-browser-check" });
  const skipLabel = el("label", { class: "skip", hidden: true }, skip, "Send without checking in the browser (the service checks it)");
  actions.append(status, skipLabel);
  form.append(output, proof);
  const view = { status, output };
  serviceAvailable().then((up) => (skipLabel.hidden = !up));

  let submits = 0;
  function clear() {
    status.className = "status";
    status.textContent = "";
    output.hidden = true;
    output.textContent = "";
    proof.hidden = true;
    proof.textContent = "";
    delete proof.dataset.ok;
    delete form.dataset.storedIndex;
    validated.clear();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const current = ++submits;
    const stale = () => current !== submits;
    clear();
    validated.submitted = true;
    const local = skip.checked ? null : validated.validate();
    if (local && !local.success) {
      verdict(view, false, `${count(local.error.issues.length, "issue")} to fix (shown beside the fields).`);
      return;
    }
    if (!(await serviceAvailable())) {
      if (!stale()) verdict(view, true, `Valid ${what}. This is what the schema returns:`, local.data);
      return;
    }
    if (stale()) return;
    verdict(view, true, local ? `Valid ${what}; sending it to the service…` : "Sending to the service…");
    const answer = await submitToService(path, validated.build());
    if (stale()) return;
    if (answer.error) {
      const unplaced = validated.show(answer.error.issues, "service");
      const placed = answer.error.issues.length - unplaced.length;
      const parts = [placed ? `The service found ${count(placed, "issue")} (shown beside the fields).` : "", ...unplaced];
      verdict(view, false, parts.filter(Boolean).join(" "));
      return;
    }
    verdict(view, true, `Stored by the service at ${path}/${answer.index}. This is what it stored:`, answer.data);
    form.dataset.storedIndex = String(answer.index);
    proof.hidden = false;
    proof.textContent = "Checking the service's proof that it logged it…";
    const settle = (ok, text) => {
      if (stale()) return;
      proof.textContent = text;
      proof.dataset.ok = String(ok);
    };
    verifyStored(path, answer.index).then(
      (text) => settle(true, text),
      (failure) => settle(false, `Not verified: ${failure.message}`),
    );
  });
}
