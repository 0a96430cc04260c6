/** Running the command line in-process on generated files, for the robustness tests. */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/cli";
import type { Output } from "../../src/cli/commands";

export const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
export const ASSUMPTIONS = path.join("examples", "sample-assumptions.json");

export async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Output = { out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  const code = await main(args, io);
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

export function freshFolder(prefix = "lac-robust-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Temporary files of this tool left in a folder (`.NAME.PID.tmp`). */
export function temporaryFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => /\.tmp$/.test(name));
}
