// `make bench`: our package against Zod 4.6.7 (and zod/mini, valibot, ajv) in one process, on the
// same inputs, with ratios; bulk validation; sizes; cold start. Numbers, never assertions: these
// machines are noisy, and a benchmark must not fail a build.
import { bench, run, summary, do_not_optimize } from "mitata";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditLogEntrySchema as ours } from "../pkg/index.mjs";
import { peers, zodEntry } from "./peers.mjs";
import { sizes, zodSchemaSource } from "./sizes.mjs";
import { pageSizes } from "./pages.mjs";
import { floorSafeParse } from "./floor.mjs";
import { bulkInputs, parseEachLine, safeParseEach, singleInputs as inputs, updateEntry } from "./inputs.mjs";

for (const [name, input] of Object.entries(inputs)) {
  const zodResult = zodEntry.safeParse(input);
  if (zodResult.success !== ours.safeParse(input).success) throw new Error(`ours and Zod disagree on ${name}`);
  if (!zodResult.success && name.includes("3 issues") && zodResult.error.issues.length !== 3) throw new Error("expected 3 issues");
}

// Single entries: safeParse, every peer in this one process (bench/pair.mjs runs ours and Zod alone);
// for invalid ones also with the error's issues read (ours and Zod), and for each the floor
// (floor.mjs: Zod's reads and data, nothing checked).
const single = {};
const floors = {};
for (const [name, input] of Object.entries(inputs)) {
  const valid = zodEntry.safeParse(input).success;
  summary(() => {
    single[name] = { ours: `ours: ${name}` };
    bench(`ours: ${name}`, () => do_not_optimize(ours.safeParse(input)));
    for (const [peer, validate] of Object.entries(peers)) {
      single[name][peer] = `${peer}: ${name}`;
      bench(`${peer}: ${name}`, () => do_not_optimize(validate(input)));
    }
    floors[name] = `floor: ${name}`;
    bench(floors[name], () => do_not_optimize(floorSafeParse(input, valid)));
  });
  if (valid) continue;
  const read = `${name}, error read`;
  summary(() => {
    single[read] = { ours: `ours: ${read}`, zod: `zod: ${read}` };
    bench(single[read].ours, () => do_not_optimize(ours.safeParse(input).error.issues));
    bench(single[read].zod, () => do_not_optimize(zodEntry.safeParse(input).error.issues));
  });
}

// Bulk: 100,000 entries, as an array and as NDJSON.
const { ndjson, bytes, array } = bulkInputs();
const megabytes = bytes.length / 1e6;
for (const input of [ndjson, bytes]) {
  const report = ours.validateNdjson(input);
  if (report.total !== 100_000 || report.valid !== ours.validateMany(array).valid) throw new Error("bulk counts disagree");
}
summary(() => {
  bench("ours: validateMany(100,000 objects)", () => do_not_optimize(ours.validateMany(array)));
  bench("zod: safeParse x 100,000 objects", () => safeParseEach(zodEntry, array));
});
summary(() => {
  bench("ours: validateNdjson(text)", () => do_not_optimize(ours.validateNdjson(ndjson)));
  bench("ours: validateNdjson(bytes)", () => do_not_optimize(ours.validateNdjson(bytes)));
  bench("zod: JSON.parse + safeParse per line", () => parseEachLine(zodEntry, ndjson));
});

const results = await run({ format: "quiet" });
// Each time as its mean (what throughput pays: the collections a library causes included) and its
// median (what a typical call takes: less moved by the noise of these shared machines).
const stats = new Map(results.benchmarks.map((b) => [b.alias, b.runs[0].stats]));
const mean = (alias) => stats.get(alias).avg;
const median = (alias) => stats.get(alias).p50;

