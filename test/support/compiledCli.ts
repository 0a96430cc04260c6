/**
 * The command line compiled as `npm run build:cli` would (transpiled only) into a folder inside the
 * project, so the compiled code finds node_modules and examples/, for tests that run it as a process.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const COMPILED_FOLDERS = ["src/core", "src/sources", "src/workbook", "src/xlsx", "src/cli"];

function transpileFolder(folder: string, build: string): void {
  for (const entry of readdirSync(path.join(ROOT, folder))) {
    const source = path.join(folder, entry);
    if (statSync(path.join(ROOT, source)).isDirectory()) {
      transpileFolder(source, build);
      continue;
    }
    if (!entry.endsWith(".ts")) continue;
    const { outputText } = ts.transpileModule(readFileSync(path.join(ROOT, source), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
      fileName: source,
    });
    const target = path.join(build, "dist", source.replace(/\.ts$/, ".js"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}

/** Compiles the CLI into .tmp/NAME-PID; returns the bin script to run and a function removing the build. */
export function compileCli(name: string): { bin: string; root: string; remove: () => void } {
  const build = path.join(ROOT, ".tmp", `${name}-${process.pid}`);
  for (const folder of COMPILED_FOLDERS) transpileFolder(folder, build);
  const bin = path.join(build, "bin", "lac-sufficiency.js");
  mkdirSync(path.dirname(bin), { recursive: true });
  copyFileSync(path.join(ROOT, "bin", "lac-sufficiency.js"), bin);
  return { bin, root: ROOT, remove: () => rmSync(build, { recursive: true, force: true }) };
}
