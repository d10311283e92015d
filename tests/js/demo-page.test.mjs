// The demo page (www/, built by `make www`) with the example service behind it (`make demo`'s pair,
// started on a fresh database): what the page says about a submit and about the service's log must
// not mislead. A new submit clears the last one's result, proof verdict and service issues, and a
// late answer to an earlier submit is dropped; a verified and a failed check look different (colour,
// box, icon and words); counts of the log say "1 value" / "2 values". Screenshots go to tests/output/.
// (tests/js/service.test.mjs covers the issues both ways and the stored values; tests/js/www.test.mjs
// the page alone.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { demoInChromium } from "./service.mjs";

const shots = fileURLToPath(new URL("../output", import.meta.url));
mkdirSync(shots, { recursive: true });

// The demo (service and page) and a Chromium, shared by this file's tests.
const shared = demoInChromium();
const openPage = () => shared.openPage();

const goodEntry = { id: "audit_page_1", actor_id: "user_321", actor_type: "user", resource_type: "user", resource_id: "user_555", timestamp: "2026-05-16T18:30:00Z" };

async function fill(page, form, fields) {
  for (const [path, value] of Object.entries(fields)) {
    const target = page.locator(`${form} [data-path="${path}"]`);
    if ((await target.evaluate((node) => node.tagName)) === "SELECT") await target.selectOption(value);
    else await target.fill(value);
  }
}

/** What a form shows: its verdict, stored value, proof verdict (text, data-ok) and issues by slot. */
const shown = (page, form) =>
  page.$eval(form, (node) => {
    const proof = node.querySelector(".log-proof");
    const output = node.querySelector("pre.output");
    return {
      status: node.querySelector(".status").textContent,
      output: output.hidden ? null : output.textContent,
      proof: proof.hidden ? null : proof.textContent,
      proofOk: proof.dataset.ok ?? null,
      storedIndex: node.dataset.storedIndex ?? null,
      issues: Object.fromEntries([...node.querySelectorAll("[data-error-for]")].filter((s) => s.textContent).map((s) => [s.dataset.errorFor, `${s.dataset.source}: ${s.textContent}`])),
    };
  });

/** Submits, checked in the browser first or not. */
async function press(page, form, { checkInBrowser = true } = {}) {
  await page.setChecked(`${form} .skip-browser-check`, !checkInBrowser);
  await page.click(`${form} button[type=submit]`);
}

/** Submits and waits until the form's verdict is final (not "sending"). */
async function submit(page, form, options) {
  await press(page, form, options);
  await page.waitForFunction((f) => /to fix|The service found|Stored by the service/.test(document.querySelector(`${f} .status`).textContent), form);
}