const fmt = (ns) => (ns < 1000 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(2)} µs` : `${(ns / 1e6).toFixed(1)} ms`);
const ops = (ns) => `${(1e9 / ns).toLocaleString("en", { maximumFractionDigits: 0 })}/s`;
const ratios = (ours, peer) => `${(peer.avg / ours.avg).toFixed(2)}x, median ${(peer.p50 / ours.p50).toFixed(2)}x`;
console.log(`\nNode ${process.version}, ${process.arch}; mean time per call (mitata) and operations per second; how many times faster ours is (>1: ours is faster), by mean and by median\n`);
console.log(["input", "ours", ...Object.keys(peers).map((p) => `${p} (ratios)`)].join(" | "));
for (const [name, aliases] of Object.entries(single)) {
  const o = stats.get(aliases.ours);
  const cells = Object.keys(peers).map((p) => (aliases[p] ? `${fmt(mean(aliases[p]))} (${ratios(o, stats.get(aliases[p]))})` : "-"));
  console.log([name, `${fmt(o.avg)} = ${ops(o.avg)}`, ...cells].join(" | "));
}
const bulkRow = (label, ours, peer, peerLabel) => {
  const o = stats.get(ours), z = stats.get(peer);
  const mbps = (ns) => `${(megabytes / (ns / 1e9)).toFixed(0)} MB/s`;
  console.log(`  ${label.padEnd(22)} ours ${fmt(o.avg)} (${mbps(o.avg)})  ${peerLabel} ${fmt(z.avg)} (${mbps(z.avg)})  ratio ${ratios(o, z)}`);
};
console.log(`\nbulk, 100,000 entries (${megabytes.toFixed(1)} MB of NDJSON), mean time per run:`);
bulkRow("validateMany(array)", "ours: validateMany(100,000 objects)", "zod: safeParse x 100,000 objects", "Zod loop");
bulkRow("validateNdjson(text)", "ours: validateNdjson(text)", "zod: JSON.parse + safeParse per line", "JSON.parse+Zod");
bulkRow("validateNdjson(bytes)", "ours: validateNdjson(bytes)", "zod: JSON.parse + safeParse per line", "JSON.parse+Zod on the text");

// Ours and Zod alone in a fresh process: Zod's best case (see bench/pair.mjs). The single entries
// in three processes, each time the median of the three: one process's JIT decisions moved a ratio
// from 1.1x to 1.9x between two runs minutes apart.
const alone = (part) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(new URL("./pair.mjs", import.meta.url)), part], { encoding: "utf8" }));
const middle = (values) => values.sort((a, b) => a - b)[values.length >> 1];
/** A part of pair.mjs in three processes: each time the median of the three, by alias. */
const medianOfThree = (part) => {
  const runs = [alone(part), alone(part), alone(part)];
  return Object.fromEntries(Object.keys(runs[0]).map((alias) => [alias, { avg: middle(runs.map((r) => r[alias].avg)), p50: middle(runs.map((r) => r[alias].p50)) }]));
};
/** Each of ours beside Zod's, from pair.mjs's times. */
const printAlone = (times) => {
  for (const name of Object.keys(times).filter((k) => k.startsWith("ours|")).map((k) => k.slice(5))) {
    const o = times[`ours|${name}`], z = times[`zod|${name}`];
    console.log(`  ${name.padEnd(42)} ours ${fmt(o.avg).padStart(9)}  zod ${fmt(z.avg).padStart(9)}  ratio ${ratios(o, z)}`);
  }
};
const pair = { ...medianOfThree("single"), ...alone("bulk") };
console.log("\nours and Zod alone in a fresh process (single entries: the median of 3 processes; mean time per call; ratios >1: ours is faster):");
printAlone(pair);

// The browser's form entry (lean.js's parts: no fast checks, no compiled readers, issues built at
// once) over its module, alone with Zod: what a page's safeParse costs, made small for the download.
console.log("\nthe browser's form entry (lean.js's parts over the open-types module) and Zod alone in a fresh process (the median of 3 processes; ratios >1: ours is faster):");
printAlone(medianOfThree("form"));

const sizeTable = sizes();
console.log("\nsize (gzip -9):");
for (const [name, { raw, gzip }] of Object.entries(sizeTable)) {
  console.log(`  ${name.padEnd(42)} ${(raw / 1024).toFixed(1).padStart(6)} KB raw ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
}

// Cold start: a fresh Node process whose main module imports a module and validates one entry,
// timed from inside that main module, as an app's start-up pays it. (Timed from a `node -e`
// script, the first import() also starts Node's ES module loader: 5-6 ms more whatever is
// imported.) An empty module is timed as well, for what an import costs by itself.
const coldDir = mkdtempSync(join(tmpdir(), "auditlog-cold-"));
const coldStart = (module, name) => {
  const main = join(coldDir, "main.mjs");
  writeFileSync(main, `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(module).href)}); m[${JSON.stringify(name)}]?.safeParse(${JSON.stringify(updateEntry)}); console.log(performance.now() - t);`);
  const times = [];
  for (let i = 0; i < 15; i++) times.push(Number(execFileSync(process.execPath, [main], { encoding: "utf8" })));
  times.sort((a, b) => a - b);
  return `${times[7].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[14].toFixed(1)})`;
};
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
console.log("\ncold start (import + first safeParse, from a fresh process's main module, median of 15):");
const oursCold = coldStart(here("../pkg/index.mjs"), "auditLogEntrySchema");
console.log(`  auditlog-wasm     ${oursCold}`);
const zodModule = join(coldDir, "zod-entry.mjs");
writeFileSync(zodModule, zodSchemaSource(here("../node_modules/zod/index.js")));
console.log(`  Zod 4.6.7         ${coldStart(zodModule, "auditLogEntrySchema")}`);
console.log(`  an empty module   ${coldStart(here("./empty.mjs"), "none")}`);
rmSync(coldDir, { recursive: true, force: true });

