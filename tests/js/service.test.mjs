// The two halves together, over real HTTP on 127.0.0.1: the service (`auditlog serve`) started as a
// process with API keys, and the built demo page (www/) in headless Chromium submitting to it, as
// `make demo` runs them. The page shows the same issues at the same fields from its own check and
// from the service; good values are stored and read back identical; the service keeps every record
// it acknowledged under load and across a SIGTERM. Screenshots go to tests/output/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditLogEntrySchema, platformRecordSchema } from "../../pkg/index.mjs";
import { validRecord } from "./generators.mjs";
import { bearer, demoInChromium, startService } from "./service.mjs";

const shots = fileURLToPath(new URL("../output", import.meta.url));
mkdirSync(shots, { recursive: true });

// The demo (service and page) and a Chromium, shared by this file's tests.
const shared = demoInChromium();
const openPage = () => shared.openPage();

/** The non-empty error slots of a form: `{ key: { text, source } }`. */
const shownIssues = (page, form) =>
  page.$$eval(`${form} [data-error-for]`, (slots) =>
    Object.fromEntries(slots.filter((s) => s.textContent !== "").map((s) => [s.dataset.errorFor, { text: s.textContent, source: s.dataset.source }])),
  );

/** Submits a form (checked in the browser first, or not) and waits for its verdict. */
async function submit(page, form, { checkInBrowser }) {
  await page.setChecked(`${form} .skip-browser-check`, !checkInBrowser);
  await page.$eval(`${form} .status`, (status) => (status.textContent = ""));
  await page.click(`${form} button[type=submit]`);
  await page.waitForFunction((selector) => /to fix|The service found|Stored by the service|service/.test(document.querySelector(`${selector} .status`).textContent) && !/sending/i.test(document.querySelector(`${selector} .status`).textContent), form);
  return page.locator(`${form} .status`).innerText();
}

/** Submits as the browser checks it, then straight to the service: both must show the same issues. */
async function sameIssuesBothWays(page, form, name) {
  const browserVerdict = await submit(page, form, { checkInBrowser: true });
  assert.match(browserVerdict, /issues? to fix/, name);
  const fromBrowser = await shownIssues(page, form);
  const serviceVerdict = await submit(page, form, { checkInBrowser: false });
  assert.match(serviceVerdict, /^The service found \d+ issues?/, name);
  const fromService = await shownIssues(page, form);
  assert.ok(Object.keys(fromBrowser).length > 0, name);
  const texts = (shown) => Object.fromEntries(Object.entries(shown).map(([key, { text }]) => [key, text]));
  assert.deepEqual(texts(fromService), texts(fromBrowser), name);
  for (const [key, { source }] of Object.entries(fromBrowser)) assert.equal(source, "browser", key);
  for (const [key, { source }] of Object.entries(fromService)) assert.equal(source, "service", key);
  return fromService;
}

async function fill(page, form, fields) {
  for (const [path, value] of Object.entries(fields)) {
    const target = page.locator(`${form} [data-path="${path}"]`);
    if ((await target.evaluate((node) => node.tagName)) === "SELECT") await target.selectOption(value);
    else await target.fill(value);
  }
}

const getJson = async (url, key = shared.demo.key) => {
  const response = await fetch(url, { headers: bearer(key) });
  assert.equal(response.status, 200, url);
  return response.json();
};

