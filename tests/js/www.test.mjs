// End-to-end tests of the browser demo (www/, built by `make www`) in headless Chromium: the forms
// show and clear inline errors, submit, add and remove rows; the file panel checks the shipped
// samples with the right counts. A screenshot of each state goes to tests/output/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditLogEntrySchema } from "../../pkg/index.mjs";
import { count, noun } from "../../www/src/plural.js";
import { launchChromium, serveStatic } from "./browser.mjs";
import { validRecord } from "./generators.mjs";

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
    const { ms, workers, ...rest } = counts;
    assert.deepEqual(rest, expectedCounts(name));
    // A small file: one worker checks it.
    assert.equal(workers, "1");
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

test("check a file: 200 MB of NDJSON streams through the worker with progress, the page stays responsive, and the counts are the CLI's", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { dirname, join } = await import("node:path");
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url));
  const copies = Math.ceil(200e6 / (sample.length + 1));
  const file = join(mkdtempSync(join(tmpdir(), "auditlog-www-")), "big.ndjson");
  t.after(() => rmSync(dirname(file), { recursive: true, force: true }));
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
  // Large enough to be cut into parts: one worker per core, up to 4 (www/src/check-file.js).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(Number(counts.workers), Math.min(4, cores));
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

/** What the page shows of a checked file: its counts, every row of the invalid lines, the valid file. */
async function shownReport(workers, file) {
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/index.html?workers=${workers}`);
  await page.waitForSelector("body[data-ready]");
  await page.click("[data-tab=file]");
  await page.setInputFiles("#file-input", file);
  await page.waitForSelector("#file-counts", { timeout: 60_000 });
  const { ms, ...counts } = await page.locator("#file-counts").evaluate((e) => ({ ...e.dataset }));
  const rows = [];
  const pages = Number(await page.locator("#page-number").getAttribute("data-pages"));
  for (let k = 0; k < pages; k++) {
    if (k > 0) {
      await page.click("#page-next");
      await page.waitForSelector(`#page-number[data-page="${k}"]`);
    }
    rows.push(...(await page.locator("#file-invalid tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, [...tr.querySelectorAll("li")].map((li) => li.textContent)]))));
  }
  const download = page.waitForEvent("download");
  await page.click("#download-valid");
  const valid = readFileSync(await (await download).path(), "utf8");
  await page.close();
  assert.deepEqual(errors, []);
  return { counts, rows, valid };
}

test("check a file: several workers give the report of one, on a file with invalid lines at the parts' borders", async () => {
  const { partsOf } = await import("../../www/src/ndjson-part.js");
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8").split("\n").slice(0, 1500);
  const isValid = (line) => {
    try {
      return auditLogEntrySchema.safeParse(JSON.parse(line)).success;
    } catch {
      return false;
    }
  };
  const good = sample.filter(isValid);
  // Every line of one length (JSON allows the padding), so that lines put at the borders below do
  // not move them: a line of the file and a line padded with a `\r` (CRLF), a byte-order mark
  // (inside the file: part of its line, not JSON), nothing but spaces (blank).
  const width = Math.max(...sample.map((line) => line.length)) + 4;
  const pad = (text, end = "") => text + " ".repeat(width - Buffer.byteLength(text) - end.length) + end;
  const kinds = {
    good: (i) => pad(good[i % good.length]),
    crlf: (i) => pad(good[i % good.length], "\r"),
    wrongAction: (i) => pad(good[i % good.length].replace(/"action":"./, '"action":"X')),
    notJson: (i) => pad(`{${good[i % good.length]}`),
    bom: (i) => pad(`\ufeff${good[i % good.length]}`),
    blank: () => pad(""),
  };
  const lines = sample.map((line, i) => (i % 5 === 0 ? kinds.wrongAction(i) : i % 11 === 0 ? kinds.notJson(i) : i % 13 === 0 ? kinds.blank() : i % 7 === 0 ? kinds.crlf(i) : kinds.good(i)));
  // A byte-order mark starts the file (dropped), and the last line has no `\n`.
  lines[0] = kinds.bom(0);
  const text = () => lines.join("\n");
  const bytes = () => Buffer.from(text());
  const borders = async () => (await partsOf(bytes().length, 4, async (start, end) => bytes().subarray(start, end))).slice(1).map(([start]) => start);
  const before = await borders();
  assert.equal(before.length, 3);
  // At each border: the line that ends there and the one that starts the next part.
  [["notJson", "bom"], ["wrongAction", "wrongAction"], ["bom", "notJson"]].forEach(([ending, starting], k) => {
    const index = text().slice(0, before[k]).split("\n").length - 1; // the line that ends at the border
    lines[index] = kinds[ending](index);
    lines[index + 1] = kinds[starting](index + 1);
  });
  assert.deepEqual(await borders(), before, "the borders did not move");
  const file = { name: "borders.ndjson", mimeType: "application/x-ndjson", buffer: bytes() };

  const one = await shownReport(1, file);
  const four = await shownReport(4, file);
  assert.equal(one.counts.workers, "1");
  assert.equal(four.counts.workers, "4");
  delete one.counts.workers;
  delete four.counts.workers;
  assert.deepEqual(four, one);
  // And both are the package's report in Node (but JSON.parse's words, which Chromium's V8 and
  // Node's put differently).
  const expected = auditLogEntrySchema.validateNdjson(bytes());
  const issueText = (issue) => `${issue.path.map(String).join(".") || "(value)"}: ${issue.message}`;
  const parser = (text) => text.replace(/^\(value\): Invalid JSON: .*/, "(value): Invalid JSON");
  assert.deepEqual(
    one.rows.map(([where, issues]) => [where, issues.map(parser)]),
    expected.lines.map((l) => [`line ${l.line}`, l.issues.map(issueText).map(parser)]),
  );
  assert.equal(Number(one.counts.total), expected.total);
  const atBorders = before.flatMap((border) => [text().slice(0, border).split("\n").length, text().slice(0, border).split("\n").length + 1]);
  assert.deepEqual(atBorders.filter((line) => !expected.lines.some((l) => l.line === line)), [], "every line at a border is invalid");
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

// ---- counts, placeholders (tests/js/demo-page.test.mjs checks the verdicts and submits with the service) ----

test("plural helper: 1 record, 2 records, 1 entry, 2 entries, 0 values, 5,000 lines", () => {
  assert.equal(count(1, "record"), "1 record");
  assert.equal(count(2, "record"), "2 records");
  assert.equal(count(1, "entry", "entries"), "1 entry");
  assert.equal(count(2, "entry", "entries"), "2 entries");
  assert.equal(count(0, "value"), "0 values");
  assert.equal(count(5000, "line"), "5,000 lines");
  assert.equal(noun(1, "matches", "match"), "matches");
  assert.equal(noun(2, "matches", "match"), "match");
});

test("counts on the page: 1 issue / 2 issues to fix; a file of 1 entry / 2 entries, 1 record / 2 records", async () => {
  await open();
  // The form: every field filled but one, then two.
  for (const [path, value] of [["id", "audit_1"], ["actor_id", "user_321"], ["resource_type", "user"], ["resource_id", ""]]) await page.fill(`[data-path=${path}]`, value);
  await page.click("#entry-form button[type=submit]");
  assert.equal(await page.locator("#entry-form .status").innerText(), "1 issue to fix (shown beside the fields).");
  await page.fill("[data-path=actor_id]", "");
  await page.click("#entry-form button[type=submit]");
  assert.equal(await page.locator("#entry-form .status").innerText(), "2 issues to fix (shown beside the fields).");

  // The file panel: how many values, and the download of the valid ones.
  const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
  const good = JSON.stringify(examples.entries.update);
  const bad = JSON.stringify({ ...examples.entries.update, id: "" });
  const record = JSON.stringify(validRecord("key.create"));
  await page.click("[data-tab=file]");
  const checkFile = async (kind, lines) => {
    await page.locator("#file-kind").selectOption(kind);
    await page.$eval("#file-summary", (summary) => summary.replaceChildren());
    await page.setInputFiles("#file-input", { name: `${lines.length}.ndjson`, mimeType: "application/x-ndjson", buffer: Buffer.from(`${lines.join("\n")}\n`) });
    await page.waitForSelector("#file-counts");
    const total = await page.locator("#file-counts > span").first().innerText();
    return [total.replace(/\s+/g, " "), await page.locator("#download-valid").innerText()];
  };
  assert.deepEqual(await checkFile("entry", [good]), ["1 entry", "Download the 1 valid entry"]);
  assert.deepEqual(await checkFile("entry", [good, bad]), ["2 entries", "Download the 1 valid entry"]);
  assert.deepEqual(await checkFile("entry", [good, good]), ["2 entries", "Download the 2 valid entries"]);
  assert.deepEqual(await checkFile("record", [record]), ["1 record", "Download the 1 valid record"]);
  assert.deepEqual(await checkFile("record", [record, record]), ["2 records", "Download the 2 valid records"]);
  await shot("13-file-two-records");
  assert.deepEqual(pageErrors, []);
});

/** The relative luminance (WCAG) of a CSS `rgb(…)` colour. */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

test("placeholders are hints, not values: 'e.g. …', in italics, clearly lighter than typed text", async () => {
  await open();
  // Every example in a field of the forms says it is one, and is not sent.
  const placeholders = await page.$$eval("form .grid [placeholder]", (fields) => fields.map((f) => [f.dataset.path, f.placeholder]));
  assert.ok(placeholders.length >= 9, JSON.stringify(placeholders));
  for (const [path, text] of placeholders) assert.match(text, /^e\.g\. /, path);
  assert.equal(await page.locator("[data-path=actor_id]").getAttribute("placeholder"), "e.g. user_321");
  assert.equal(await page.locator("[data-path=id]").getAttribute("placeholder"), "e.g. audit_01HABCDEF…");

  // The style: italic, and a colour clearly lighter than typed text, yet readable on white (4.5:1).
  const style = await page.locator("[data-path=actor_id]").evaluate((input) => {
    const hint = getComputedStyle(input, "::placeholder");
    const typed = getComputedStyle(input);
    return { hint: hint.color, hintStyle: hint.fontStyle, typed: typed.color, typedStyle: typed.fontStyle, background: typed.backgroundColor };
  });
  assert.equal(style.hintStyle, "italic", JSON.stringify(style));
  assert.equal(style.typedStyle, "normal", JSON.stringify(style));
  const [hint, typed, background] = [style.hint, style.typed, style.background].map(luminance);
  assert.ok(hint > typed && contrast(hint, typed) >= 2, `placeholder ${style.hint} vs typed ${style.typed}`);
  assert.ok(contrast(hint, background) >= 4.5, `placeholder ${style.hint} on ${style.background}`);

  // What is drawn: the darkest pixel of the field showing its hint is clearly lighter than the
  // darkest pixel of the same field with that text typed into it.
  const field = page.locator("[data-path=actor_id]");
  const darkest = async () => {
    const png = (await field.screenshot()).toString("base64");
    return page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = Object.assign(document.createElement("canvas"), { width: image.width, height: image.height });
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      // Inside the border (3 px each side), where only text is drawn.
      const { data: pixels } = context.getImageData(3, 3, image.width - 6, image.height - 6);
      let min = 255;
      for (let i = 0; i < pixels.length; i += 4) min = Math.min(min, 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2]);
      return min;
    }, png);
  };
  await field.evaluate((input) => input.blur());
  await shot("14-placeholders");
  const shown = await darkest();
  await field.fill("e.g. user_321");
  await field.evaluate((input) => input.blur());
  const filled = await darkest();
  assert.ok(shown - filled >= 40, `darkest pixel: hint ${shown}, typed ${filled} (0-255)`);
  assert.deepEqual(pageErrors, []);
});
