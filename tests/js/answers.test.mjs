// AnswerBuilders (src/js/answers.js), which builds NDJSON lines' issues: an answer's value is the one
// decodeTokens reads from the same tokens, whether it is read, compiled or run compiled, and answers
// are told apart by every token but the addresses of their made strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AnswerBuilders } from "../../pkg/answers.js";
import { Shape, compileShape, decodeTokens } from "../../pkg/tokens.js";
import { TOKEN_ARRAY, TOKEN_FALSE, TOKEN_NUMBER, TOKEN_OBJECT, TOKEN_STATIC_STR, TOKEN_STR, TOKEN_TRUE } from "../../pkg/protocol.js";

// A module's memory, as far as answers see it: static strings at fixed addresses, made strings
// wherever the last call put them.
const statics = new Map(), made = new Map();
let free = 64;
const fixed = (text) => {
  const found = [...statics].find(([, t]) => t === text);
  if (found) return [TOKEN_STATIC_STR, found[0], text.length];
  statics.set(free, text);
  free += text.length + 1;
  return [TOKEN_STATIC_STR, free - text.length - 1, text.length];
};
const madeAt = (address, text) => (made.set(address, text), [TOKEN_STR, address, text.length]);
const string = (isStatic, address) => (isStatic ? statics : made).get(address);
const object = (...entries) => [TOKEN_OBJECT, entries.length / 2, ...entries.flat()];
const array = (...items) => [TOKEN_ARRAY, items.length, ...items.flat()];
const issue = (path, ...more) => object(fixed("code"), fixed("invalid_type"), fixed("path"), array(...path), fixed("message"), fixed("Invalid input"), ...more);

const answers = {
  first: array(issue([fixed("a")])),
  // The same but for one static string near the end.
  otherField: array(issue([fixed("b")])),
  twoIssues: array(issue([fixed("a")]), issue([fixed("b")], fixed("minimum"), [TOKEN_NUMBER, 3], fixed("inclusive"), [TOKEN_TRUE])),
  recordKey: array(issue([fixed("changes"), madeAt(5000, "status")])),
  // Of recordKey's kind: only its made string differs, in text and address.
  otherKey: array(issue([fixed("changes"), madeAt(6000, "stale")])),
  scalars: array(object(fixed("n"), [TOKEN_NUMBER, 4294967295], fixed("no"), [TOKEN_FALSE], fixed("list"), array(madeAt(7000, "x"), [TOKEN_NUMBER, 0]))),
};

for (const [name, hash] of [["tokensHash", undefined], ["one hash for every answer", () => 0]]) {
  test(`answers read, compiled and run compiled are decodeTokens' values, each its own (${name})`, () => {
    const builders = new AnswerBuilders(new Shape(compileShape), hash);
    const memory = new Uint32Array(4096);
    const results = new Map();
    // Each answer three times (read, then compiled, then run compiled), in turns, at other places.
    for (let round = 0; round < 3; round++) {
      for (const [key, tokens] of Object.entries(answers)) {
        const at = 17 + round * 300 + Object.keys(answers).indexOf(key) * 40;
        memory.fill(99);
        memory.set(tokens, at);
        const value = builders.value(memory, at, at + tokens.length, string);
        assert.deepEqual(value, decodeTokens(memory, at, at + tokens.length, [], string, new Shape(compileShape)), `${key}, round ${round}`);
        for (const earlier of results.get(key) ?? []) assert.notEqual(value, earlier);
        results.set(key, [...(results.get(key) ?? []), value]);
      }
    }
    assert.deepEqual(results.get("recordKey")[2][0].path, ["changes", "status"]);
    assert.deepEqual(results.get("otherKey")[2][0].path, ["changes", "stale"]);
    assert.deepEqual(results.get("otherField")[2][0].path, ["b"]);
    assert.equal(results.get("scalars")[2][0].n, 4294967295);
  });
}

test("the workers' made strings, given in order whatever their address, go where decodeTokens puts them", () => {
  const builders = new AnswerBuilders(new Shape(compileShape));
  const tokens = array(issue([fixed("changes"), madeAt(1, "ignored")]), issue([madeAt(2, "ignored")], fixed("key"), madeAt(3, "ignored")));
  const u32 = Uint32Array.from(tokens);
  for (let round = 0; round < 3; round++) {
    const texts = [`first ${round}`, `second ${round}`, `third ${round}`];
    let next = 0;
    const inOrder = (isStatic, address) => (isStatic ? statics.get(address) : texts[next++]);
    const value = builders.value(u32, 0, u32.length, inOrder);
    assert.deepEqual([value[0].path, value[1].path, value[1].key], [["changes", `first ${round}`], [`second ${round}`], `third ${round}`], `round ${round}`);
    assert.equal(next, 3);
  }
});

/** How many times `f` asks for code generation (compile.js's `new Function`). */
function compilations(f) {
  const realFunction = globalThis.Function;
  let count = 0;
  globalThis.Function = function (...args) {
    count++;
    return new realFunction(...args);
  };
  try {
    f();
  } finally {
    globalThis.Function = realFunction;
  }
  return count;
}

test("kinds seen once do not keep a common kind from being compiled, and long answers are only read", () => {
  const builders = new AnswerBuilders(new Shape(compileShape));
  const at = (tokens) => [Uint32Array.from(tokens), 0, tokens.length, string];
  // The issues' shapes made first (decodeTokens compiles each object shape once, tokens.js).
  for (const tokens of [array(issue([fixed("a")], fixed("minimum"), [TOKEN_NUMBER, 0])), array(issue([fixed("a")]))]) decodeTokens(...at(tokens).slice(0, 3), [], string, builders.shapes);
  // More kinds than are remembered, each seen once (each issue's minimum differs).
  const once = Array.from({ length: 1000 }, (_, n) => array(issue([fixed("a")], fixed("minimum"), [TOKEN_NUMBER, n])));
  assert.equal(compilations(() => once.forEach((tokens) => builders.value(...at(tokens)))), 0);
  // Then one seen twice: compiled, and run.
  const common = array(issue([fixed("common")]));
  const expected = (tokens) => decodeTokens(...at(tokens).slice(0, 3), [], string, builders.shapes);
  const commonValue = expected(common);
  assert.equal(compilations(() => [1, 2, 3].forEach(() => assert.deepEqual(builders.value(...at(common)), commonValue))), 1);
  // An answer of many issues (a record with many bad items), seen again and again: read each time.
  const long = array(...Array.from({ length: 100 }, (_, n) => issue([fixed("resources"), [TOKEN_NUMBER, n]])));
  assert.ok(long.length > 512);
  const longValue = expected(long);
  assert.equal(compilations(() => [1, 2, 3].forEach(() => assert.deepEqual(builders.value(...at(long)), longValue))), 0);
});
