// This module's own URL. browser.js compares it with its own: they differ while the package's files
// are served as they are (each module is its own file, and the .wasm file is beside them), and are
// equal once a bundler has put both into one file.
export const moduleUrl = import.meta.url;
