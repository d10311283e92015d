// Every code example in the READMEs and docs/ runs as written, so one that stops working fails CI:
// - JavaScript blocks run in a throw-away project that installed the `npm pack` tarball (`.mjs`, or
//   `.cjs` for a block that calls `require`), with `export.ndjson` (the demo's sample of entries);
// - shell blocks run with bash (`set -o pipefail`) from the repository's root, but for the lines
//   `make pkg`, `make demo` and `make test`, which `make test` runs itself (make demo as its smoke
//   mode), before this test;
// - the `toml` block that declares the crate as a dependency becomes a throw-away Cargo project whose
//   `main.rs` is the README's Rust example;
// - a `text` block right after a code block is what that code prints, exactly;
// - the README's `python` block (the Spark example) runs on a two-executor Spark cluster in
//   `make test-spark` (python/tests_spark/test_readme.py), which checks its `text` block.
// An HTML comment right before a block says what it needs: `<!-- needs: service -->` (the service,
// `auditlog serve`, runs on a free port, and the block's 127.0.0.1:8080 is that port; the block's
// environment has AUDITLOG_DB, the service's database, where `auditlog keys create` makes keys the
// service takes, and AUDITLOG_KEY, a write key of the workspace ws_1 made so) or `<!-- exit N -->`
// (its failing commands fail with status N, as `auditlog check` does when values are invalid, and
// one does). The Rust blocks are doctests (src/lib.rs, `documentation_examples`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, repo } from "./project.mjs";
import { startService } from "../service.mjs";

const documents = ["README.md", "src/js/README.md", "CONTRIBUTING.md", "bench/README.md", ...readdirSync(join(repo, "docs"), { recursive: true }).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** The fenced blocks of a Markdown text, text blocks included: `{ lang, code, line, needs, exit, output }`. */
function fenced(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]);
    const directive = /^<!--\s*(.*?)\s*-->$/.exec(lines[start - 1] ?? "")?.[1] ?? "";
    blocks.push({
      lang: open[1].split(",")[0],
      code: body.join("\n") + "\n",
      line: start + 1,
      start,
      end: i,
      needs: /^needs: (\w+)/.exec(directive)?.[1],
      exit: Number(/^exit (\d+)/.exec(directive)?.[1] ?? 0),
    });
  }
  // A text block that follows a code block with nothing but blank lines between is its output.
  for (let b = 1; b < blocks.length; b++) {
    const gap = lines.slice(blocks[b - 1].end + 1, blocks[b].start);
    if (blocks[b].lang === "text" && gap.every((l) => l.trim() === "")) blocks[b - 1].output = blocks[b].code;
  }
  return blocks;
}

/** The code blocks of a Markdown text (a text block is the output of the one before it). */
const examples = (markdown) => fenced(markdown).filter((block) => block.lang !== "text");

const all = documents.flatMap((document) => examples(readFileSync(join(repo, document), "utf8")).map((block) => ({ ...block, document })));
const where = (block) => `${block.document}:${block.line}`;