test("entry form: the service's issues are the browser's, at the same fields", async () => {
  const page = await openPage();
  const form = "#entry-form";
  const defaults = await sameIssuesBothWays(page, form, "an empty form");
  assert.equal(defaults.id.text, "Audit log ID is required");
  await fill(page, form, { id: "audit_1", actor_id: "user_1", resource_type: "user", resource_id: "", timestamp: "2026-13-01T00:00:00Z", ip_address: "999.1.1.1" });
  await page.fill(`${form} .change-old`, "5");
  await page.fill(`${form} .change-new`, "");
  await page.click("#add-change");
  const tricky = await sameIssuesBothWays(page, form, "a bad timestamp, an empty resource id, two changes");
  assert.equal(tricky.timestamp.text, "Invalid timestamp");
  await page.screenshot({ path: `${shots}/service-1-entry-issues-from-service.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("record form: the service's issues are the browser's, rules across fields included", async () => {
  const page = await openPage();
  const form = "#record-form";
  await page.click("[data-tab=record]");
  await sameIssuesBothWays(page, form, "an empty form");
  await fill(page, form, { event: "authorization.connect_role_and_key", workspaceId: "w".repeat(300), actorId: "a", actorMeta: "[1]", remoteIp: "1.2.3" });
  await page.click("#add-resource");
  const rows = page.locator("#resource-rows .row");
  await rows.nth(1).locator(".resource-id").fill("key_1");
  await rows.nth(1).locator(".resource-type").selectOption("api");
  await rows.nth(1).locator(".resource-meta").fill("not json");
  const shown = await sameIssuesBothWays(page, form, "too long, not an address, a duplicate id, a missing role");
  assert.match(shown.resources.text, /role/);
  assert.equal(shown["resources.1"].text, "Invalid input: expected record, received string · Resource ids must be unique: resources[0] has the same id");
  await page.screenshot({ path: `${shots}/service-2-record-issues-from-service.png`, fullPage: true });
  // No resources: too few for key.create, and none needed for a workspace event.
  await fill(page, form, { event: "key.create", workspaceId: "ws_1", actorId: "user_1", actorMeta: "", remoteIp: "" });
  while ((await rows.count()) > 0) await rows.first().locator(".remove-resource").click();
  const none = await sameIssuesBothWays(page, form, "key.create without resources");
  assert.match(none.resources.text, /expected array to have >=1 items/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a good entry and a good record are stored, and read back from the service identical", async () => {
  const page = await openPage();
  await fill(page, "#entry-form", { id: "audit_e2e_1", actor_id: "user_321", actor_type: "user", resource_type: "user", resource_id: "user_555", timestamp: "2026-05-16T18:30:00Z" });
  assert.match(await submit(page, "#entry-form", { checkInBrowser: true }), /^Stored by the service at audit-logs\/\d+/);
  const index = await page.$eval("#entry-form", (form) => form.dataset.storedIndex);
  const shown = JSON.parse(await page.locator("#entry-output").innerText());
  const stored = await getJson(`${shared.demo.serviceUrl}/audit-logs/${index}`);
  assert.equal(stored.index, Number(index));
  assert.deepEqual(stored.data, shown);
  assert.deepEqual(auditLogEntrySchema.parse(stored.data), stored.data);
  assert.equal(stored.data.id, "audit_e2e_1");
  assert.deepEqual(stored.data.changes, { role: { old: "viewer", new: "admin" } });
  // The page checked, with the log module, that the service's signed checkpoint includes it.
  await page.waitForSelector("#entry-form .log-proof[data-ok]");
  const proofText = await page.locator("#entry-form .log-proof").innerText();
  const [, size, values] = proofText.match(/^Verified in this browser: the service's signed checkpoint \(auditlog\.example\/log\/demo, (\d+) (values?)\) includes it, as value \d+ of its log\.$/) ?? [];
  assert.equal(values, size === "1" ? "value" : "values", proofText);

  // The platform's billing record: workspace.update without resources.
  await page.click("[data-tab=record]");
  await fill(page, "#record-form", { event: "workspace.update", workspaceId: "demo", display: "plan changed", actorId: "system", actorType: "system" });
  const rows = page.locator("#resource-rows .row");
  while ((await rows.count()) > 0) await rows.first().locator(".remove-resource").click();
  assert.match(await submit(page, "#record-form", { checkInBrowser: true }), /^Stored by the service at platform-records\/\d+/);
  const recordIndex = await page.$eval("#record-form", (form) => form.dataset.storedIndex);
  const record = await getJson(`${shared.demo.serviceUrl}/platform-records/${recordIndex}`);
  assert.deepEqual(record.data, JSON.parse(await page.locator("#record-output").innerText()));
  assert.deepEqual(record.data, { event: "workspace.update", workspaceId: "demo", display: "plan changed", actorId: "system", actorType: "system", resources: [] });
  const listed = await getJson(`${shared.demo.serviceUrl}/platform-records?limit=1`);
  assert.deepEqual(listed.items[0], record);
  await page.waitForSelector("#record-form .log-proof[data-ok]");
  assert.match(await page.locator("#record-form .log-proof").innerText(), new RegExp(`^Verified in this browser: .* as value ${record.logIndex} of its log\\.$`));
  await page.screenshot({ path: `${shots}/service-3-record-stored.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("verify panel: the service's export checks out in the browser, and a changed line is named", async () => {
  const page = await openPage();
  await page.click("[data-tab=verify]");
  const exported = await (await fetch(`${shared.demo.serviceUrl}/export`, { headers: bearer(shared.demo.key) })).text();
  const lines = exported.split("\n").filter(Boolean);
  assert.ok(lines.length >= 2, "the earlier tests stored values");
  const check = async (name, text) => {
    await page.$eval("#verify-result", (result) => delete result.dataset.ok);
    await page.setInputFiles("#verify-input", { name, mimeType: "application/x-ndjson", buffer: Buffer.from(text) });
    await page.waitForSelector("#verify-result[data-ok]");
    return page.locator("#verify-result").innerText();
  };
  assert.equal(await check("export.ndjson", exported), `Verified, ${lines.length} records: the file is exactly the log of the signed checkpoint (auditlog.example/log/demo).`);
  const changed = lines.map((line, i) => (i === 1 ? line.replace(/"display":"[^"]*"/, '"display":"edited"') : line));
  assert.notEqual(changed[1], lines[1]);
  assert.equal(await check("edited.ndjson", changed.join("\n")), "Not verified: line 2 (record 1) is the first that does not match the signed checkpoint: it was changed, moved, inserted or dropped.");
  await page.screenshot({ path: `${shots}/service-4-verify.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- the service alone ----

const post = (url, body, key) => fetch(url, { method: "POST", headers: bearer(key, { "content-type": "application/json" }), body });

/** Every record of a log, walking its pages (newest first) to the end. */
async function everything(base, path, key) {
  const items = [];
  let next = `${path}?limit=500`;
  for (let pages = 0; next && pages < 100; pages++) {
    const page = await getJson(`${base}${next}`, key);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

/** `count` records, each told apart by its display text. */
const loadRecords = (count, tag) => Array.from({ length: count }, (_, i) => validRecord(["key.create", "role.update", "workspace.update", "authorization.connect_role_and_key"][i % 4], { display: `${tag} #${i}` }));

/** Posts `records` from `clients` concurrent clients; returns each one's status (or error name). */
async function postAll(url, key, records, clients, { stopAfter = Infinity } = {}) {
  const outcomes = new Array(records.length);
  let nextIndex = 0;
  let acknowledged = 0;
  const client = async () => {
    while (nextIndex < records.length) {
      const i = nextIndex++;
      try {
        const response = await post(`${url}/platform-records`, JSON.stringify(records[i]), key);
        outcomes[i] = response.status;
        if (response.status === 201) {
          acknowledged++;
          assert.deepEqual(await response.json(), records[i]);
        } else await response.arrayBuffer();
      } catch (error) {
        outcomes[i] = error.cause?.code ?? error.name;
      }
      if (acknowledged >= stopAfter) return;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return outcomes;
}

test("load: 2,000 records from 32 concurrent clients are each stored exactly once; an oversized one is refused alone", async () => {
  const service = await startService({ env: { AUDITLOG_BODY_LIMIT: "16384", AUDITLOG_RATE: "100000", AUDITLOG_BURST: "100000", AUDITLOG_SYNC: "normal" } });
  try {
    const records = loadRecords(2000, "load");
    const oversized = validRecord("key.create", { display: "too large", actorMeta: { blob: "x".repeat(40_000) } });
    const [outcomes, refused] = await Promise.all([
      postAll(service.url, service.key, records, 32),
      post(`${service.url}/platform-records`, JSON.stringify(oversized), service.key).then(async (response) => ({ status: response.status, type: response.headers.get("content-type"), body: await response.json() })),
    ]);
    assert.deepEqual(new Set(outcomes), new Set([201]));
    assert.equal(refused.status, 413);
    assert.equal(refused.type, "application/problem+json");
    assert.equal(refused.body.title, "Content Too Large");
    const stored = await everything(service.url, "/platform-records", service.key);
    assert.equal(stored.length, 2000);
    const displays = stored.map((item) => item.data.display);
    assert.equal(new Set(displays).size, 2000, "no record twice");
    assert.ok(!displays.includes("too large"));
    assert.deepEqual(stored.map((item) => item.index), Array.from({ length: 2000 }, (_, i) => 1999 - i), "indices 0..1999, newest first");
    const byDisplay = new Map(records.map((record) => [record.display, record]));
    for (const item of stored) assert.deepEqual(item.data, byDisplay.get(item.data.display));
    console.log("service: 2000 records from 32 clients stored once each; the 41 KB record refused with 413");
  } finally {
    assert.equal(await service.stop(), 0, service.output.text);
  }
});

test("restart: stopped by SIGTERM in the middle of a load, the service keeps every record it acknowledged, whole", async () => {
  const first = await startService({ env: { AUDITLOG_RATE: "100000", AUDITLOG_BURST: "100000" } });
  const records = loadRecords(3000, "restart");
  const load = postAll(first.url, first.key, records, 32);
  // Stop it once a few hundred have been acknowledged, while the rest are still being sent.
  while ((await fetch(`${first.url}/platform-records?limit=1`, { headers: bearer(first.key) }).then((r) => r.json()).then((p) => p.items[0]?.index ?? -1, () => 1e9)) < 300) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const stopped = first.stop();
  const outcomes = await load;
  assert.equal(await stopped, 0, first.output.text);
  assert.match(first.output.text, /shutting down[\s\S]*stopped: every request in progress was answered/);
  const acknowledged = records.filter((_, i) => outcomes[i] === 201);
  const refused = outcomes.filter((outcome) => outcome !== 201);
  assert.ok(acknowledged.length >= 300 && refused.length > 0, `acknowledged ${acknowledged.length}, refused ${refused.length}`);

  const second = await startService({ database: first.database, key: first.key });
  try {
    const stored = await everything(second.url, "/platform-records", first.key);
    const displays = new Set(stored.map((item) => item.data.display));
    assert.equal(displays.size, stored.length, "no record twice");
    for (const record of acknowledged) assert.ok(displays.has(record.display), `${record.display} was acknowledged but is missing`);
    // Nothing half-written: every stored row is a whole, valid record that some client sent.
    const sent = new Map(records.map((record) => [record.display, record]));
    for (const item of stored) {
      assert.deepEqual(item.data, sent.get(item.data.display));
      assert.equal(platformRecordSchema.safeParse(item.data).success, true);
    }
    assert.deepEqual(stored.map((item) => item.index), Array.from({ length: stored.length }, (_, i) => stored.length - 1 - i));
    console.log(`service: SIGTERM after ${acknowledged.length} acknowledged of 3000; after restart ${stored.length} stored, every acknowledged one among them`);
    // And it takes new records after the restart.
    const after = await post(`${second.url}/platform-records`, JSON.stringify(validRecord("key.create", { display: "after restart" })), first.key);
    assert.equal(after.status, 201);
  } finally {
    assert.equal(await second.stop(), 0, second.output.text);
  }
});

test("the log: every stored value is proven in the signed checkpoint, later checkpoints extend earlier ones, the export verifies, a tampered one is caught, across a restart", async () => {
  const log = await import("../../pkg/log.mjs");
  const b64 = (text) => new Uint8Array(Buffer.from(text, "base64"));
  const first = await startService();
  const apiKey = first.key;
  const auth = { headers: bearer(apiKey) };
  let second;
  try {
    const key = (await (await fetch(`${first.url}/checkpoint/key`, auth)).text()).trim();
    const checkpoint = async (url) => {
      const read = log.verifyCheckpoint(await (await fetch(`${url}/checkpoint`, auth)).text(), key);
      assert.equal(read.valid, true, read.reason);
      return read.checkpoint;
    };
    const empty = await checkpoint(first.url);
    assert.deepEqual([empty.origin, empty.size], ["auditlog.example/log/ws_01H", 0]);
    const records = loadRecords(40, "log");
    for (const record of records.slice(0, 25)) assert.equal((await post(`${first.url}/platform-records`, JSON.stringify(record), apiKey)).status, 201);
    const entry = { id: "audit_log_1", action: "create", actor_id: "user_1", actor_type: "user", resource_type: "user", resource_id: "user_2", timestamp: "2026-05-16T18:30:00Z" };
    assert.equal((await post(`${first.url}/audit-logs`, JSON.stringify(entry), apiKey)).status, 201);
    const early = await checkpoint(first.url);
    assert.equal(early.size, 26);
    await first.stop();

    second = await startService({ database: first.database, key: apiKey });
    assert.equal((await (await fetch(`${second.url}/checkpoint/key`, auth)).text()).trim(), key, "the key survives a restart");
    for (const record of records.slice(25)) assert.equal((await post(`${second.url}/platform-records`, JSON.stringify(record), apiKey)).status, 201);
    const now = await checkpoint(second.url);
    assert.equal(now.size, 41);

    // Each record's inclusion in the signed root, its leaf computed here from the data served.
    for (const item of await everything(second.url, "/platform-records", apiKey)) {
      const { proof, size } = await getJson(`${second.url}/proof/inclusion?index=${item.logIndex}&size=${now.size}`, apiKey);
      const verdict = log.verifyInclusion({ leafHash: log.platformRecordSchema.leafHash(item.data), index: item.logIndex, size, proof: proof.map(b64), root: now.root });
      assert.equal(verdict.valid, true, verdict.reason);
    }
    const stored = await getJson(`${second.url}/audit-logs/0`, apiKey);
    const entryProof = await getJson(`${second.url}/proof/inclusion?index=${stored.logIndex}`, apiKey);
    assert.equal(log.verifyInclusion({ leafHash: log.auditLogEntrySchema.leafHash(stored.data), index: stored.logIndex, size: now.size, proof: entryProof.proof.map(b64), root: now.root }).valid, true);
    // The log before the restart is a prefix of the log after it.
    const { proof } = await getJson(`${second.url}/proof/consistency?from=${early.size}&to=${now.size}`, apiKey);
    assert.deepEqual(log.verifyConsistency({ size1: early.size, size2: now.size, root1: early.root, root2: now.root, proof: proof.map(b64) }), { valid: true });

    // The export: its lines hash to the checkpoint's root; a changed line is found by index.
    const lines = (await (await fetch(`${second.url}/export`, auth)).text()).split("\n").filter(Boolean);
    const leaves = lines.map((line) => log.leafHash(line));
    assert.deepEqual(log.merkleRoot(leaves), now.root);
    const consistencyProof = async (k) => (await getJson(`${second.url}/proof/consistency?from=${k}&to=${now.size}`, apiKey)).proof.map(b64);
    assert.equal(await log.findFirstDifference({ leafHashes: leaves, size: now.size, root: now.root, consistencyProof }), null);
    const tampered = lines.map((line, i) => (i === 30 ? line.replace("log #", "log no. ") : line));
    assert.equal(await log.findFirstDifference({ leafHashes: tampered.map((line) => log.leafHash(line)), size: now.size, root: now.root, consistencyProof }), 30);

    const refused = await fetch(`${second.url}/proof/inclusion?index=41`, auth);
    assert.equal(refused.status, 400);
    assert.match((await refused.json()).detail, /index 41 is not in a tree of size 41/);
  } finally {
    if (first.child.exitCode === null) await first.stop();
    if (second) assert.equal(await second.stop(), 0, second.output.text);
  }
});
