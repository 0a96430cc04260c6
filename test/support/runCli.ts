/** Runs the command line in-process, as `lac-sufficiency ARGS` would, and gives its exit code and output. */
import { main } from "../../src/cli/cli";

export async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { out: (line) => stdout.push(line), err: (line) => stderr.push(line) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}
