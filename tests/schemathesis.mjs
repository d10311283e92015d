// `make test-service`: Schemathesis (its version pinned in tests/schemathesis-requirements.txt, in
// its own virtual environment, target/venv-schemathesis) against the service's own /openapi.json,
// on 127.0.0.1 with a fresh database and a write key: positive and negative cases of every
// operation, a bounded number (SCHEMATHESIS_EXAMPLES, 25), derandomized (deterministic generation;
// the fixed seed matters only if that is dropped); every check (no 5xx, every status, content type, header
// and body as the document says), with tests/schemathesis.toml's statuses for the rules the
// document names but JSON Schema cannot express. Bounded in time: a request has 5 s, the
// service's read timeout is 2 s, and the run is stopped (and fails) after LIMIT_SECONDS. It keeps
// nothing in the repository: Schemathesis and Hypothesis keep their folders in a temporary one.
// Exit status: Schemathesis's.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startService } from "./js/service.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const SEED = 31;
const EXAMPLES = process.env.SCHEMATHESIS_EXAMPLES ?? "25";
const LIMIT_SECONDS = 120;
// The rate is high so that the run measures the API, not the limiter (tests/service_access.rs does).
const service = await startService({
  workspace: "ws_01H",
  env: { AUDITLOG_RATE: "100000", AUDITLOG_BURST: "100000", AUDITLOG_SYNC: "normal", AUDITLOG_READ_TIMEOUT: "2" },
});
const scratch = mkdtempSync(join(tmpdir(), "auditlog-schemathesis-"));
let status = 1;
const started = performance.now();
try {
  console.log(`schemathesis: ${service.url}/openapi.json, --max-examples ${EXAMPLES}, --seed ${SEED}, derandomized`);
  // Not spawnSync: this process must go on reading the service's output (startService keeps it),
  // or the service blocks writing its log once the pipe is full and stops answering.
  const run = spawn(
    `${root}target/venv-schemathesis/bin/schemathesis`,
    ["--config-file", join(root, "tests/schemathesis.toml"), "run", `${service.url}/openapi.json`,
      "--header", `Authorization: Bearer ${service.key}`, "--checks", "all", "--mode", "all",
      "--max-examples", EXAMPLES, "--seed", String(SEED), "--generation-deterministic",
      "--request-timeout", "5", "--no-color"],
    { stdio: "inherit", cwd: scratch, env: { ...process.env, SCHEMATHESIS_HOOKS: "" } },
  );
  const watchdog = setTimeout(() => {
    console.error(`schemathesis: still running after ${LIMIT_SECONDS} s: stopped`);
    run.kill("SIGTERM");
  }, LIMIT_SECONDS * 1000);
  status = await new Promise((resolve) => run.once("close", (code) => resolve(code ?? 1)));
  clearTimeout(watchdog);
} finally {
  await service.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`schemathesis: exit ${status} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
