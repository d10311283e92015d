// Next.js 16, from the packed tarball installed into a throw-away app with no Next.js configuration
// beyond `output: "standalone"`: built with Turbopack (the default) and with webpack, then served by
// `next start` and, from a copy of the standalone output with the project's node_modules out of
// reach, by its server.js. Each time a Node route handler and an edge route answer a good and a
// bad POST, and a client component validates in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertRouteAnswers, formExpected, formProgram, freePort, notePageSizes, project, run, startServer, wasmDownloads } from "./project.mjs";
import { exceptionWithoutWebAssembly, pageReport } from "../browser.mjs";

// The issues go out through AuditLogError.fromProblem, a static the bundle must keep (problems.js).
const route = (runtime) => `import { AuditLogError, auditLogEntrySchema } from "auditlog-wasm";
${runtime ? `export const runtime = "${runtime}";\n` : ""}export async function POST(request) {
  const result = auditLogEntrySchema.safeParse(await request.json());
  if (result.success) return Response.json({ ok: true });
  return Response.json({ ok: false, issues: AuditLogError.fromProblem({ status: 422, issues: result.error.issues }).issues }, { status: 422 });
}
`;

let app;
before(() => {
  app = project("nextjs", {
    type: null,
    dependencies: { next: undefined, react: undefined, "react-dom": undefined },
    files: {
      "next.config.mjs": `export default { output: "standalone" };\n`,
      "app/layout.js": `export const metadata = { icons: { icon: "data:," } };\nexport default function RootLayout({ children }) {\n  return <html><body>{children}</body></html>;\n}\n`,
      "app/page.js": `import Check from "./check.js";\nexport default function Page() {\n  return <Check />;\n}\n`,
      "app/check.js": `"use client";
import { useEffect, useState } from "react";
import { auditLogEntrySchema, flattenError } from "auditlog-wasm";
export default function Check() {
  const [text, setText] = useState("");
  useEffect(() => {${formProgram.replace(/\n/g, "\n    ")}setText(JSON.stringify(result));
  }, []);
  return <pre id="result">{text}</pre>;
}
`,
      "app/api/node/route.js": route(null),
      "app/api/edge/route.js": route("edge"),
    },
  });
});
after(() => app?.remove());

const next = (...args) => run(process.execPath, [app.path("node_modules/next/dist/bin/next"), ...args], { cwd: app.dir, env: { NEXT_TELEMETRY_DISABLED: "1" }, timeout: 600_000 });

// What the client component's page downloads of the package, gzip -9 per file, in KB: the .wasm
// file and the scripts that carry the package's glue (found by its name, which its messages and
// Standard Schema vendor carry; Next.js puts a client component's dependencies in its page's chunk,
// so the component's few lines count too). React and Next.js's own runtime, which every page of
// such an app loads anyway, are not counted. The goal is the bundlers' (13 KB, bundlers.test.mjs);
// the ceiling holds the page to what it downloads now (the figure printed plus 0.2 KB), and to the
// goal once the page meets it.
const GOAL_KB = 13;
const CEILING_KB = { Turbopack: 12.7, webpack: 12.2 };
const sizes = [];

/** The routes and the page, served at `base`; `measured`: the bundler whose page's size is noted. */
async function assertAppWorks(base, measured) {
  await assertRouteAnswers(`${base}/api/node`);
  await assertRouteAnswers(`${base}/api/edge`);
  const { result, problems, responses } = await pageReport(`${base}/`);
  assert.deepEqual(problems, []);
  assert.deepEqual(result, formExpected);
  const { wasm, inlined } = wasmDownloads(responses);
  assert.equal(wasm.length, 1, "the client fetched no .wasm file");
  assert.deepEqual(inlined, [], "the client downloaded the module inlined in JavaScript too");
  // Where the engine has no WebAssembly, the page fails with the package's own error.
  assert.match(await exceptionWithoutWebAssembly(`${base}/`) ?? "no exception", /^auditlog-wasm: this JavaScript engine has no WebAssembly/);
  if (measured) {
    const glue = responses.filter((r) => r.type.includes("javascript") && r.body.toString("latin1").includes("auditlog-wasm"));
    assert.ok(glue.length > 0, "no script carries the package's glue");
    const gz = (list) => list.reduce((n, r) => n + gzipSync(r.body, { level: 9 }).length, 0) / 1024;
    const size = { name: measured, js: gz(glue), wasm: gz(wasm), scripts: glue.length };
    sizes.push(size);
    assert.ok(size.js + size.wasm <= CEILING_KB[measured], `${measured}: ${(size.js + size.wasm).toFixed(2)} KB, over its ceiling of ${CEILING_KB[measured]} KB`);
  }
}

after(() => {
  console.log("what the client component's page downloaded of the package, gzip -9 per file:");
  for (const s of sizes) {
    const total = s.js + s.wasm, met = total <= GOAL_KB ? "goal met" : `goal ${GOAL_KB} KB NOT met`;
    console.log(`  Next.js (${s.name}) JS ${s.js.toFixed(1)} KB in ${s.scripts} script(s)  wasm ${s.wasm.toFixed(1)} KB  total ${total.toFixed(1)} KB  (${met})`);
  }
  notePageSizes(sizes.map((s) => ({ page: `form: Next.js client component (${s.name})`, jsKB: s.js, wasmKB: s.wasm })));
});

async function serve(cmd, args, cwd, env = {}) {
  const port = await freePort();
  const server = await startServer(cmd, args(port), { cwd, env: { NEXT_TELEMETRY_DISABLED: "1", ...env(port) }, url: `http://127.0.0.1:${port}/` });
  return { base: `http://127.0.0.1:${port}`, stop: server.stop };
}

for (const bundler of ["Turbopack", "webpack"]) {
  test(`next build (${bundler}), then next start and the standalone server`, async () => {
    next("build", ...(bundler === "webpack" ? ["--webpack"] : []));
    // No path of the machine that built the app ships to browsers (webpack writes
    // `import.meta.url` as one; the package reads it nowhere there).
    for (const file of readdirSync(app.path(".next/static"), { recursive: true }).filter((name) => name.endsWith(".js"))) {
      assert.ok(!readFileSync(join(app.path(".next/static"), file), "utf8").includes(app.dir), `${file} holds ${app.dir}`);
    }

    const started = await serve(process.execPath, (port) => [app.path("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], app.dir, () => ({}));
    try {
      await assertAppWorks(started.base, bundler);
    } finally {
      await started.stop();
    }

    // Deployed as Next.js documents it: the standalone folder, with .next/static beside its server.
    const deployed = mkdtempSync(join(tmpdir(), "auditlog-next-standalone-"));
    try {
      cpSync(app.path(".next/standalone"), deployed, { recursive: true });
      cpSync(app.path(".next/static"), join(deployed, ".next/static"), { recursive: true });
      const standalone = await serve(process.execPath, () => ["server.js"], deployed, (port) => ({ PORT: String(port), HOSTNAME: "127.0.0.1" }));
      try {
        await assertAppWorks(standalone.base);
      } finally {
        await standalone.stop();
      }
    } finally {
      rmSync(deployed, { recursive: true, force: true });
      rmSync(app.path(".next"), { recursive: true, force: true });
    }
  });
}
