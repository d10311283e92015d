// validateNdjson on each of the files named in argv[2] (JSON: name -> path), in a fresh process
// (run by files.mjs): the best and the median of 15 runs each. For the file named "invalid", also
// the floor of its report: the same objects made in plain JavaScript, checking nothing. Prints the
// times as JSON.
import { readFileSync } from "node:fs";
import { auditLogEntrySchema } from "../pkg/node.mjs";

const RUNS = 15;

function timesOf(f) {
  const all = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    f();
    all.push(performance.now() - start);
  }
  all.sort((a, b) => a - b);
  return { best: all[0], median: all[RUNS >> 1] };
}

// A line's issues made as validateNdjson makes them when lines fail alike: one array literal of
// constants (JSON text is a JavaScript literal but for a `__proto__` key, not in these issues). One
// function per distinct list of issues, made before timing.
const makers = new Map();
function makerOf(issues) {
  const text = JSON.stringify(issues);
  if (!makers.has(text)) makers.set(text, new Function(`return ${text};`));
  return makers.get(text);
}

/**
 * The report's lines made again: each object validateNdjson makes for them (a line, its issues
 * array, each issue, its path and values arrays), and nothing else. What making and holding that
 * many objects costs by itself. `makers[n]` makes line n's issues.
 */
function remakeLines(lines, makers) {
  const made = [];
  for (let n = 0; n < lines.length; n++) made.push({ line: lines[n].line, issues: makers[n]() });
  return made;
}

const times = {};
for (const [name, path] of Object.entries(JSON.parse(process.argv[2]))) {
  const bytes = new Uint8Array(readFileSync(path));
  times[name] = timesOf(() => auditLogEntrySchema.validateNdjson(bytes));
  if (name === "invalid") {
    const { lines } = auditLogEntrySchema.validateNdjson(bytes);
    const linesMakers = lines.map(({ issues }) => makerOf(issues));
    times.reportFloor = timesOf(() => remakeLines(lines, linesMakers));
  }
}
console.log(JSON.stringify(times));
