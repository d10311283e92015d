// Built with the repository's Vite (`make www`). Workers are ES modules, so the package's top-level
// `await` of its wasm works inside the file-checking worker too. `api/` is the service
// (`auditlog serve`), proxied so the page reaches it on its own origin: AUDITLOG_SERVICE says where
// it runs, and the proxy adds the API key AUDITLOG_KEY to each request (the page holds no key;
// `make demo` starts both, with a demo key it makes).
const service = process.env.AUDITLOG_SERVICE ?? "http://127.0.0.1:8080";
const headers = process.env.AUDITLOG_KEY ? { authorization: `Bearer ${process.env.AUDITLOG_KEY}` } : {};
const proxy = { "/api": { target: service, headers, rewrite: (path) => path.replace(/^\/api/, "") } };

export default {
  base: "./",
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  worker: { format: "es" },
  server: { proxy },
  preview: { proxy },
};
