// The "check a file" panel: drop or pick a .json (array) or .ndjson file; a Web Worker validates it
// (worker.js, with helpers for the parts of a large NDJSON file) with a progress bar by bytes, then
// the page shows counts, a chart of the issues by field and code, the invalid entries a page at a
// time, and a download of the valid ones.
import { el } from "./form-kit.js";
import { count, noun } from "./plural.js";

const SAMPLES = ["entries-5000.ndjson", "entries-2000.json"];
// A large NDJSON file is checked by several workers, one per core up to MAX_WORKERS, each on a
// part of at least PART_BYTES (below that, starting a worker costs more than it saves). The page's
// `?workers=N` sets the count and lifts the minimum, so that tests can compare N workers with one.
const MAX_WORKERS = 4;
const PART_BYTES = 4e6;
const requestedWorkers = Number(new URLSearchParams(location.search).get("workers")) || 0;

export function mountFileCheck(section) {
  const input = el("input", { type: "file", accept: ".json,.ndjson,application/json", id: "file-input" });
  const kind = el("select", { id: "file-kind", "aria-label": "What the file holds" }, el("option", { value: "entry" }, "audit-log entries (AuditLogEntry)"), el("option", { value: "record" }, "platform records (PlatformRecord)"));
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
  let checkedKind = "entry";
  const chart = el("div", { id: "file-chart" });
  const pager = el("div", { class: "pager", id: "file-pager" });
  function check(file) {
    worker?.terminate();
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    progress.hidden = false;
    progress.max = Math.max(1, file.size);
    progress.value = 0;
    summary.replaceChildren(el("p", { id: "file-status" }, `Checking ${file.name}…`));
    chart.replaceChildren();
    table.replaceChildren();
    pager.replaceChildren();
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        progress.value = data.bytes;
        progress.dataset.bytes = data.bytes;
        summary.firstChild.textContent = `Checking ${file.name}: ${megabytes(data.bytes)} of ${megabytes(data.size)}, ${count(data.lines, "line")}…`;
      } else if (data.type === "done") {
        progress.value = progress.max;
        showResult(file.name, data);
      } else if (data.type === "page") {
        showPage(data);
      } else if (data.type === "valid-file") {
        const link = el("a", { href: URL.createObjectURL(data.blob), download: data.name, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
      } else if (data.type === "error") {
        summary.replaceChildren(el("p", { class: "status bad" }, `Could not check the file: ${data.message}`));
      }
    };
    worker.onerror = (event) => summary.replaceChildren(el("p", { class: "status bad" }, `Could not check the file: ${event.message}`));
    const workers = requestedWorkers || Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1);
    worker.postMessage({ type: "check", file, kind: kind.value, workers, partBytes: requestedWorkers ? 1 : PART_BYTES });
    checkedKind = kind.value;
  }

  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

  function showResult(name, { total, valid, invalid, notJson, bytes, ms, workers, chart: counts, first }) {
    const [one, many] = checkedKind === "record" ? ["record", "records"] : ["entry", "entries"];
    const download = el("button", { type: "button", class: "secondary", id: "download-valid", onclick: () => worker.postMessage({ type: "valid-file" }) }, `Download the ${count(valid, `valid ${one}`, `valid ${many}`)}`);
    summary.replaceChildren(
      el(
        "div",
        { class: "counts", id: "file-counts", "data-total": total, "data-valid": valid, "data-invalid": invalid, "data-not-json": notJson, "data-ms": ms.toFixed(1), "data-workers": workers },
        el("span", {}, el("b", {}, total.toLocaleString("en")), noun(total, one, many)),
        el("span", { class: "status ok" }, el("b", {}, valid.toLocaleString("en")), "valid"),
        el("span", { class: "status bad" }, el("b", {}, invalid.toLocaleString("en")), "invalid"),
        el("span", { class: "status bad" }, el("b", {}, notJson.toLocaleString("en")), "not JSON"),
      ),
      el("p", {}, `Checked ${name} (${megabytes(bytes)}) in ${(ms / 1000).toFixed(2)} s, ${(bytes / 1e3 / Math.max(ms, 1)).toFixed(0)} MB/s${workers > 1 ? `, by ${workers} workers` : ""}. `, download),
    );
    showChart(counts);
    showPage(first);
  }

  /** Which fields fail most, and how: one bar per field and issue code. */
  function showChart(counts) {
    if (counts.length === 0) return chart.replaceChildren();
    const most = counts[0][1];
    chart.replaceChildren(
      el("h3", {}, "Issues by field and code"),
      el("div", { class: "bars", role: "list" }, counts.map(([label, n]) =>
        el("div", { class: "bar", role: "listitem", "data-label": label, "data-count": n },
          el("span", { class: "bar-label" }, label),
          el("span", { class: "bar-track" }, el("span", { class: "bar-fill", style: `width: ${Math.max(1, (100 * n) / most).toFixed(1)}%` })),
          el("span", { class: "bar-count" }, n.toLocaleString("en"))))),
    );
  }

  function showPage({ page, pages, rows }) {
    if (rows.length === 0) {
      table.replaceChildren();
      pager.replaceChildren();
      return;
    }
    table.replaceChildren(
      el(
        "table",
        {},
        el("thead", {}, el("tr", {}, el("th", {}, "Where"), el("th", {}, "Issues"))),
        el("tbody", {}, rows.map((row) => el("tr", {}, el("td", {}, row.where), el("td", {}, el("ul", {}, row.issues.map((issue) => el("li", {}, issue))))))),
      ),
    );
    const go = (k) => worker.postMessage({ type: "page", page: k });
    pager.replaceChildren(
      el("button", { type: "button", class: "secondary", id: "page-previous", disabled: page === 0, onclick: () => go(page - 1) }, "Previous"),
      el("span", { id: "page-number", "data-page": page, "data-pages": pages }, ` Page ${page + 1} of ${pages.toLocaleString("en")} `),
      el("button", { type: "button", class: "secondary", id: "page-next", disabled: page + 1 >= pages, onclick: () => go(page + 1) }, "Next"),
    );
  }

  async function loadSample(name) {
    // Shipped in public/samples/, served beside the page.
    const response = await fetch(`samples/${name}`);
    check(new File([await response.blob()], name));
  }

  section.append(
    el("h2", {}, "Check a file"),
    el("p", {}, "Validates every entry of a file in a Web Worker (a large NDJSON file in several, one per core), so the page stays responsive, reading NDJSON as a stream: files of gigabytes fit. Files never leave your browser."),
    el("p", {}, el("label", {}, "The file holds ", kind)),
    drop,
    el("p", { class: "samples" }, "Or try a sample: ", SAMPLES.map((name) => el("button", { type: "button", class: "secondary sample", "data-sample": name, onclick: () => loadSample(name) }, name))),
    progress,
    summary,
    chart,
    table,
    pager,
  );
}
