// `make demo`'s last step: the example service and the browser demo together. Starts the service
// (examples/server/, built by `make server`), then Vite's preview of www/dist with `api/` proxied to
// the service, prints both addresses, and stops both on Ctrl-C or SIGTERM (or when either stops).
//
//   node examples/serve-demo.mjs [--service-port 8080] [--page-port 5173]
//
// Port 0 picks free ports (the tests do). The database is AUDITLOG_DB (default target/demo/auditlog.db).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { preview } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "service-port": { type: "string", default: "8080" }, "page-port": { type: "string", default: "5173" } } });
const database = process.env.AUDITLOG_DB ?? resolve(root, "target/demo/auditlog.db");
mkdirSync(dirname(database), { recursive: true });

const service = spawn(resolve(root, "target/debug/examples/server"), [], {
  env: { ...process.env, AUDITLOG_ADDR: `127.0.0.1:${values["service-port"]}`, AUDITLOG_DB: database },
  stdio: ["ignore", "pipe", "inherit"],
});
const serviceUrl = await new Promise((done, fail) => {
  let seen = "";
  service.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    seen += chunk;
    const address = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
    if (address) done(address[1]);
  });
  service.on("exit", (code) => fail(new Error(`the service stopped (exit ${code}) before listening; is it built? (make server)`)));
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

const page = await preview({
  root: resolve(root, "www"),
  configFile: resolve(root, "www/vite.config.js"),
  logLevel: "warn",
  preview: {
    host: "127.0.0.1",
    port: Number(values["page-port"]),
    strictPort: true,
    proxy: { "/api": { target: serviceUrl, rewrite: (path) => path.replace(/^\/api/, "") } },
  },
});
const pageUrl = page.resolvedUrls.local[0];
console.log(`\nThe service:      ${serviceUrl}  (POST/GET /audit-logs and /platform-records, GET /healthz; database ${database})`);
console.log(`The browser demo: ${pageUrl}  (its forms send to the service)`);
console.log("Ctrl-C stops both.\n");

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const serviceClosed = new Promise((done) => (service.exitCode === null ? service.once("close", done) : done()));
  if (service.exitCode === null) service.kill("SIGTERM");
  await Promise.all([page.close(), serviceClosed]);
  process.exit(code);
}
// Vite's preview exits the process on SIGTERM by itself, which would leave the service running:
// this script stops both, the service gracefully.
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("exit", () => service.exitCode === null && service.kill("SIGTERM"));
service.on("exit", (code) => {
  if (!stopping) console.error(`the service stopped (exit ${code}); stopping the demo`);
  stop(code === 0 ? 0 : 1);
});
