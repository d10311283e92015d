// Built with the repository's Vite (`make www`). Workers are ES modules, so the package's top-level
// `await` of its wasm works inside the file-checking worker too. `api/` is the example service
// (examples/server/), proxied so the page reaches it on its own origin: AUDITLOG_SERVICE says where
// it runs (`make demo` starts both and sets it).
const service = process.env.AUDITLOG_SERVICE ?? "http://127.0.0.1:8080";
const proxy = { "/api": { target: service, rewrite: (path) => path.replace(/^\/api/, "") } };

export default {
  base: "./",
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  worker: { format: "es" },
  server: { proxy },
  preview: { proxy },
};
