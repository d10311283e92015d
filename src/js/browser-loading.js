// What the browser entry's two modules share: the module with every schema, where a page loads it
// (browser-full.js sets it before its first await), for the open-types schemas to use as well.
export const loading = { full: undefined };