/** The log's export, and the Verify panel's verdict on `text` (an export, edited or not). */
const exported = async () => (await (await fetch(`${shared.demo.serviceUrl}/export`, { headers: { authorization: `Bearer ${shared.demo.key}` } })).text()).split("\n").filter(Boolean);
async function verify(page, text) {
  await page.$eval("#verify-result", (result) => delete result.dataset.ok);
  await page.setInputFiles("#verify-input", { name: "export.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(text) });
  await page.waitForSelector("#verify-result[data-ok]");
  return page.$eval("#verify-result", (result) => ({ text: result.textContent, ok: result.dataset.ok }));
}

/** How a verdict is drawn: its computed colours, border, weight and icon (its ::before). */
const looks = (page, selector) =>
  page.$eval(selector, (node) => {
    const style = getComputedStyle(node);
    const icon = getComputedStyle(node, "::before");
    return { color: style.color, background: style.backgroundColor, border: style.borderLeftColor, borderWidth: style.borderLeftWidth, weight: style.fontWeight, icon: icon.content };
  });

// Runs first, on the fresh log: its counts are 1, then 2.
test("counts of the log: 1 value / 2 values in the proof under a form, 1 record / 2 records in the Verify panel", async () => {
  const page = await openPage();
  await fill(page, "#entry-form", goodEntry);
  await submit(page, "#entry-form");
  await page.waitForSelector("#entry-form .log-proof[data-ok]");
  assert.equal((await shown(page, "#entry-form")).proof, "Verified in this browser: the service's signed checkpoint (auditlog.example/log/demo, 1 value) includes it, as value 0 of its log.");
  await page.click("[data-tab=verify]");
  const one = await exported();
  assert.equal(one.length, 1);
  assert.deepEqual(await verify(page, one.join("\n")), { ok: "true", text: "Verified, 1 record: the file is exactly the log of the signed checkpoint (auditlog.example/log/demo)." });
  assert.deepEqual(await verify(page, [...one, one[0]].join("\n")), { ok: "false", text: "Not verified: the first 1 record matches the checkpoint; line 2 on is not in it." });

  await page.click("[data-tab=entry]");
  await fill(page, "#entry-form", { id: "audit_page_2" });
  await submit(page, "#entry-form");
  await page.waitForSelector("#entry-form .log-proof[data-ok]");
  assert.equal((await shown(page, "#entry-form")).proof, "Verified in this browser: the service's signed checkpoint (auditlog.example/log/demo, 2 values) includes it, as value 1 of its log.");
  await page.click("[data-tab=verify]");
  const two = await exported();
  assert.equal(two.length, 2);
  assert.deepEqual(await verify(page, two.join("\n")), { ok: "true", text: "Verified, 2 records: the file is exactly the log of the signed checkpoint (auditlog.example/log/demo)." });
  assert.deepEqual(await verify(page, [...two, two[0]].join("\n")), { ok: "false", text: "Not verified: the first 2 records match the checkpoint; line 3 on is not in it." });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a rejected submit clears the last one's stored value and proof verdict; an accepted one clears the service's issues", async () => {
  const page = await openPage();
  const form = "#entry-form";
  await fill(page, form, { ...goodEntry, id: "audit_page_3" });
  await submit(page, form);
  await page.waitForSelector(`${form} .log-proof[data-ok=true]`);
  const stored = await shown(page, form);
  assert.match(stored.proof, /^Verified in this browser/);
  assert.notEqual(stored.output, null);

  // Rejected in the browser: nothing of the stored entry is left under the form.
  await fill(page, form, { actor_id: "" });
  await submit(page, form);
  assert.deepEqual(await shown(page, form), {
    status: "1 issue to fix (shown beside the fields).",
    output: null,
    proof: null,
    proofOk: null,
    storedIndex: null,
    issues: { actor_id: "browser: Actor ID is required" },
  });
  await page.screenshot({ path: `${shots}/page-1-rejected-after-stored.png`, fullPage: true });

  // Stored again, then rejected by the service (sent without the browser's check): the same.
  await fill(page, form, { actor_id: "user_321", id: "audit_page_4" });
  await submit(page, form);
  await page.waitForSelector(`${form} .log-proof[data-ok=true]`);
  await fill(page, form, { id: "" });
  await submit(page, form, { checkInBrowser: false });
  assert.deepEqual(await shown(page, form), {
    status: "The service found 1 issue (shown beside the fields).",
    output: null,
    proof: null,
    proofOk: null,
    storedIndex: null,
    issues: { id: "service: Audit log ID is required" },
  });

  // The service's issues go with the next submit, even when no field was touched in between: the
  // value is put back without an input event, as a script or autofill might.
  await page.$eval(`${form} [data-path=id]`, (input) => (input.value = "audit_page_5"));
  await submit(page, form, { checkInBrowser: false });
  const after = await shown(page, form);
  assert.match(after.status, /^Stored by the service at audit-logs\/\d+/);
  assert.deepEqual(after.issues, {});
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("answers that arrive after a newer submit are dropped: a late proof verdict, a late rejection", async () => {
  const page = await openPage();
  const form = "#entry-form";

  // The proof of a stored entry arrives after the next submit was rejected: it is not shown.
  let releaseProof;
  const proofHeld = new Promise((resolve) => (releaseProof = resolve));
  let proofAnswered;
  const proofDone = new Promise((resolve) => (proofAnswered = resolve));
  await page.route("**/api/proof/inclusion*", async (route) => {
    await proofHeld;
    await route.continue();
  });
  page.on("requestfinished", (request) => request.url().includes("/api/proof/inclusion") && proofAnswered());
  await fill(page, form, { ...goodEntry, id: "audit_page_6" });
  await submit(page, form);
  await page.waitForFunction((f) => /Checking the service's proof/.test(document.querySelector(`${f} .log-proof`).textContent), form);
  await fill(page, form, { actor_id: "" });
  await submit(page, form);
  releaseProof();
  await proofDone;
  // Checking the proof takes milliseconds once it is here: give it ample time to (wrongly) show.
  await page.waitForTimeout(1500);
  const afterProof = await shown(page, form);
  assert.equal(afterProof.status, "1 issue to fix (shown beside the fields).");
  assert.equal(afterProof.proof, null);
  assert.equal(afterProof.proofOk, null);
  await page.unroute("**/api/proof/inclusion*");

  // A rejection that arrives after the next submit was stored: the stored one's verdict stays.
  let releasePost;
  const postHeld = new Promise((resolve) => (releasePost = resolve));
  let held = false;
  await page.route("**/api/audit-logs", async (route) => {
    if (!held) {
      held = true;
      await postHeld;
    }
    await route.continue();
  });
  await press(page, form, { checkInBrowser: false }); // actor_id is still empty: the service will say so, late
  await page.waitForFunction((f) => /Sending to the service/.test(document.querySelector(`${f} .status`).textContent), form);
  await fill(page, form, { actor_id: "user_321", id: "audit_page_7" });
  await submit(page, form);
  await page.waitForSelector(`${form} .log-proof[data-ok=true]`);
  const stored = await shown(page, form);
  const rejected = page.waitForResponse((response) => response.url().endsWith("/api/audit-logs") && response.status() >= 400);
  releasePost();
  await rejected;
  await page.waitForTimeout(500);
  assert.deepEqual(await shown(page, form), stored);
  assert.match(stored.status, /^Stored by the service at audit-logs\/\d+/);
  assert.deepEqual(stored.issues, {});
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("verdicts look different when verified and when not: colour, box, icon and words, in the Verify panel and under the forms", async () => {
  const page = await openPage();
  const neutral = await looks(page, "body");

  // Under a form: a verified proof, then one that fails (the page is handed a proof that is empty).
  await fill(page, "#entry-form", { ...goodEntry, id: "audit_page_8" });
  await submit(page, "#entry-form");
  await page.waitForSelector("#entry-form .log-proof[data-ok=true]");
  const proofOk = await looks(page, "#entry-form .log-proof");
  await page.route("**/api/proof/inclusion*", (route) => route.fulfill({ json: { proof: [] } }));
  await page.click("[data-tab=record]");
  await fill(page, "#record-form", { event: "workspace.update", workspaceId: "demo", actorId: "system", actorType: "system" });
  const rows = page.locator("#resource-rows .row");
  while ((await rows.count()) > 0) await rows.first().locator(".remove-resource").click();
  await submit(page, "#record-form");
  await page.waitForSelector("#record-form .log-proof[data-ok=false]");
  assert.match(await page.locator("#record-form .log-proof").innerText(), /^Not verified: the inclusion proof does not verify/);
  const proofBad = await looks(page, "#record-form .log-proof");
  await page.screenshot({ path: `${shots}/page-2-proof-not-verified.png`, fullPage: true });
  await page.unroute("**/api/proof/inclusion*");

  // The Verify panel: the export as it is, and with a line changed.
  await page.click("[data-tab=verify]");
  const lines = await exported();
  assert.equal((await verify(page, lines.join("\n"))).ok, "true");
  const verified = await looks(page, "#verify-result");
  await page.screenshot({ path: `${shots}/page-3-verify-verified.png`, fullPage: true });
  const tampered = lines.map((line, i) => (i === 0 ? line.replace('"id":"', '"id":"tampered_') : line));
  assert.notEqual(tampered[0], lines[0]);
  const verdict = await verify(page, tampered.join("\n"));
  assert.deepEqual(verdict, { ok: "false", text: "Not verified: line 1 (record 0) is the first that does not match the signed checkpoint: it was changed, moved, inserted or dropped." });
  const failed = await looks(page, "#verify-result");
  await page.screenshot({ path: `${shots}/page-4-verify-tampered.png`, fullPage: true });

  // A verified and a failed verdict differ in colour, background, border and icon; neither is the
  // page's plain text. The same look for the same verdict in the panel and under the forms.
  const describe = JSON.stringify({ neutral, verified, failed, proofOk, proofBad });
  for (const key of ["color", "background", "border", "icon"]) assert.notEqual(verified[key], failed[key], `${key}: ${describe}`);
  for (const look of [verified, failed]) {
    assert.notEqual(look.color, neutral.color, describe);
    assert.notEqual(look.background, "rgba(0, 0, 0, 0)", describe);
    assert.ok(Number.parseFloat(look.borderWidth) >= 3, describe);
    assert.notEqual(look.icon, "none", describe);
  }
  assert.match(verified.icon, /✓/, describe);
  assert.match(failed.icon, /✗/, describe);
  assert.deepEqual(proofOk, verified, describe);
  assert.deepEqual(proofBad, failed, describe);
  // Green on green and red on red, each readable (4.5:1).
  const luminance = (color) => {
    const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((c) => ((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))(Number(c) / 255));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
  for (const look of [verified, failed]) assert.ok(contrast(look.color, look.background) >= 4.5, describe);
  assert.deepEqual(page.errors, []);
  await page.close();
});
