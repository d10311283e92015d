// AnswerBuilders (src/js/answers.js), which builds NDJSON lines' issues: an answer's value is the one
// decodeTokens reads from the same tokens, whether it is read, compiled or run compiled, and answers
// are told apart by every token but the addresses of their made strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AnswerBuilders } from "../../pkg/answers.js";
import { Shape, decodeTokens } from "../../pkg/tokens.js";
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
    const builders = new AnswerBuilders(new Shape(), hash);
    const memory = new Uint32Array(4096);
    const results = new Map();
    // Each answer three times (read, then compiled, then run compiled), in turns, at other places.
    for (let round = 0; round < 3; round++) {
      for (const [key, tokens] of Object.entries(answers)) {
        const at = 17 + round * 300 + Object.keys(answers).indexOf(key) * 40;
        memory.fill(99);
        memory.set(tokens, at);
        const value = builders.value(memory, at, at + tokens.length, string);
        assert.deepEqual(value, decodeTokens(memory, at, at + tokens.length, [], string, new Shape()), `${key}, round ${round}`);
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
