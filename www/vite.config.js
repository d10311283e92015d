// Built with the repository's Vite (`make www`). Workers are ES modules, so the package's top-level
// `await` of its wasm works inside the file-checking worker too.
export default {
  base: "./",
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  worker: { format: "es" },
};
