// The form for an open-types AuditLogEntry: every field, `action` as a select, `changes` as rows of
// field / old / new that can be added and removed.
import { auditLogActions, auditLogEntrySchema } from "auditlog-wasm";
import { ValidatedForm, el, parseCell, selectField, submitsTo, textField, valueOf } from "./form-kit.js";

export function mountEntryForm(section) {
  const rows = el("div", { class: "rows", id: "change-rows" });
  const actions = el("div", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Validate entry"));

  const form = el(
    "form",
    { id: "entry-form", novalidate: true },
    el("h2", {}, "Audit-log entry"),
    el(
      "div",
      { class: "grid" },
      textField("id", "ID", { placeholder: "e.g. audit_01HABCDEF…" }),
      selectField("action", "Action", auditLogActions, { value: "update" }),
      textField("actor_id", "Actor ID", { placeholder: "e.g. user_321" }),
      textField("actor_type", "Actor type", { help: "optional", placeholder: "e.g. user" }),
      textField("resource_type", "Resource type", { placeholder: "e.g. user" }),
      textField("resource_id", "Resource ID", { placeholder: "e.g. user_555" }),
      textField("ip_address", "IP address", { help: "optional", placeholder: "e.g. 203.0.113.42" }),
      textField("user_agent", "User agent", { help: "optional" }),
      textField("timestamp", "Timestamp", { help: "UTC, e.g. 2026-05-16T18:30:00Z", value: new Date().toISOString().replace(/\.\d+Z$/, "Z") }),
    ),
    el(
      "fieldset",
      {},
      el("legend", {}, "Changes"),
      el("span", { class: "error", "data-error-for": "changes", role: "alert" }),
      rows,
      el("button", { type: "button", class: "secondary", id: "add-change", onclick: () => addRow() }, "+ Add a change"),
    ),
    actions,
  );

  function addRow(field = "", old = "", neu = "") {
    const row = el(
      "div",
      { class: "row" },
      el("input", { "aria-label": "Changed field", placeholder: "field, e.g. role", value: field, class: "change-field" }),
      el("input", { "aria-label": "Old value", placeholder: "old (JSON or text)", value: old, class: "change-old" }),
      el("input", { "aria-label": "New value", placeholder: "new (JSON or text)", value: neu, class: "change-new" }),
      el("button", { type: "button", class: "secondary remove-change", "aria-label": "Remove this change", onclick: () => { row.remove(); validated.validate(); } }, "Remove"),
      el("span", { class: "error", role: "alert" }),
    );
    rows.append(row);
    syncRowSlots();
    return row;
  }

  /** A row is named by its field name, which is its key in `changes`: issue paths use that key. */
  function syncRowSlots() {
    for (const row of rows.children) {
      const key = `changes.${row.querySelector(".change-field").value}`;
      row.querySelector(".error").dataset.errorFor = key;
      row.querySelector(".change-field").dataset.path = key;
      row.querySelector(".change-old").dataset.path = `${key}.old`;
      row.querySelector(".change-new").dataset.path = `${key}.new`;
    }
  }

  function build() {
    syncRowSlots();
    const text = (path) => valueOf(form, path);
    const optional = (path) => (text(path) === "" ? undefined : text(path));
    const entry = {
      id: text("id"),
      action: text("action"),
      actor_id: text("actor_id"),
      actor_type: optional("actor_type"),
      resource_type: text("resource_type"),
      resource_id: text("resource_id"),
      ip_address: optional("ip_address"),
      user_agent: optional("user_agent"),
      timestamp: text("timestamp"),
    };
    if (rows.children.length) {
      entry.changes = {};
      for (const row of rows.children) {
        const change = {};
        const old = parseCell(row.querySelector(".change-old").value);
        const neu = parseCell(row.querySelector(".change-new").value);
        if (old !== undefined) change.old = old;
        if (neu !== undefined) change.new = neu;
        entry.changes[row.querySelector(".change-field").value] = change;
      }
    }
    // Absent optional fields are left out rather than sent as undefined.
    for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
    return entry;
  }

  const validated = new ValidatedForm(form, auditLogEntrySchema, build);
  submitsTo(form, validated, { what: "entry", path: "audit-logs", actions });
  addRow("role", '"viewer"', '"admin"');
  section.append(form);
}
