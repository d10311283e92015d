// Cargo's runner for the wasm32 browser suite (tests/wasm_browser.rs): `make test-wasm` sets
// CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER to this script, so cargo calls it with the test's .wasm.
//
// Why not `wasm-pack test --headless --chrome`: wasm-bindgen-test-runner serves the page with
// tiny_http 0.12, whose connection pool can lose a connection when a browser opens more than four
// at once (its idle-thread count is read before a woken thread takes its task). Our glue is a dozen
// modules, so Chromium opens six, and one time in three a module request got no answer for minutes.
// Here the runner only serves (its interactive mode); Chromium, driven by playwright-core, reaches
// it through one kept-alive socket, so tiny_http never sees two connections at once.
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { launchChromium } from "./browser.mjs";

const [wasm] = process.argv.slice(2);
if (!wasm) {
  console.error("usage: node tests/js/wasm-browser-runner.mjs <test.wasm>");
  process.exit(2);
}
const TIMEOUT_MS = 120_000;
const port = 20000 + (process.pid % 20000);
const address = `127.0.0.1:${port}`;

const server = spawn("wasm-bindgen-test-runner", [wasm], {
  env: { ...process.env, NO_HEADLESS: "1", WASM_BINDGEN_TEST_ADDRESS: address },
  stdio: ["ignore", "pipe", "inherit"],
});
const stopServer = () => server.exitCode === null && server.kill();
process.on("exit", stopServer);

const serverReady = new Promise((resolve, reject) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    if (seen.includes("Interactive browsers tests are now available")) resolve();
  });
  server.on("exit", (code) => reject(new Error(`wasm-bindgen-test-runner exited (${code}) before serving:\n${seen}`)));
});

/** Fetches one request from the runner over the single shared socket. */
const oneSocket = new Agent({ keepAlive: true, maxSockets: 1 });
function forward(route) {
  const asked = route.request();
  const url = new URL(asked.url());
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: "127.0.0.1", port, path: url.pathname + url.search, method: asked.method(), headers: asked.headers(), agent: oneSocket },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(asked.postDataBuffer() ?? undefined);
  });
}

let exitCode = 1;
const browser = await serverReady.then(launchChromium);
try {
  const page = await browser.newPage();
  // A script or module the page cannot load means the suite never starts: say so at once.
  let reportMissing;
  const missing = new Promise((resolve) => (reportMissing = resolve));
  await page.route(`http://${address}/**`, async (route) => {
    const url = route.request().url();
    try {
      const response = await forward(route);
      if (response.status >= 400 && /\.(m?js|wasm)$/.test(new URL(url).pathname)) reportMissing(`HTTP ${response.status}: ${url}`);
      await route.fulfill(response);
    } catch (error) {
      reportMissing(`request failed: ${url}: ${error.message}`);
      await route.abort();
    }
  });
  page.on("pageerror", (error) => console.error(`uncaught on the page: ${error.message}`));
  await page.goto(`http://${address}/`);
  // The harness writes its report into #output; it ends with cargo's "test result:" line.
  const verdict = await Promise.race([
    page
      .waitForFunction(() => /test result: \w+/.test(document.querySelector("#output")?.textContent ?? ""), null, { timeout: TIMEOUT_MS })
      .then(() => "finished", () => `no test result after ${TIMEOUT_MS / 1000} s`),
    missing,
  ]);
  const output = await page.locator("#output").textContent();
  console.log(output.trim());
  if (verdict !== "finished") console.error(`the browser suite did not run: ${verdict}`);
  else if (/test result: ok\./.test(output)) exitCode = 0;
} finally {
  await browser.close();
  oneSocket.destroy();
  stopServer();
}
process.exit(exitCode);
