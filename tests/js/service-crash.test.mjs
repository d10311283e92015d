// The service killed, not stopped: 32 clients write platform records to three workspaces while the
// service (`auditlog serve`, as a process on 127.0.0.1) is killed with SIGKILL at a seeded random
// moment, 20 times in a row, restarted on the same database each time. After each restart:
// - every record answered 201 is stored exactly once, in its workspace;
// - nothing that was not acknowledged is half-stored: every stored row is a whole record a client
//   sent (some sent but unanswered ones may be stored whole: the kill came between commit and answer);
// - each workspace's export hashes, line by line, to the leaves of its stored records and to the
//   root of its signed checkpoint now;
// - each checkpoint handed out before any kill is a prefix of the log now: its consistency proof to
//   the new checkpoint verifies.
// The seed (FC_SEED replays another) draws the kill moments. Keys never appear in the service's log.
import { test } from "node:test";
import assert from "node:assert/strict";
import { validRecord } from "./generators.mjs";
import { fixedSeed } from "./seeds.mjs";
import { bearer, createKey, freshDatabase, startService } from "./service.mjs";

const ROUNDS = 20;
const CLIENTS = 32;
const WORKSPACES = ["ws_a", "ws_b", "ws_c"];
const seed = fixedSeed("tests/js/service-crash.test.mjs", 31);

/** A small seeded generator (mulberry32): the kill moments, replayable from the seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`SIGKILL ${ROUNDS} times under ${CLIENTS} writers: every acknowledged record once, nothing half-stored, every checkpoint handed out consistent`, { timeout: 180_000 }, async () => {
  const log = await import("../../pkg/log.mjs");
  const b64 = (text) => new Uint8Array(Buffer.from(text, "base64"));
  const next = random(seed);
  const database = freshDatabase();
  const keys = Object.fromEntries(WORKSPACES.map((w) => [w, createKey(database, w, "write")]));
  const env = { AUDITLOG_RATE: "1000000", AUDITLOG_BURST: "1000000" };
  const sent = new Map(); // display -> record
  const acknowledged = new Set(); // displays answered 201
  const handedOut = Object.fromEntries(WORKSPACES.map((w) => [w, []])); // checkpoints seen
  let verifierKey;
  let sentCount = 0;
  let outputs = "";

  const checkpointOf = async (url, workspace) => {
    const note = await (await fetch(`${url}/checkpoint`, { headers: bearer(keys[workspace]) })).text();
    const read = log.verifyCheckpoint(note, verifierKey);
    assert.equal(read.valid, true, read.reason);
    assert.equal(read.checkpoint.origin, `auditlog.example/log/${workspace}`);
    return read.checkpoint;
  };

  for (let round = 0; round < ROUNDS; round++) {
    const service = await startService({ database, key: null, env });
    verifierKey ??= (await (await fetch(`${service.url}/checkpoint/key`, { headers: bearer(keys.ws_a) })).text()).trim();
    const killAfter = 100 + Math.floor(next() * 400); // ms of writing before the kill
    let writing = true;
    const writer = async (c) => {
      for (let n = 0; writing; n++) {
        const workspace = WORKSPACES[(c + n) % WORKSPACES.length];
        const record = validRecord("workspace.update", { workspaceId: workspace, display: `r${round} c${c} n${n}`, resources: [] });
        sent.set(record.display, record);
        sentCount++;
        try {
          const response = await fetch(`${service.url}/platform-records`, { method: "POST", headers: bearer(keys[workspace], { "content-type": "application/json" }), body: JSON.stringify(record) });
          if (response.status === 201) {
            assert.deepEqual(await response.json(), record);
            acknowledged.add(record.display);
          } else {
            await response.arrayBuffer();
            assert.fail(`${record.display}: ${response.status}`);
          }
        } catch (error) {
          if (error.code === "ERR_ASSERTION") throw error;
          return; // the connection died with the service
        }
      }
    };
    // A reader takes checkpoints while the writers write: each is one a client was handed.
    const reader = async () => {
      while (writing) {
        for (const workspace of WORKSPACES) {
          try {
            handedOut[workspace].push(await checkpointOf(service.url, workspace));
          } catch (error) {
            if (error.code === "ERR_ASSERTION") throw error;
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    };
    const load = Promise.all([...Array.from({ length: CLIENTS }, (_, c) => writer(c)), reader()]);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    await service.kill();
    writing = false;
    await load;
    outputs += service.output.text;
  }

  // The last start: everything checked against what the clients saw.
  const service = await startService({ database, key: null, env });
  try {
    let stored = 0;
    for (const workspace of WORKSPACES) {
      const auth = { headers: bearer(keys[workspace]) };
      const now = await checkpointOf(service.url, workspace);
      const lines = (await (await fetch(`${service.url}/export`, auth)).text()).split("\n").filter(Boolean);
      assert.equal(lines.length, now.size, workspace);
      const leaves = lines.map((line) => log.leafHash(line));
      assert.deepEqual(log.merkleRoot(leaves), now.root, `${workspace}: the export is the checkpoint's log`);
      const seen = new Set();
      for (const line of lines) {
        const record = JSON.parse(line);
        assert.equal(record.workspaceId, workspace);
        assert.ok(!seen.has(record.display), `${record.display} stored twice`);
        seen.add(record.display);
        // Whole: exactly a record a client sent, and its leaf is the schema's leaf of that record.
        assert.deepEqual(record, sent.get(record.display), `${record.display} is not what was sent`);
      }
      assert.deepEqual(leaves, lines.map((line) => log.platformRecordSchema.leafHash(JSON.parse(line))), `${workspace}: leaves`);
      for (const display of acknowledged) {
        if (sent.get(display).workspaceId === workspace) assert.ok(seen.has(display), `${display} was acknowledged but is missing`);
      }
      for (const before of handedOut[workspace]) {
        assert.ok(before.size <= now.size);
        // The empty log is a prefix of every log; RFC 9162 has no proof for it.
        if (before.size === 0) {
          assert.deepEqual(before.root, log.merkleRoot([]));
          continue;
        }
        const { proof } = await (await fetch(`${service.url}/proof/consistency?from=${before.size}&to=${now.size}`, auth)).json();
        const verdict = log.verifyConsistency({ size1: before.size, size2: now.size, root1: before.root, root2: now.root, proof: proof.map(b64) });
        assert.deepEqual(verdict, { valid: true }, `${workspace}: a checkpoint of size ${before.size} handed out before a kill`);
      }
      stored += lines.length;
    }
    const checkpoints = Object.values(handedOut).reduce((n, list) => n + list.length, 0);
    console.log(`crash: ${ROUNDS} SIGKILLs under ${CLIENTS} writers (seed ${seed}); ${sentCount} sent, ${acknowledged.size} acknowledged, ${stored} stored after the last restart; ${checkpoints} checkpoints handed out, each consistent with the log now`);
    assert.ok(acknowledged.size >= ROUNDS * 10, `only ${acknowledged.size} acknowledged`);
    assert.ok(stored >= acknowledged.size && stored <= sentCount);
    // Neither keys nor bodies in the service's log.
    outputs += service.output.text;
    for (const key of Object.values(keys)) assert.ok(!outputs.includes(key.slice(12)), "a key in the log");
    assert.ok(!outputs.includes("r0 c0 n0"), "a body in the log");
  } finally {
    assert.equal(await service.stop(), 0, service.output.text);
  }
});
