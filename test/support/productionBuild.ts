/**
 * The add-in's production bundle, built once and reused while its inputs are unchanged: the manifest
 * test and the browser test both need it, and a build takes a minute or more on a busy 2-core machine.
 * Built with the project's webpack.config.js into node_modules/.cache (never into dist/, which people
 * use), keyed by a hash of every input; a lock folder lets test files in parallel workers wait for one
 * build instead of racing.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
const OUTPUT = path.join(ROOT, "node_modules", ".cache", "lac-addin-production");
const LOCK = `${OUTPUT}.lock`;
const STAMP = "build-inputs.sha256";
const STALE_LOCK_MS = 15 * 60_000;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function inputsHash(): string {
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(path.join(ROOT, "src")),
    ...filesUnder(path.join(ROOT, "assets")),
    ...["manifest.xml", "webpack.config.js", "tsconfig.json", "package-lock.json"].map((f) => path.join(ROOT, f)),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  hash.update(process.env.ADDIN_PRODUCTION_URL ?? "");
  return hash.digest("hex");
}

/** Runs webpack in its own Node process: inside jest's module sandbox a full build is many times slower. */
async function runWebpack(): Promise<void> {
  const cli = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--mode", "production", "--output-path", OUTPUT],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`The production build failed:\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
}

async function acquireLock(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** The folder holding the production build of the current sources (built now if needed). */
export async function productionBuild(): Promise<string> {
  const wanted = inputsHash();
  const fresh = () => existsSync(path.join(OUTPUT, STAMP)) && readFileSync(path.join(OUTPUT, STAMP), "utf8") === wanted;
  if (fresh()) return OUTPUT;
  await acquireLock();
  try {
    if (!fresh()) {
      await runWebpack();
      writeFileSync(path.join(OUTPUT, STAMP), wanted);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return OUTPUT;
}
