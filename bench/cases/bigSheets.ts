/**
 * Issue 11's big and sparse sheets, built end to end on the command line (`lac-sufficiency build`), each
 * build in a child process of its own so that its peak memory is the build's and not the generator's:
 * a 150,000-line ledger export, a sheet holding only A1 and XFD1048576 beside a budget table, a sheet of
 * 1,048,576 rows in one column beside a budget table (read), and a ledger of 1,048,575 lines (refused
 * with the limit named). `childPeakRssMb` is the worst build's peak; `childCpuMs` its median CPU time.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchCase } from "../types";
import { budgetSheet, cellsSheet, ledgerSheet, rawWorkbook, type RawSheet } from "../inputs/bigSheets";

interface ChildFigures {
  exitCode: number;
  error: string | null;
  peakRssMb: number;
  cpuMs: number;
}

interface State {
  input: string;
  output: string;
  builds: ChildFigures[];
}

async function written(name: string, sheets: RawSheet[]): Promise<State> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lac-bench-"));
  // The worker runs one case and exits: its inputs (up to 60 MB) go with it.
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const input = path.join(dir, `${name}.xlsx`);
  writeFileSync(input, await rawWorkbook(sheets));
  return { input, output: path.join(dir, `${name}-built.xlsx`), builds: [] };
}

function build(state: State): ChildFigures & { childPeakRssMb: number; childCpuMs: number } {
  const out = execFileSync(
    process.execPath,
    [path.join(__dirname, "..", "buildChild.js"), "build", state.input, "-o", state.output],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const figures = JSON.parse(out) as ChildFigures;
  state.builds.push(figures);
  const cpu = state.builds.map((b) => b.cpuMs).sort((a, b) => a - b);
  return {
    ...figures,
    childPeakRssMb: state.builds.reduce((max, b) => Math.max(max, b.peakRssMb), 0),
    childCpuMs: cpu[Math.floor(cpu.length / 2)],
  };
}

const ledger: BenchCase<State> = {
  name: "build-ledger-export-150000-lines",
  issue: 11,
  target: { medianMs: 10_000, peakRssMb: 1_500 },
  runs: 3,
  setup: () => written("ledger", [ledgerSheet(150_000)]),
  run: build,
};

const corners: BenchCase<State> = {
  name: "build-sheet-with-only-A1-and-XFD1048576",
  issue: 11,
  target: { medianMs: 1_000, peakRssMb: 200 },
  setup: () =>
    written("corners", [
      budgetSheet(),
      cellsSheet("Corners", [
        { row: 0, col: 0, value: "top left" },
        { row: 1_048_575, col: 16_383, value: 42 },
      ]),
    ]),
  run: build,
};

const column: BenchCase<State> = {
  name: "build-beside-a-sheet-of-1048576-rows",
  issue: 11,
  target: { peakRssMb: 2_000 },
  runs: 1,
  setup: () =>
    written("column", [
      budgetSheet(),
      {
        name: "Column",
        rows: (emit) => {
          for (let row = 0; row < 1_048_576; row += 1) emit(row, [row + 1]);
        },
      },
    ]),
  run: build,
};

const refused: BenchCase<State> = {
  name: "build-ledger-export-1048575-lines-refused",
  issue: 11,
  target: { peakRssMb: 2_000 },
  runs: 1,
  setup: () => written("ledger-1m", [ledgerSheet(1_048_575)]),
  run: build,
};

export const cases: BenchCase[] = [
  ledger as BenchCase,
  corners as BenchCase,
  column as BenchCase,
  refused as BenchCase,
];
