/**
 * The npm bin as a user runs it: a child process of `node bin/lac-sufficiency.js`, over the compiled
 * command line. The sources are transpiled (as `npm run build:cli` compiles them) into a folder inside
 * the project, so the compiled code finds node_modules and examples/ as it does from dist/.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { compileCli } from "../support/compiledCli";
import { parseSummaryJson } from "../support/summaryJson";

const ROOT = path.resolve(__dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "lac-bin-"));
let bin: string;
let remove: () => void = () => undefined;

beforeAll(() => {
  ({ bin, remove } = compileCli("bin-test"));
});

afterAll(() => remove());

async function runBin(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it("builds the sample and writes the summary JSON (exit 0)", async () => {
  const output = path.join(work, "built.xlsx");
  const summary = path.join(work, "summary.json");
  const result = await runBin(bin, [
    "build",
    "examples/p10-budget-monitoring.xlsx",
    "-o",
    output,
    "--assumptions",
    "examples/sample-assumptions.json",
    "--summary-json",
    summary,
  ]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Wrote ${output}`);
  expect(parseSummaryJson(readFileSync(summary, "utf8")).categories.ifa).toEqual({
    actualToDate: 4_745_315,
    forecastOutturn: 5_690_000,
  });
  expect(existsSync(output)).toBe(true);
});

it("reports a bad input in one sentence, without a stack trace (exit 1)", async () => {
  const input = path.join(work, "budget.xlsx");
  writeFileSync(input, "not a workbook");
  const output = path.join(work, "never.xlsx");
  const result = await runBin(bin, ["build", input, "-o", output]);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    `Expected an .xlsx workbook, but '${input}' is a text file (CSV or similar). Open it in Excel and use File > Save As with the type 'Excel Workbook (.xlsx)', then build from that copy.\n`,
  );
  expect(existsSync(output)).toBe(false);
});

it("exits 2 on a usage mistake", async () => {
  const result = await runBin(bin, ["build", "examples/p10-budget-monitoring.xlsx"]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/required option '-o, --output <file>' not specified/);
});

it("says how to build the command line when it has not been compiled and no TypeScript is installed beside it", async () => {
  const bare = path.join(work, "bare", "bin", "lac-sufficiency.js");
  mkdirSync(path.dirname(bare), { recursive: true });
  copyFileSync(path.join(ROOT, "bin", "lac-sufficiency.js"), bare);
  const result = await runBin(bare, ["demo"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    "lac-sufficiency is not built yet: run `npm run build:cli` in the project folder first.\n",
  );
});

/**
 * A project folder as `npm ci` leaves it (no dist/), with a stand-in for TypeScript's compiler that
 * writes a one-line command line, or fails as tsc does on a type error.
 */
function freshInstall(name: string, compiler: string): string {
  const folder = path.join(work, name);
  const fresh = path.join(folder, "bin", "lac-sufficiency.js");
  mkdirSync(path.dirname(fresh), { recursive: true });
  mkdirSync(path.join(folder, "node_modules", "typescript", "bin"), { recursive: true });
  copyFileSync(path.join(ROOT, "bin", "lac-sufficiency.js"), fresh);
  writeFileSync(path.join(folder, "tsconfig.cli.json"), "{}\n");
  writeFileSync(path.join(folder, "node_modules", "typescript", "bin", "tsc"), compiler);
  return fresh;
}

it("compiles the command line on its first run after npm ci, then runs it", async () => {
  const fresh = freshInstall(
    "fresh",
    `const fs = require("node:fs");
     if (process.argv[2] !== "-p" || !process.argv[3].endsWith("tsconfig.cli.json")) process.exit(9);
     fs.mkdirSync("dist/src/cli", { recursive: true });
     fs.writeFileSync("dist/src/cli/cli.js", 'exports.main = async (args) => { console.log("ran " + args.join(" ")); return 0; };');`,
  );
  const first = await runBin(fresh, ["--help"]);
  expect(first).toEqual({
    code: 0,
    stdout: "ran --help\n",
    stderr: "lac-sufficiency: compiling the command line first (npm run build:cli)...\n",
  });
  const second = await runBin(fresh, ["demo"]);
  expect(second).toEqual({ code: 0, stdout: "ran demo\n", stderr: "" });
});

it("says so, after the compiler's own messages, when the command line does not compile", async () => {
  const fresh = freshInstall(
    "broken",
    `process.stderr.write("src/cli/cli.ts(1,1): error TS2304: Cannot find name 'x'.\\n"); process.exit(2);`,
  );
  const result = await runBin(fresh, ["--help"]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    "lac-sufficiency: compiling the command line first (npm run build:cli)...\n" +
      "src/cli/cli.ts(1,1): error TS2304: Cannot find name 'x'.\n" +
      "lac-sufficiency could not be compiled (the compiler's messages are above): fix them and run `npm run build:cli`.\n",
  );
});
