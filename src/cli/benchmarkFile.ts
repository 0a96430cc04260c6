/**
 * The benchmark data for the command line: the same file the add-in fetches, read from the project
 * folder (assets/data/benchmarks-v1.json) once per process.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { benchmarkIndex, checkBenchmarkData, type BenchmarkIndex } from "../core/benchmarks";
import { CliError } from "../xlsx/errors";

export const BENCHMARK_FILE = path.join("assets", "data", "benchmarks-v1.json");

let kept: BenchmarkIndex | null = null;

/** The project's data file, found from here whether this runs from src/ or dist/src/. */
function projectFile(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, BENCHMARK_FILE);
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir)
      throw new CliError(
        `Could not find ${BENCHMARK_FILE} in the lac-sufficiency folder. Run \`npm run data\` in the project folder to make it.`,
      );
  }
}

/** Reads and checks the data file (a given file, or the project's); the project's is kept for later calls. */
export function readBenchmarkFile(file?: string): BenchmarkIndex {
  if (!file && kept) return kept;
  const where = file ?? projectFile();
  let text: string;
  try {
    text = readFileSync(where, "utf8");
  } catch (error) {
    throw new CliError(
      `Could not read the benchmark data file ${where}: ${error instanceof Error ? error.message : String(error)}. Run \`npm run data\` in the project folder to make it.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `The benchmark data file ${where} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Run \`npm run data\` to make it again.`,
    );
  }
  const index = benchmarkIndex(checkBenchmarkData(json));
  if (!file) kept = index;
  return index;
}
