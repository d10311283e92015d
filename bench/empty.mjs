// An empty module: bench.mjs times importing it, which is what Node itself costs on the first import().
