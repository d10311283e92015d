// Helpers for tests that need a browser: a static file server on loopback and Debian's Chromium
// driven by playwright-core (never a browser that a tool downloads).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ndjson": "application/x-ndjson",
  ".svg": "image/svg+xml",
};

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to `{ url, close }`. `isolated`: with the
 * headers that make its pages cross-origin isolated (they get SharedArrayBuffer).
 */
export async function serveStatic(root, { isolated = false } = {}) {
  const isolation = isolated ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" } : {};
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", ...isolation }).end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Headless Chromium with the flags this machine needs (as root, closed network). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Opens `url` in a fresh Chromium whose pages have no `WebAssembly` global (as in React Native's
 * Hermes or iOS Lockdown Mode) and resolves to the first uncaught exception's message, or null if
 * none came within `timeout` ms.
 */
export async function exceptionWithoutWebAssembly(url, { timeout = 10_000 } = {}) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => delete globalThis.WebAssembly);
    const thrown = page.waitForEvent("pageerror", { timeout }).then((error) => error.message, () => null);
    await page.goto(url);
    return await thrown;
  } finally {
    await browser.close();
  }
}

/**
 * Opens `url` in a fresh Chromium and waits for `#result` to have text. Resolves to the parsed text,
 * what went wrong on the page (console errors, uncaught exceptions, failed requests, HTTP errors),
 * every response (`{ url, status, type, body }`, bodies as bytes), for assertions on downloads, and
 * how many wasm instances the page had made by then (`instances`: a bundle can carry a module
 * inline without ever instantiating it, which its downloads cannot tell).
 */
export async function pageReport(url, { timeout = 30_000 } = {}) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    const responses = [];
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
    await page.addInitScript(() => {
      let instances = 0;
      const { Instance, instantiate } = WebAssembly;
      WebAssembly.Instance = new Proxy(Instance, { construct: (target, args, newTarget) => (instances++, Reflect.construct(target, args, newTarget)) });
      WebAssembly.instantiate = (...args) => (instances++, instantiate(...args));
      Object.defineProperty(globalThis, "__wasmInstancesMade", { get: () => instances });
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      responses.push(response.body().then((body) => ({ url: response.url(), status: response.status(), type: response.headers()["content-type"] ?? "", body }), () => null));
    });
    await page.goto(url);
    let result = null;
    try {
      const text = await page.waitForFunction(() => document.querySelector("#result")?.textContent, null, { timeout });
      result = JSON.parse(await text.jsonValue());
    } catch (error) {
      problems.push(`no result: ${error.message.split("\n")[0]}`);
    }
    const instances = await page.evaluate(() => globalThis.__wasmInstancesMade);
    return { result, problems, responses: (await Promise.all(responses)).filter(Boolean), instances };
  } finally {
    await browser.close();
  }
}