test("every code block of the documents is found, and is of a kind this test runs", () => {
  for (const document of documents) {
    const markdown = readFileSync(join(repo, document), "utf8");
    // Fences anywhere (indented, ~~~, a trailing space) count: each must be one this parser reads.
    const fences = markdown.split("\n").filter((line) => /^\s*(```|~~~)/.test(line)).length;
    assert.equal(fences, 2 * fenced(markdown).length, `${document}: a fence this test does not read`);
  }
  const unknown = all.filter(
    (block) =>
      !["js", "sh", "rust"].includes(block.lang) &&
      !(block.lang === "toml" && block === dependencyBlock()) &&
      !(block.lang === "python" && block.document === "README.md"),
  );
  // The Spark test runs exactly one python block of the README: a second would go unrun.
  assert.equal(all.filter((b) => b.lang === "python").length, 1, "the README's one python block");
  const sparkTest = readFileSync(join(repo, "python/tests_spark/test_readme.py"), "utf8");
  assert.ok(sparkTest.includes('"README.md"'), "python/tests_spark/test_readme.py runs the README's python block");
  assert.deepEqual(unknown.map(where), []);
  assert.ok(all.filter((b) => b.lang === "js").length >= 10, "the JavaScript examples were found");
  // The Rust blocks run as doctests: each document that has one is in src/lib.rs's list.
  const lib = readFileSync(join(repo, "src/lib.rs"), "utf8");
  for (const document of new Set(all.filter((b) => b.lang === "rust").map((b) => b.document))) {
    assert.ok(lib.includes(`include_str!("../${document}")`), `${document}'s Rust examples are not doctests (src/lib.rs, documentation_examples)`);
  }
});

/** The README's block that declares the crate as a dependency (the one toml block there may be). */
function dependencyBlock() {
  return all.find((b) => b.document === "README.md" && b.lang === "toml" && b.code.includes("[dependencies]"));
}

/** Runs `fn(code, env)` with the service's URL in place of 127.0.0.1:8080 when the block needs it. */
async function withService(block, fn) {
  if (block.needs === undefined) return fn(block.code, process.env);
  assert.equal(block.needs, "service", `${where(block)}: unknown need`);
  const service = await startService({ workspace: "ws_1" });
  try {
    const env = { ...process.env, AUDITLOG_DB: service.database, AUDITLOG_KEY: service.key };
    return await fn(block.code.replaceAll("http://127.0.0.1:8080", service.url), env);
  } finally {
    await service.stop();
  }
}

function check(block, run) {
  assert.equal(run.error, undefined, `${where(block)}: ${run.error}`);
  assert.equal(run.status, 0, `${where(block)} exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
  if (block.output !== undefined) assert.equal(run.stdout, block.output, `${where(block)}: what it prints`);
}

test("every JavaScript example runs against the packed package and prints what its document says", async () => {
  const user = project("docs-examples");
  try {
    copyFileSync(join(repo, "www/public/samples/entries-5000.ndjson"), user.path("export.ndjson"));
    const failures = [];
    for (const [n, block] of all.filter((b) => b.lang === "js").entries()) {
      await withService(block, (code, env) => {
        const commonJs = !/^import\b/m.test(code) && /\brequire\(/.test(code);
        const file = user.path(`example-${n}.${commonJs ? "cjs" : "mjs"}`);
        writeFileSync(file, code);
        try {
          check(block, spawnSync(process.execPath, [file], { cwd: user.dir, env, encoding: "utf8", timeout: 60_000 }));
        } catch (error) {
          failures.push(error.message);
        }
      });
    }
    assert.deepEqual(failures, []);
  } finally {
    user.remove();
  }
});

test("every shell example runs from the repository's root", async () => {
  const failures = [];
  for (const block of all.filter((b) => b.lang === "sh")) {
    await withService(block, (code, env) => {
      code = code.replace(/^make (pkg|demo|test)( +#.*)?$/gm, ": $&");
      // Each failing command must fail with the block's exit status, and one must when it is not 0.
      const script = `set -o pipefail\nfailed=0\ntrap 'status=$?; [ "$status" -eq ${block.exit} ] && [ ${block.exit} -ne 0 ] || exit $status; failed=1' ERR\n${code}\n[ ${block.exit} -eq 0 ] || [ $failed -eq 1 ] || { echo "no command exited ${block.exit}" >&2; exit 97; }\n`;
      try {
        check(block, spawnSync("bash", ["-c", script], { cwd: repo, env, encoding: "utf8", timeout: 600_000, maxBuffer: 64 << 20 }));
      } catch (error) {
        failures.push(error.message);
      }
    });
  }
  assert.deepEqual(failures, []);
});

test("a Cargo project that depends on the crate as the README says builds and runs the README's Rust example", () => {
  const readme = all.filter((b) => b.document === "README.md");
  const manifest = dependencyBlock();
  const main = readme.find((b) => b.lang === "rust");
  assert.ok(manifest && main, "the README has the dependency and the example");
  const dir = join(repo, "target/docs-examples/crate");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  const dependency = manifest.code.replace(/path = "[^"]*"/, `path = ${JSON.stringify(repo)}`);
  writeFileSync(join(dir, "Cargo.toml"), `[package]\nname = "user-service"\nversion = "0.0.0"\nedition = "2024"\n\n${dependency}\n[workspace]\n`);
  writeFileSync(join(dir, "src/main.rs"), main.code);
  // The repository's lock, so the project builds with the versions everything else is tested with;
  // a target folder of its own, as a user's project has (in the repository's, where other feature
  // sets of the same crates are built, rustc saw two serde_json crates).
  copyFileSync(join(repo, "Cargo.lock"), join(dir, "Cargo.lock"));
  const run = spawnSync("cargo", ["run", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, CARGO_TARGET_DIR: join(repo, "target/docs-examples/target") }, timeout: 900_000 });
  check({ ...main, document: "README.md (as a Cargo project)" }, run);
  assert.match(run.stdout, /"message":"Audit log ID is required"/);
});
