// Cloudflare Workers: a worker that validates POSTed entries, from the packed tarball installed
// into a throw-away project, run by `wrangler dev` (local workerd from npm) with a configuration
// that names only the worker's entry and compatibility date.
import { test, before, after } from "node:test";
import { assertRouteAnswers, freePort, node22, project, startServer, tool } from "./project.mjs";

let app;
before(() => {
  app = project("workers", {
    files: {
      "wrangler.jsonc": `{ "name": "auditlog-check", "main": "src/index.js", "compatibility_date": "2026-11-01" }\n`,
      "src/index.js": `import { auditLogEntrySchema } from "auditlog-wasm";
export default {
  async fetch(request) {
    const result = auditLogEntrySchema.safeParse(await request.json());
    return Response.json(result.success ? { ok: true } : { ok: false, issues: result.error.issues }, { status: result.success ? 200 : 422 });
  },
};
`,
    },
  });
});
after(() => app?.remove());

test("wrangler dev (local workerd) answers a good and a bad POST", async () => {
  const port = await freePort();
  const wrangler = await startServer(node22, [tool("wrangler/bin/wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(port), "--log-level", "warn"], {
    cwd: app.dir,
    // No account, no telemetry, no update check: everything stays on this machine.
    env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_API_TOKEN: "", NO_UPDATE_NOTIFIER: "1", HOME: app.dir },
    url: `http://127.0.0.1:${port}/`,
    timeout: 120_000,
  });
  try {
    await assertRouteAnswers(`http://127.0.0.1:${port}/`);
  } finally {
    await wrangler.stop();
  }
});
