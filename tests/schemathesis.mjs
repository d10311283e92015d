// `make test-service`: Schemathesis (its version pinned in tests/schemathesis-requirements.txt, in
// its own virtual environment, target/venv-schemathesis) against the service's own /openapi.json,
// on 127.0.0.1 with a fresh database and a write key: positive and negative cases of every
// operation, a bounded number, derandomized with a fixed seed; every check (no 5xx, every status,
// content type, header and body as the document says). Exit status: Schemathesis's.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startService } from "./js/service.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const SEED = 31;
const EXAMPLES = process.env.SCHEMATHESIS_EXAMPLES ?? "25";
// The rate is high so that the run measures the API, not the limiter (tests/service_access.rs does).
const service = await startService({ workspace: "ws_01H", env: { AUDITLOG_RATE: "100000", AUDITLOG_BURST: "100000", AUDITLOG_SYNC: "normal" } });
let status = 1;
try {
  console.log(`schemathesis: ${service.url}/openapi.json, --max-examples ${EXAMPLES}, --seed ${SEED}, derandomized`);
  const run = spawnSync(
    `${root}target/venv-schemathesis/bin/schemathesis`,
    ["run", `${service.url}/openapi.json`, "--header", `Authorization: Bearer ${service.key}`, "--checks", "all", "--mode", "all",
      "--max-examples", EXAMPLES, "--seed", String(SEED), "--generation-deterministic", "--no-color"],
    { stdio: "inherit", env: { ...process.env, SCHEMATHESIS_HOOKS: "" } },
  );
  status = run.status ?? 1;
} finally {
  await service.stop();
}
process.exit(status);
