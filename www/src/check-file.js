// The "check a file" panel: drop or pick a .json (array) or .ndjson file; a Web Worker validates it
// with a progress bar, then the page shows counts, the invalid entries, and a download of the valid.
import { el } from "./form-kit.js";

const SAMPLES = ["entries-5000.ndjson", "entries-2000.json"];

export function mountFileCheck(section) {
  const input = el("input", { type: "file", accept: ".json,.ndjson,application/json", id: "file-input" });
  const kind = el("select", { id: "file-kind", "aria-label": "What the file holds" }, el("option", { value: "entry" }, "audit-log entries (AuditLogEntry)"), el("option", { value: "record" }, "platform records (AuditLog)"));
  const drop = el("div", { class: "drop", id: "drop" }, "Drop a .json or .ndjson file here, or ", input);
  const progress = el("progress", { max: 1, value: 0, hidden: true, id: "file-progress" });
  const summary = el("div", { id: "file-summary" });
  const table = el("div", { id: "file-invalid" });

  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const [file] = event.dataTransfer.files;
    if (file) check(file);
  });
  input.addEventListener("change", () => input.files[0] && check(input.files[0]));

  let worker;
  function check(file) {
    worker?.terminate();
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    progress.hidden = false;
    progress.value = 0;
    summary.replaceChildren(el("p", {}, `Checking ${file.name}…`));
    table.replaceChildren();
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        progress.value = data.done / data.total;
        return;
      }
      progress.value = 1;
      showResult(file.name, data);
    };
    worker.onerror = (event) => summary.replaceChildren(el("p", { class: "status bad" }, `Could not check the file: ${event.message}`));
    worker.postMessage({ file, kind: kind.value });
  }

  function showResult(name, { total, valid, invalid, notJson, rows, validFile, validName, ms }) {
    const download = el("a", { href: URL.createObjectURL(validFile), download: validName, class: "secondary", id: "download-valid" }, `Download the ${valid.toLocaleString("en")} valid entries`);
    summary.replaceChildren(
      el(
        "div",
        { class: "counts", id: "file-counts", "data-total": total, "data-valid": valid, "data-invalid": invalid, "data-not-json": notJson, "data-ms": ms.toFixed(1) },
        el("span", {}, el("b", {}, total.toLocaleString("en")), "entries"),
        el("span", { class: "status ok" }, el("b", {}, valid.toLocaleString("en")), "valid"),
        el("span", { class: "status bad" }, el("b", {}, invalid.toLocaleString("en")), "invalid"),
        el("span", { class: "status bad" }, el("b", {}, notJson.toLocaleString("en")), "not JSON"),
      ),
      el("p", {}, `Checked ${name} in ${ms.toFixed(0)} ms. `, download),
    );
    if (rows.length === 0) return;
    const more = invalid + notJson - rows.length;
    table.replaceChildren(
      el(
        "table",
        {},
        el("thead", {}, el("tr", {}, el("th", {}, "Where"), el("th", {}, "Issues"))),
        el("tbody", {}, rows.map((row) => el("tr", {}, el("td", {}, row.where), el("td", {}, el("ul", {}, row.issues.map((issue) => el("li", {}, issue))))))),
      ),
      more > 0 ? el("p", {}, `… and ${more} more.`) : undefined,
    );
  }

  async function loadSample(name) {
    // Shipped in public/samples/, served beside the page.
    const response = await fetch(`samples/${name}`);
    check(new File([await response.blob()], name));
  }

  section.append(
    el("h2", {}, "Check a file"),
    el("p", {}, "Validates every entry of a file in a Web Worker, so the page stays responsive. Files never leave your browser."),
    el("p", {}, el("label", {}, "The file holds ", kind)),
    drop,
    el("p", { class: "samples" }, "Or try a sample: ", SAMPLES.map((name) => el("button", { type: "button", class: "secondary sample", "data-sample": name, onclick: () => loadSample(name) }, name))),
    progress,
    summary,
    table,
  );
}
