// Next.js 16, from the packed tarball installed into a throw-away app with no Next.js configuration
// beyond `output: "standalone"`: built with Turbopack (the default) and with webpack, then served by
// `next start` and, from a copy of the standalone output with the project's node_modules out of
// reach, by its server.js. Each time a Node route handler and an edge route answer a good and a
// bad POST, and a client component validates in headless Chromium; then, from an app of its own, the
// size budget's everything page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { assertRouteAnswers, everythingAnswersOf, everythingNames, everythingProgram, formExpected, formProgram, freePort, notePageSizes, project, repo, run, startServer, wasmDownloads } from "./project.mjs";
import { exceptionWithoutWebAssembly, pageReport } from "../browser.mjs";

// The issues go out through AuditLogError.fromProblem, a static the bundle must keep (problems.js).
const route = (runtime) => `import { AuditLogError, auditLogEntrySchema } from "auditlog-wasm";
${runtime ? `export const runtime = "${runtime}";\n` : ""}export async function POST(request) {
  const result = auditLogEntrySchema.safeParse(await request.json());
  if (result.success) return Response.json({ ok: true });
  return Response.json({ ok: false, issues: AuditLogError.fromProblem({ status: 422, issues: result.error.issues }).issues }, { status: 422 });
}
`;

/** A client component that runs `program` (which sets `result`) once mounted, and shows `result`. */
const clientComponent = (imports, program) => `"use client";
import { useEffect, useState } from "react";
${imports}
export default function Check() {
  const [text, setText] = useState("");
  useEffect(() => {${program.replace(/\n/g, "\n    ")}setText(JSON.stringify(result));
  }, []);
  return <pre id="result">{text}</pre>;
}
`;
// The size budget's everything page (project.mjs), the page of an app of its own: where one app
// has both pages, Next.js shares their chunks, and the form's page downloads more.
const everythingComponent = (names) =>
  clientComponent(`import { ${names.join(", ")} } from "auditlog-wasm";`, `\nconst all = { ${names.join(", ")} };\n${everythingProgram()}`);

const layout = `export const metadata = { icons: { icon: "data:," } };\nexport default function RootLayout({ children }) {\n  return <html><body>{children}</body></html>;\n}\n`;
const checkPage = `import Check from "./check.js";\nexport default function Page() {\n  return <Check />;\n}\n`;
const nextApp = (name, files) => project(name, { type: null, dependencies: { next: undefined, react: undefined, "react-dom": undefined }, files: { "app/layout.js": layout, "app/page.js": checkPage, ...files } });

let app, everythingApp, everythingAnswers;
before(async () => {
  everythingAnswers = everythingAnswersOf(await import(pathToFileURL(join(repo, "pkg/index.mjs"))));
  app = nextApp("nextjs", {
      "next.config.mjs": `export default { output: "standalone" };\n`,
      "app/check.js": clientComponent(`import { auditLogEntrySchema, flattenError } from "auditlog-wasm";`, formProgram),
      "app/api/node/route.js": route(null),
      "app/api/edge/route.js": route("edge"),
  });
  everythingApp = nextApp("nextjs-everything", { "app/check.js": everythingComponent(everythingNames()) });
});
after(() => app?.remove());
after(() => everythingApp?.remove());

const next = (nextjsApp, ...args) => run(process.execPath, [nextjsApp.path("node_modules/next/dist/bin/next"), ...args], { cwd: nextjsApp.dir, env: { NEXT_TELEMETRY_DISABLED: "1" }, timeout: 600_000 });

// What a client component's page downloads of the package, gzip -9 per file, in KB: the .wasm
// file and the scripts that carry the package's glue (found by its name, which its messages and
// Standard Schema vendor carry; Next.js puts a client component's dependencies in its page's chunk,
// so the component's few lines count too). React and Next.js's own runtime, which every page of
// such an app loads anyway, are not counted. The goals are the bundlers' (bundlers.test.mjs): 13 KB
// for the form's page, 20 KB for the everything page; the ceiling holds a page to what it downloads
// now (the figure printed plus 0.2 KB), and to the goal once the page meets it.
const GOAL_KB = { form: 13, everything: 20 };
const CEILING_KB = { form: { Turbopack: 12.7, webpack: 12.2 }, everything: { Turbopack: 19.7, webpack: 19.2 } };
const sizes = [];

/** The routes, served at `base`. */
async function assertRoutesWork(base) {
  await assertRouteAnswers(`${base}/api/node`);
  await assertRouteAnswers(`${base}/api/edge`);
}

