/**
 * Runs one command-line build in this process (the bench's child) and prints, as one JSON line, its
 * exit code, first line of error and its own peak memory and CPU time: the parent's figures would
 * include generating the input.
 */
import { main } from "../src/cli/cli";

async function run(): Promise<void> {
  const errors: string[] = [];
  let lines = 0;
  const exitCode = await main(process.argv.slice(2), { out: () => (lines += 1), err: (line) => errors.push(line) });
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ exitCode, outputLines: lines, error: errors[0] ?? null, peakRssMb: Math.round(usage.maxRSS / 1024), cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`,
  );
}

void run();
