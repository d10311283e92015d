// Node ESM re-exports the CommonJS build, so `import` and `require` share one wasm instance (and one
// AuditLogError class) in a process that uses both. Node finds its names in the bundle's export list.
export * from "./node.cjs";
