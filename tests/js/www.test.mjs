// End-to-end tests of the browser demo (www/, built by `make www`) in headless Chromium: the forms
// show and clear inline errors, submit, add and remove rows; the file panel checks the shipped
// samples with the right counts. A screenshot of each state goes to tests/output/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditLogEntrySchema } from "../../pkg/index.mjs";
import { launchChromium, serveStatic } from "./browser.mjs";

const dist = fileURLToPath(new URL("../../www/dist", import.meta.url));
const shots = fileURLToPath(new URL("../output", import.meta.url));
mkdirSync(shots, { recursive: true });

let server, browser, page, pageErrors;
before(async () => {
  server = await serveStatic(dist);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport = { width: 1100, height: 900 }) {
  page = await browser.newPage({ viewport });
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // Served without the service (as static hosting serves it), the page's one probe for it fails:
  // that is expected. Every other error counts. (tests/js/service.test.mjs runs it with the service.)
  const probe = (message) => new URL(message.location().url || "about:blank", "http://x").pathname.endsWith("/api/healthz");
  page.on("console", (message) => message.type() === "error" && !probe(message) && pageErrors.push(message.text()));
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector("body[data-ready]");
  return page;
}
const shot = (name) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const errorOf = (path) => page.locator(`[data-error-for="${path}"]`).innerText();

test("without the service, the page says so and its forms check in the browser only", async () => {
  await open();
  await page.waitForSelector("#service-status[data-up=false]");
  assert.match(await page.locator("#service-status").innerText(), /not running/);
  assert.equal(await page.locator("#entry-form .skip-browser-check").isVisible(), false);
  assert.deepEqual(pageErrors, []);
});

test("entry form: an inline error appears as the user types a bad value, and goes when fixed", async () => {
  await open();
  await page.fill("[data-path=id]", "audit_1");
  await page.fill("[data-path=id]", "");
  assert.equal(await errorOf("id"), "Audit log ID is required");
  await page.fill("[data-path=timestamp]", "2026-05-16 18:30");
  await page.locator("[data-path=actor_id]").focus();
  assert.equal(await errorOf("timestamp"), "Invalid timestamp");
  // Fields not touched yet show nothing.
  assert.equal(await errorOf("actor_id"), "");
  await shot("1-entry-inline-errors");
  await page.fill("[data-path=id]", "audit_1");
  await page.fill("[data-path=timestamp]", "2026-05-16T18:30:00Z");
  assert.equal(await errorOf("id"), "");
  assert.equal(await errorOf("timestamp"), "");
  await shot("2-entry-errors-fixed");
  assert.deepEqual(pageErrors, []);
});

test("entry form: submitting shows every remaining issue, then the validated entry as JSON", async () => {
  await open();
  await page.click("#entry-form button[type=submit]");
  assert.match(await page.locator("#entry-form .status").innerText(), /issues to fix/);
  assert.equal(await errorOf("actor_id"), "Actor ID is required");
  await shot("3-entry-submit-invalid");
  for (const [path, value] of [["id", "audit_01"], ["actor_id", "user_321"], ["resource_type", "user"], ["resource_id", "user_555"], ["actor_type", "user"]]) {
    await page.fill(`[data-path=${path}]`, value);
  }
  await page.click("#entry-form button[type=submit]");
  assert.match(await page.locator("#entry-form .status").innerText(), /^Valid entry/);
  const shown = JSON.parse(await page.locator("#entry-output").innerText());
  assert.equal(auditLogEntrySchema.safeParse(shown).success, true);
  assert.deepEqual(shown.changes, { role: { old: "viewer", new: "admin" } });
  await shot("4-entry-submit-valid");
  assert.deepEqual(pageErrors, []);
});

test("entry form: change rows are added and removed, and become the entry's changes", async () => {
  await open();
  const rows = page.locator("#change-rows .row");
  assert.equal(await rows.count(), 1);
  await page.click("#add-change");
  await page.click("#add-change");
  assert.equal(await rows.count(), 3);
  await rows.nth(1).locator(".change-field").fill("isActive");
  await rows.nth(1).locator(".change-old").fill("false");
  await rows.nth(1).locator(".change-new").fill("true");
  await shot("5-entry-rows-added");
  await rows.nth(2).locator(".remove-change").click();
  await rows.nth(0).locator(".remove-change").click();
  assert.equal(await rows.count(), 1);
  for (const [path, value] of [["id", "a"], ["actor_id", "b"], ["resource_type", "c"], ["resource_id", "d"]]) await page.fill(`[data-path=${path}]`, value);
  await page.click("#entry-form button[type=submit]");
  assert.deepEqual(JSON.parse(await page.locator("#entry-output").innerText()).changes, { isActive: { old: false, new: true } });
  await shot("6-entry-rows-removed");
  assert.deepEqual(pageErrors, []);
});

test("platform record form: pickers come from the package, a resource's error appears on its row", async () => {
  await open();
  await page.click("[data-tab=record]");
  assert.equal(await page.locator("[data-path=event] option").count(), 42);
  assert.equal(await page.locator("#resource-rows .resource-type option").count(), 14); // 13 types and "type…"
  await page.fill("[data-path=workspaceId]", "ws_1");
  await page.fill("[data-path=actorId]", "user_1");
  await page.click("#add-resource");
  const rows = page.locator("#resource-rows .row");
  await rows.nth(1).locator(".resource-id").fill("key_1");
  await rows.nth(1).locator(".resource-type").selectOption("api");
  assert.equal(await rows.nth(1).locator(".error").innerText(), "Resource ids must be unique: resources[0] has the same id");
  assert.equal(await rows.nth(0).locator(".error").innerText(), "");
  await page.fill("[data-path=remoteIp]", "300.1.1.1");
  await page.locator("[data-path=userAgent]").focus();
  assert.equal(await errorOf("remoteIp"), "Invalid IPv4 or IPv6 address");
  await page.locator("[data-path=event]").selectOption("role.create");
  assert.equal(await errorOf("resources"), 'Event "role.create" needs a resource of type "role"');
  await shot("7-record-row-errors");
  await rows.nth(1).locator(".resource-id").fill("role_1");
  await rows.nth(1).locator(".resource-type").selectOption("role");
  await page.fill("[data-path=remoteIp]", "2001:db8::1");
  await page.click("#record-form button[type=submit]");
  assert.match(await page.locator("#record-form .status").innerText(), /^Valid record/);
  await shot("8-record-valid");
  assert.deepEqual(pageErrors, []);
});

/** What the package says of a shipped sample, counted in Node the way the page's worker counts. */
function expectedCounts(name) {
  const text = readFileSync(new URL(`../../www/public/samples/${name}`, import.meta.url), "utf8");
  const items = name.endsWith(".json") ? JSON.parse(text).map((v) => ({ v })) : text.split("\n").filter((l) => l.trim()).map((line) => {
    try {
      return { v: JSON.parse(line) };
    } catch {
      return { notJson: true };
    }
  });
  const valid = items.filter((i) => !i.notJson && auditLogEntrySchema.safeParse(i.v).success).length;
  const notJson = items.filter((i) => i.notJson).length;
  return { total: String(items.length), valid: String(valid), invalid: String(items.length - valid - notJson), notJson: String(notJson) };
}

for (const [n, name] of [["9", "entries-5000.ndjson"], ["10", "entries-2000.json"]]) {
  test(`check a file: ${name} gives the right counts, in a worker, with a table of the invalid`, async () => {
    await open();
    await page.click("[data-tab=file]");
    await page.click(`[data-sample="${name}"]`);
    await page.waitForSelector("#file-counts", { timeout: 30_000 });
    const counts = await page.locator("#file-counts").evaluate((e) => ({ ...e.dataset }));
    const { ms, ...rest } = counts;
    assert.deepEqual(rest, expectedCounts(name));
    console.log(`${name}: ${counts.total} entries checked in the browser in ${ms} ms`);
    // The invalid ones, a page of 50 at a time; the chart counts their issues by field and code.
    const invalidCount = Number(counts.invalid) + Number(counts.notJson);
    assert.equal(await page.locator("#file-invalid tbody tr").count(), Math.min(50, invalidCount));
    assert.equal(await page.locator("#page-number").getAttribute("data-pages"), String(Math.ceil(invalidCount / 50)));
    const firstRow = await page.locator("#file-invalid tbody tr").first().innerText();
    await page.click("#page-next");
    await page.waitForSelector('#page-number[data-page="1"]');
    assert.notEqual(await page.locator("#file-invalid tbody tr").first().innerText(), firstRow);
    await page.click("#page-previous");
    await page.waitForSelector('#page-number[data-page="0"]');
    const bars = await page.locator("#file-chart .bar").evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.count)));
    assert.ok(bars.length > 0 && bars.every((n, i) => i === 0 || n <= bars[i - 1]), `bars: ${bars}`);
    const download = page.waitForEvent("download");
    await page.click("#download-valid");
    const file = await (await download).path();
    const saved = readFileSync(file, "utf8");
    const validCount = name.endsWith(".json") ? JSON.parse(saved).length : saved.trim().split("\n").length;
    assert.equal(String(validCount), counts.valid);
    await shot(`${n}-file-${name.replace(/\W/g, "-")}`);
    assert.deepEqual(pageErrors, []);
  });
}