/** The page at `base` (a form's, or the everything page); `measured`: the bundler whose page's size is noted. */
async function assertPageWorks(base, kind, measured) {
  const { result, problems, responses, instances } = await pageReport(`${base}/`);
  assert.deepEqual(problems, [], kind);
  assert.deepEqual(result, kind === "form" ? formExpected : everythingAnswers, kind);
  assert.equal(instances, 1, `${kind}: wasm instances made`);
  const { wasm, inlined } = wasmDownloads(responses);
  assert.equal(wasm.length, 1, `${kind}: the client fetched no .wasm file`);
  assert.deepEqual(inlined, [], `${kind}: the client downloaded the module inlined in JavaScript too`);
  // Where the engine has no WebAssembly, the page fails with the package's own error.
  assert.match(await exceptionWithoutWebAssembly(`${base}/`) ?? "no exception", /^auditlog-wasm: this JavaScript engine has no WebAssembly/, kind);
  if (measured) {
    const glue = responses.filter((r) => r.type.includes("javascript") && r.body.toString("latin1").includes("auditlog-wasm"));
    assert.ok(glue.length > 0, `${kind}: no script carries the package's glue`);
    const gz = (list) => list.reduce((n, r) => n + gzipSync(r.body, { level: 9 }).length, 0) / 1024;
    const size = { kind, name: measured, js: gz(glue), wasm: gz(wasm), scripts: glue.length };
    sizes.push(size);
    const ceiling = CEILING_KB[kind][measured];
    assert.ok(size.js + size.wasm <= ceiling, `${kind}, ${measured}: ${(size.js + size.wasm).toFixed(2)} KB, over its ceiling of ${ceiling} KB`);
  }
}

after(() => {
  console.log("what each client component's page downloaded of the package, gzip -9 per file:");
  for (const s of sizes) {
    const total = s.js + s.wasm, goal = GOAL_KB[s.kind], met = total <= goal ? "goal met" : `goal ${goal} KB NOT met`;
    console.log(`  ${s.kind}: Next.js (${s.name}) JS ${s.js.toFixed(1)} KB in ${s.scripts} script(s)  wasm ${s.wasm.toFixed(1)} KB  total ${total.toFixed(1)} KB  (${met})`);
  }
  notePageSizes(sizes.map((s) => ({ page: `${s.kind}: Next.js client component (${s.name})`, jsKB: s.js, wasmKB: s.wasm })));
});

async function serve(cmd, args, cwd, env = {}) {
  const port = await freePort();
  const server = await startServer(cmd, args(port), { cwd, env: { NEXT_TELEMETRY_DISABLED: "1", ...env(port) }, url: `http://127.0.0.1:${port}/` });
  return { base: `http://127.0.0.1:${port}`, stop: server.stop };
}

for (const bundler of ["Turbopack", "webpack"]) {
  test(`next build (${bundler}), then next start and the standalone server`, async () => {
    const bundlerFlags = bundler === "webpack" ? ["--webpack"] : [];
    next(app, "build", ...bundlerFlags);
    // No path of the machine that built the app ships to browsers (webpack writes
    // `import.meta.url` as one; the package reads it nowhere there).
    for (const file of readdirSync(app.path(".next/static"), { recursive: true }).filter((name) => name.endsWith(".js"))) {
      assert.ok(!readFileSync(join(app.path(".next/static"), file), "utf8").includes(app.dir), `${file} holds ${app.dir}`);
    }

    const started = await serve(process.execPath, (port) => [app.path("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], app.dir, () => ({}));
    try {
      await assertRoutesWork(started.base);
      await assertPageWorks(started.base, "form", bundler);
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
        await assertRoutesWork(standalone.base);
        await assertPageWorks(standalone.base, "form");
      } finally {
        await standalone.stop();
      }
    } finally {
      rmSync(deployed, { recursive: true, force: true });
      rmSync(app.path(".next"), { recursive: true, force: true });
    }

    // The everything page, from an app of its own (above), served by `next start`.
    next(everythingApp, "build", ...bundlerFlags);
    const everything = await serve(process.execPath, (port) => [everythingApp.path("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], everythingApp.dir, () => ({}));
    try {
      await assertPageWorks(everything.base, "everything", bundler);
    } finally {
      await everything.stop();
      rmSync(everythingApp.path(".next"), { recursive: true, force: true });
    }
  });
}
