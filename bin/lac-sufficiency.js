#!/usr/bin/env node
"use strict";
// The npm bin: runs the compiled command line (npm run build:cli compiles src/ to dist/).
const fs = require("node:fs");
const path = require("node:path");

const compiled = path.join(__dirname, "..", "dist", "src", "cli", "cli.js");
if (!fs.existsSync(compiled)) {
  process.stderr.write("lac-sufficiency is not built yet: run `npm run build:cli` in the project folder first.\n");
  process.exitCode = 1;
} else {
  require(compiled)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
