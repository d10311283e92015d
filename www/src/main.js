// The page: three panels behind tabs. The package is imported like any app imports it.
import { mountEntryForm } from "./entry-form.js";
import { mountRecordForm } from "./record-form.js";
import { mountFileCheck } from "./check-file.js";
import { serviceAvailable } from "./service.js";
import { mountVerify } from "./verify.js";

mountEntryForm(document.getElementById("entry"));
mountRecordForm(document.getElementById("record"));
mountFileCheck(document.getElementById("file"));
mountVerify(document.getElementById("verify"));

for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => {
    for (const other of document.querySelectorAll("[role=tab]")) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      document.getElementById(other.dataset.tab).hidden = !selected;
    }
  });
}
const serviceStatus = document.getElementById("service-status");
serviceAvailable().then((up) => {
  serviceStatus.dataset.up = String(up);
  serviceStatus.textContent = up
    ? "Service: running. Forms are checked here, then sent to the Rust service, which checks them again and stores them. The page uses a demo API key (a write key of the workspace demo, made by make demo), which this page's server adds to each request it passes to the service."
    : "Service: not running. Forms are checked in the browser only (make demo starts the service too).";
});
document.body.dataset.ready = "true";
