// The page: three panels behind tabs. The package is imported like any app imports it.
import { mountEntryForm } from "./entry-form.js";
import { mountRecordForm } from "./record-form.js";
import { mountFileCheck } from "./check-file.js";

mountEntryForm(document.getElementById("entry"));
mountRecordForm(document.getElementById("record"));
mountFileCheck(document.getElementById("file"));

for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => {
    for (const other of document.querySelectorAll("[role=tab]")) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      document.getElementById(other.dataset.tab).hidden = !selected;
    }
  });
}
document.body.dataset.ready = "true";
