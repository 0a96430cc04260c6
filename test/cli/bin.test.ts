/**
 * The npm bin as a user runs it: a child process of `node bin/lac-sufficiency.js`, over the compiled
 * command line. The sources are transpiled (as `npm run build:cli` compiles them) into a folder inside
 * the project, so the compiled code finds node_modules and examples/ as it does from dist/.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const COMPILED_FOLDERS = ["src/core", "src/sources", "src/workbook", "src/cli"];
const build = path.join(ROOT, ".tmp", `bin-test-${process.pid}`);
const bin = path.join(build, "bin", "lac-sufficiency.js");
const work = mkdtempSync(path.join(tmpdir(), "lac-bin-"));

function transpileFolder(folder: string): void {
  for (const entry of readdirSync(path.join(ROOT, folder))) {
    const source = path.join(folder, entry);
    if (statSync(path.join(ROOT, source)).isDirectory()) {
      transpileFolder(source);
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

beforeAll(() => {
  COMPILED_FOLDERS.forEach(transpileFolder);
  mkdirSync(path.dirname(bin), { recursive: true });
  copyFileSync(path.join(ROOT, "bin", "lac-sufficiency.js"), bin);
});

afterAll(() => rmSync(build, { recursive: true, force: true }));

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
  const result = await runBin(bin, ["build", "examples/p10-budget-monitoring.xlsx", "-o", output, "--assumptions", "examples/sample-assumptions.json", "--summary-json", summary]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Wrote ${output}`);
  expect(JSON.parse(readFileSync(summary, "utf8")).categories.ifa).toEqual({ actualToDate: 4_745_315, forecastOutturn: 5_690_000 });
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

it("says how to build the command line when it has not been compiled", async () => {
  const bare = path.join(work, "bare", "bin", "lac-sufficiency.js");
  mkdirSync(path.dirname(bare), { recursive: true });
  copyFileSync(path.join(ROOT, "bin", "lac-sufficiency.js"), bare);
  const result = await runBin(bare, ["demo"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe("lac-sufficiency is not built yet: run `npm run build:cli` in the project folder first.\n");
});
