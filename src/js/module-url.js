// This module's own URL. browser.js compares it with its own: they differ while the package's files
// are served as they are (each module is its own file, and the .wasm file is beside them), and are
// equal once a bundler has put both into one file. webpack writes `import.meta.url` as the module's
// path on the machine that built the page, which would ship in the page; there the .wasm file's URL
// is always rewritten (load-module.js), so neither URL is needed, and neither is written.
export const moduleUrl = import.meta.webpack ? undefined : import.meta.url;
