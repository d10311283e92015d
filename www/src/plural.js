// Counts in the page's words: `count(1, "record")` is "1 record", `count(2, "record")` "2 records",
// `count(1, "entry", "entries")` "1 entry". `noun` is the word alone, for counts laid out apart.

/** `one` when `n` is 1, else `many` (by default `one` with an s). */
export const noun = (n, one, many = `${one}s`) => (n === 1 ? one : many);

/** `n` (grouped as in English: 5,000) and its noun. */
export const count = (n, one, many) => `${n.toLocaleString("en")} ${noun(n, one, many)}`;
