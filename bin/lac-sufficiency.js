#!/usr/bin/env node
"use strict";
// The npm bin: runs the compiled command line (npm run build:cli compiles src/ to dist/).
// The project's .npmrc turns npm's lifecycle scripts off, so the `prepare` script that builds it does not
// run on `npm ci` here: when the compiled command line is missing and TypeScript is installed beside the
// project, the first run compiles it, so that `npx lac-sufficiency` works straight after `npm ci`.
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "dist", "src", "cli", "cli.js");
const project = path.join(root, "tsconfig.cli.json");

/** The TypeScript compiler of the project's own node_modules, or null outside a development install. */
function findCompiler() {
  if (!fs.existsSync(project)) return null;
  try {
    return require.resolve("typescript/bin/tsc", { paths: [root] });
  } catch {
    return null;
  }
}

/** Compiles the command line as `npm run build:cli` does; the compiler's messages go to stderr. */
function compile(compiler) {
  process.stderr.write("lac-sufficiency: compiling the command line first (npm run build:cli)...\n");
  const result = spawnSync(process.execPath, [compiler, "-p", project], { cwd: root, stdio: ["ignore", 2, 2] });
  return result.status === 0 && fs.existsSync(compiled);
}

if (!fs.existsSync(compiled)) {
  const compiler = findCompiler();
  if (compiler === null) {
    process.stderr.write("lac-sufficiency is not built yet: run `npm run build:cli` in the project folder first.\n");
    process.exitCode = 1;
  } else if (!compile(compiler)) {
    process.stderr.write(
      "lac-sufficiency could not be compiled (the compiler's messages are above): fix them and run `npm run build:cli`.\n",
    );
    process.exitCode = 1;
  }
}
if (process.exitCode === undefined) {
  require(compiled)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
