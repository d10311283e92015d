// The "Verify the log" panel: an export of the service's log checked against its signed checkpoint,
// reporting either "verified" or the first record that does not match.
import { el } from "./form-kit.js";
import { api, base64, loadLog, signedCheckpoint } from "./log-proofs.js";
import { count, noun } from "./plural.js";
import { serviceAvailable } from "./service.js";

/** Checks an export (one canonical value per line) against the service's signed checkpoint. */
async function verifyExport(text) {
  const log = await loadLog();
  const checkpoint = await signedCheckpoint(log);
  const lines = text.split("\n").filter((line) => line !== "");
  const leafHashes = lines.map((line) => log.leafHash(line));
  const consistencyProof = async (k) => (await (await fetch(api(`proof/consistency?from=${k}&to=${checkpoint.size}`))).json()).proof.map(base64);
  const first = await log.findFirstDifference({ leafHashes, size: checkpoint.size, root: checkpoint.root, consistencyProof });
  if (first === null) return { ok: true, text: `Verified, ${count(lines.length, "record")}: the file is exactly the log of the signed checkpoint (${checkpoint.origin}).` };
  if (first === checkpoint.size) {
    return { ok: false, text: `Not verified: the first ${count(first, "record")} ${noun(first, "matches", "match")} the checkpoint; line ${first + 1} on is not in it.` };
  }
  return { ok: false, text: `Not verified: line ${first + 1} (record ${first}) is the first that does not match the signed checkpoint: it was changed, moved, inserted or dropped.` };
}

export function mountVerify(section) {
  const input = el("input", { type: "file", accept: ".ndjson,application/x-ndjson", id: "verify-input" });
  const result = el("p", { id: "verify-result", class: "verdict", role: "status" });
  const download = el("a", { href: api("export").href, download: "auditlog-export.ndjson" }, "Download the service's export");
  section.append(
    el("h2", {}, "Verify the service's log"),
    el("p", {}, "Every value the service stores goes into a Merkle log (RFC 9162) whose root it signs (a C2SP checkpoint). Check an export of it here: ", download, ", edit it if you like, then pick it."),
    input,
    result,
  );
  // A verdict has `data-ok` ("true" or "false"), which style.css shows; a check still running has none.
  // Only the last file picked gets to show its verdict.
  let checks = 0;
  input.addEventListener("change", async () => {
    const [file] = input.files;
    if (!file) return;
    const current = ++checks;
    delete result.dataset.ok;
    result.textContent = `Checking ${file.name}…`;
    let verdict;
    try {
      verdict = await verifyExport(await file.text());
    } catch (failure) {
      verdict = { ok: false, text: `Not verified: could not check (${failure.message}).` };
    }
    if (current !== checks) return;
    result.textContent = verdict.text;
    result.dataset.ok = String(verdict.ok);
  });
  serviceAvailable().then((up) => {
    if (!up) result.textContent = "The service is not running (make demo starts it): there is no log to verify.";
  });
}
