/**
 * `npm run bench [-- FILTER]`: runs every case of bench/cases/*.ts, each in its own Node process, and
 * prints one JSON line per case (median time of several runs, peak resident memory, the issue's target).
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { BenchCase } from "./types";

async function main(): Promise<void> {
  const filter = process.argv[2];
  const dir = path.join(__dirname, "cases");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort();
  let failed = 0;
  for (const file of files) {
    const full = path.join(dir, file);
    const mod = (await import(full)) as { cases: BenchCase[] };
    for (const benchCase of mod.cases) {
      if (filter && !benchCase.name.includes(filter) && !file.includes(filter)) continue;
      try {
        const out = execFileSync(
          process.execPath,
          ["--expose-gc", "--max-old-space-size=4096", path.join(__dirname, "worker.js"), full, benchCase.name],
          {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        process.stdout.write(out);
      } catch {
        failed += 1;
        process.stdout.write(
          `${JSON.stringify({ case: benchCase.name, issue: benchCase.issue, error: "failed, see stderr" })}\n`,
        );
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