// The single-entry targets: at least Zod's speed alone with it, twice it with every peer loaded,
// validateMany 1.5 times a safeParse loop, and a browser download of at most 16 KB.
const verdict = (met) => (met ? "met" : "NOT met");
// Beside each, the ratio the floor (floor.mjs) would reach: Zod's reads and data and the cheapest
// lazy failure we measured, with nothing checked.
console.log("\ntargets (medians):");
for (const name of Object.keys(inputs)) {
  const reads = [name, `${name}, error read`].filter((n) => single[n]);
  const ratio = (zod, ours) => `${(zod / ours).toFixed(2)}x`;
  const alone = reads.map((n) => `${n === name ? "" : "error read "}${ratio(pair[`zod|${n}`].p50, pair[`ours|${n}`].p50)}`);
  const aloneMet = reads.every((n) => pair[`zod|${n}`].p50 / pair[`ours|${n}`].p50 >= 1);
  const withAll = reads.map((n) => `${n === name ? "" : "error read "}${ratio(median(single[n].zod), median(single[n].ours))}`);
  const withAllMet = reads.every((n) => median(single[n].zod) / median(single[n].ours) >= 2);
  const floor = `floor ${fmt(median(floors[name]))}, ${ratio(median(single[name].zod), median(floors[name]))} Zod`;
  console.log(`  ${name}: alone with Zod ${alone.join(", ")} (1.0x: ${verdict(aloneMet)}); with every peer ${withAll.join(", ")} (2x: ${verdict(withAllMet)}; ${floor})`);
}
const many = pair["zod|validateMany(100,000 objects)"].p50 / pair["ours|validateMany(100,000 objects)"].p50;
console.log(`  validateMany against a safeParse loop, alone with Zod: ${many.toFixed(2)}x (1.5x: ${verdict(many >= 1.5)})`);
const download = sizeTable["auditlog-wasm: wasm + JS (browsers)"].gzip / 1024;
console.log(`  browser download (wasm + JS, gzip): ${download.toFixed(1)} KB (16 KB: ${verdict(download <= 16)}); cold start ${oursCold} (10 ms: ${verdict(Number(/^[\d.]+/.exec(oursCold)[0]) <= 10)})`);

// Each bundler's pages, as the size tests build and count them, beside the peers' schema bundles.
const zodKB = sizeTable["zod (schema bundle)"].gzip / 1024, miniKB = sizeTable["zod/mini (schema bundle)"].gzip / 1024, valibotKB = sizeTable["valibot (schema bundle)"].gzip / 1024;
console.log(`\nwhat each page downloads (gzip -9; built by each bundler with its defaults, and esbuild also with --splitting and --minify and Bun with --splitting, from the packed tarball, counted as headless Chromium receives it); beside Zod ${zodKB.toFixed(1)} KB, zod/mini ${miniKB.toFixed(1)} KB, valibot ${valibotKB.toFixed(1)} KB:`);
for (const { page, jsKB, wasmKB } of pageSizes()) {
  // The budgets: 13 KB for a form's page, 20 KB for the everything page; the every-export page,
  // which adds the batch functions, has none.
  const total = jsKB + wasmKB, goal = page.startsWith("everything: ") ? 20 : page.startsWith("every export: ") ? undefined : 13;
  console.log(`  ${page.padEnd(52)} JS ${jsKB.toFixed(1).padStart(5)} KB  wasm ${wasmKB.toFixed(1).padStart(5)} KB  total ${total.toFixed(1).padStart(5)} KB  ${(total / zodKB).toFixed(2)}x Zod's  (${goal === undefined ? "no budget" : `${goal} KB: ${verdict(total <= goal)}`})`);
}

// Memory: a million invalid and a million valid calls in a row.
execFileSync(process.execPath, [fileURLToPath(new URL("./memory.mjs", import.meta.url)), "1000000"], { stdio: "inherit" });