test("check a file: 200 MB of NDJSON streams through the worker with progress, the page stays responsive, and the counts are the CLI's", async () => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url));
  const copies = Math.ceil(200e6 / (sample.length + 1));
  const file = join(mkdtempSync(join(tmpdir(), "auditlog-www-")), "big.ndjson");
  writeFileSync(file, Buffer.concat(Array.from({ length: copies }, () => Buffer.concat([sample, Buffer.from("\n")]))));
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync("cargo", ["build", "--quiet", "--release", "--features", "cli", "--bin", "auditlog"], { cwd: root, stdio: "inherit" });
  const run = (() => {
    try {
      return execFileSync(join(root, "target/release/auditlog"), ["check", "--format", "json", file], { encoding: "utf8", maxBuffer: 1 << 30 });
    } catch (error) {
      return error.stdout; // exit 1: some lines are invalid
    }
  })();
  const cli = JSON.parse(run);

  await open();
  await page.click("[data-tab=file]");
  // A timer on the page, and the progress bar's values, sampled while the worker checks.
  await page.evaluate(() => {
    window.ticks = 0;
    window.progressSeen = [];
    setInterval(() => {
      window.ticks++;
      const bar = document.querySelector("#file-progress");
      if (bar && !bar.hidden) window.progressSeen.push(Number(bar.value));
    }, 20);
  });
  await page.setInputFiles("#file-input", file);
  await page.waitForSelector("#file-counts", { timeout: 180_000 });
  const counts = await page.locator("#file-counts").evaluate((e) => ({ ...e.dataset }));
  const { ticks, progressSeen } = await page.evaluate(() => ({ ticks: window.ticks, progressSeen: window.progressSeen }));
  const notJson = cli.lines.filter((l) => l.issues[0].code === "invalid_json").length;
  assert.deepEqual(
    { total: Number(counts.total), valid: Number(counts.valid), invalid: Number(counts.invalid), notJson: Number(counts.notJson) },
    { total: cli.total, valid: cli.valid, invalid: cli.invalid - notJson, notJson },
  );
  const ms = Number(counts.ms);
  const distinct = new Set(progressSeen.filter((v) => v > 0)).size;
  console.log(`200 MB in the browser: ${cli.total} lines in ${(ms / 1000).toFixed(2)} s (${(200e3 / ms).toFixed(0)} MB/s), ${ticks} timer ticks, ${distinct} progress values seen`);
  assert.ok(distinct >= 3, `the progress bar moved through ${distinct} values`);
  // Every 20 ms timer tick that the main thread could run: at least half of them ran.
  assert.ok(ticks >= ms / 20 / 2, `${ticks} ticks in ${ms} ms`);
  assert.ok((await page.locator("#file-chart .bar").count()) > 3);
  assert.equal(await page.locator("#file-invalid tbody tr").count(), 50);
  await shot("12-file-200MB");
  assert.deepEqual(pageErrors, []);
});

test("at a phone's width the forms stack into one column and still work", async () => {
  await open({ width: 375, height: 800 });
  await page.fill("[data-path=id]", "x");
  await page.fill("[data-path=id]", "");
  assert.equal(await errorOf("id"), "Audit log ID is required");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page scrolls sideways: ${width}px wide`);
  await shot("11-phone-width");
});
