// Types and package hygiene, on the packed tarball: TypeScript 5.9 and 7 compile an ES module and a
// CommonJS file that use the package (tests/types/: the generated types and the open-types
// types are assignable both ways) under each module resolution, strict and without skipLibCheck;
// publint and @arethetypeswrong/cli report no problem.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { project, repo, run, tarball, tool, write } from "./project.mjs";

let app;
before(() => {
  app = project("types");
  cpSync(join(repo, "tests/types"), app.path("src"), { recursive: true });
});
after(() => app?.remove());

const compilers = {
  "TypeScript 5.9": tool("typescript-5/bin/tsc"),
  "TypeScript 7": join(repo, "node_modules/typescript/bin/tsc"),
};
// `bundler` resolution needs an ES `module` setting; `preserve` also allows `import x = require()` in .cts.
const resolutions = { bundler: "preserve", node16: "node16", nodenext: "nodenext" };

for (const [compiler, tsc] of Object.entries(compilers)) {
  for (const [moduleResolution, module] of Object.entries(resolutions)) {
    test(`${compiler}, moduleResolution ${moduleResolution}: an ES module and a CommonJS file`, () => {
      const config = `tsconfig.${moduleResolution}.json`;
      write(
        app.dir,
        config,
        JSON.stringify({
          compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noEmit: true, module, moduleResolution, target: "es2022", skipLibCheck: false, types: [] },
          include: ["src/*.ts", "src/*.cts"],
        }),
      );
      // tsc exits non-zero, and run() throws with its report, on any type error.
      run(tsc, ["-p", config], { cwd: app.dir });
    });
  }
}

test("publint: no problem, suggestions included", () => {
  const report = run(process.execPath, [tool("publint/src/cli.js"), "run", tarball(), "--level", "suggestion"], { cwd: app.dir });
  assert.match(report, /All good!/, report);
});

test("@arethetypeswrong/cli: no problem in any module resolution", () => {
  const report = run(process.execPath, [tool("@arethetypeswrong/cli/dist/index.js"), tarball(), "--format", "table-flipped"], { cwd: app.dir });
  assert.match(report, /No problems found/, report);
});
