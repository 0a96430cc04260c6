/** Runs one benchmark case in this process and prints its JSON line (see bench/run.ts). */
import { performance } from "node:perf_hooks";
import type { BenchCase } from "./types";

async function main(): Promise<void> {
  const [file, name] = process.argv.slice(2);
  const mod = (await import(file)) as { cases: BenchCase[] };
  const benchCase = mod.cases.find((c) => c.name === name);
  if (!benchCase) throw new Error(`no case ${name} in ${file}`);
  const state = await benchCase.setup();
  const runs = benchCase.runs ?? 5;
  const times: number[] = [];
  let figures: unknown;
  for (let i = 0; i < runs; i += 1) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    figures = await benchCase.run(state);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  const line = {
    case: benchCase.name,
    issue: benchCase.issue,
    medianMs: Math.round(medianMs * 10) / 10,
    minMs: Math.round(times[0] * 10) / 10,
    runs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    target: benchCase.target ?? null,
    ...(figures && typeof figures === "object" ? figures : {}),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
