// What each compatibility page downloads, as the size tests count it: the form page (the entry
// schema, safeParse, its issues and flattenError), the everything page (both schemas, JSON Schema
// and every error helper) and the every-export page (the batch functions too), built from
// the packed tarball by each bundler with its defaults (esbuild also with --splitting and --minify, Bun with --splitting) and loaded in headless Chromium
// (tests/js/compat/bundlers.test.mjs, nextjs.test.mjs). The tests build and measure the pages; this
// runs them and collects the rows they note (project.mjs notePageSizes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** `[{ page, jsKB, wasmKB }]`, each bundler's pages in the tests' order. */
export function pageSizes() {
  const dir = mkdtempSync(join(tmpdir(), "auditlog-pages-"));
  const file = join(dir, "sizes.jsonl");
  try {
    const tests = ["tests/js/compat/bundlers.test.mjs", "tests/js/compat/nextjs.test.mjs"];
    execFileSync(process.execPath, ["--test", "--test-concurrency=1", ...tests], { cwd: root, env: { ...process.env, AUDITLOG_PAGE_SIZES: file }, stdio: ["ignore", "ignore", "inherit"] });
    return readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
