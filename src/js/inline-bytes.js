// The module's bytes, carried inside JavaScript as base64 text, for the entries that cannot load a
// .wasm file: a bundle has no file beside it to read, and not every bundler emits one.

/** Bytes from base64: the engine's own decoder where it has one (fast), else atob. */
export function bytesFromBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  // Node's Buffer decodes in a fraction of a millisecond; the atob loop below takes a few. Read from
  // globalThis, so that no bundler sees a free `Buffer` and adds a polyfill for it.
  const { Buffer } = globalThis;
  if (typeof Buffer === "function") return Buffer.from(text, "base64");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Bytes from base64 of deflate-raw data. Compressed first, the text gzips to about the size of the
 * .wasm file itself (base64 of the raw module gzips to about a third more: 17,364 against 12,864 B
 * for the module with every schema when last measured).
 */
export async function inflateBase64(text) {
  const stream = new Blob([bytesFromBase64(text)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).arrayBuffer();
}
