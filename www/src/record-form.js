// The form for the platform's audit-log record: event and resource-type pickers filled from the
// package's exported lists, resources as rows whose errors appear on their own row.
import { platformActorTypes, platformEvents, platformResourceTypes, platformRecordSchema } from "auditlog-wasm";
import { ValidatedForm, el, parseCell, selectField, submitsTo, textField, valueOf } from "./form-kit.js";

export function mountRecordForm(section) {
  const rows = el("div", { class: "rows", id: "resource-rows" });
  const actions = el("div", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Validate record"));

  const form = el(
    "form",
    { id: "record-form", novalidate: true },
    el("h2", {}, "Platform audit-log record"),
    el(
      "div",
      { class: "grid" },
      selectField("event", "Event", platformEvents, { value: "key.create" }),
      textField("workspaceId", "Workspace ID", { placeholder: "e.g. ws_1" }),
      textField("display", "Display", { help: "may be empty" }),
      textField("actorId", "Actor ID"),
      selectField("actorType", "Actor type", platformActorTypes, { value: "user" }),
      textField("actorName", "Actor name", { help: "optional" }),
      textField("actorMeta", "Actor metadata", { help: "optional JSON object", multiline: true, placeholder: 'e.g. {"via": "dashboard"}' }),
      textField("remoteIp", "Remote IP", { help: "optional; IPv4 or IPv6", placeholder: "e.g. 203.0.113.42" }),
      textField("userAgent", "User agent", { help: "optional" }),
    ),
    el(
      "fieldset",
      {},
      el("legend", {}, "Resources"),
      el("span", { class: "error", "data-error-for": "resources", role: "alert" }),
      rows,
      el("button", { type: "button", class: "secondary", id: "add-resource", onclick: () => addRow() }, "+ Add a resource"),
    ),
    actions,
  );

  function addRow(id = "", type = "") {
    const row = el("div", { class: "row resource" });
    row.append(
      el("input", { "aria-label": "Resource ID", placeholder: "id, e.g. key_1", value: id, class: "resource-id" }),
      el("select", { "aria-label": "Resource type", class: "resource-type" }, el("option", { value: "" }, "type…"), platformResourceTypes.map((t) => el("option", { value: t, selected: t === type }, t))),
      el("input", { "aria-label": "Resource name", placeholder: "name (optional)", class: "resource-name" }),
      el("input", { "aria-label": "Resource metadata", placeholder: "meta: JSON object (optional)", class: "resource-meta" }),
      el("button", { type: "button", class: "secondary remove-resource", "aria-label": "Remove this resource", onclick: () => { row.remove(); validated.validate(); } }, "Remove"),
      el("span", { class: "error", role: "alert" }),
    );
    rows.append(row);
    numberRows();
    return row;
  }

  /** Rows are `resources.0`, `resources.1`, …: their inputs and error slots follow their position. */
  function numberRows() {
    [...rows.children].forEach((row, i) => {
      for (const [cls, field] of [["resource-id", "id"], ["resource-type", "type"], ["resource-name", "name"], ["resource-meta", "meta"]]) {
        row.querySelector(`.${cls}`).dataset.path = `resources.${i}.${field}`;
      }
      row.querySelector(".error").dataset.errorFor = `resources.${i}`;
    });
  }

  function build() {
    numberRows();
    const text = (path) => valueOf(form, path);
    const optional = (path) => (text(path) === "" ? undefined : text(path));
    const record = {
      event: text("event"),
      workspaceId: text("workspaceId"),
      display: text("display"),
      actorId: text("actorId"),
      actorType: text("actorType"),
      actorName: optional("actorName"),
      actorMeta: parseCell(text("actorMeta")),
      resources: [...rows.children].map((row) => {
        const resource = { id: row.querySelector(".resource-id").value, type: row.querySelector(".resource-type").value };
        const name = row.querySelector(".resource-name").value;
        const meta = parseCell(row.querySelector(".resource-meta").value);
        if (name) resource.name = name;
        if (meta !== undefined) resource.meta = meta;
        return resource;
      }),
      remoteIp: optional("remoteIp"),
      userAgent: optional("userAgent"),
    };
    for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
    return record;
  }

  const validated = new ValidatedForm(form, platformRecordSchema, build);
  submitsTo(form, validated, { what: "record", path: "platform-records", actions });
  addRow("key_1", "key");
  section.append(form);
}
