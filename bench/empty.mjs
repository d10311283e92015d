// An empty module: bench.mjs times importing it, for what an import costs by itself.
