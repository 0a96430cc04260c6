/**
 * `lac-sufficiency build --la COUNCIL`: the council's published population aged 0-17 fills the years
 * of the In care sheet, and a figure the user gives wins.
 */
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/cli";
import type { Output } from "../../src/cli/commands";
import { typeIntoXlsx } from "../support/xlsxEdit";

const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
const returns = (kind: string): string[] => ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Output = { out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  const code = await main(args, io);
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

/** The In care sheet's population row: the figure under each year heading. */
async function populationRow(file: string): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("In care");
  if (!sheet) throw new Error("no In care sheet");
  const rows = sheet.getSheetValues() as unknown[][];
  const headingRow = rows.findIndex((row) => Array.isArray(row) && row[1] === "Rate per 10,000 children aged 0-17");
  const population = rows.find((row, i) => i > headingRow && Array.isArray(row) && String(row[1]).startsWith("Population aged 0-17")) as unknown[];
  const years = rows[headingRow].slice(2) as string[];
  return Object.fromEntries(years.map((year, i) => [year, population[i + 2]]));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lac-cli-la-"));
});

describe("lac-sufficiency build --la", () => {
  it("fills each year's population from the published data: Sefton, the DfE's figures for 2019-2021", async () => {
    const output = path.join(dir, "sefton.xlsx");
    const { code, stdout, stderr } = await run(["build", SAMPLE, "-o", output, "--episodes", ...returns("episodes"), "--header", ...returns("header"), "--la", "Sefton"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // The populations the DfE used for Sefton's rates at 31 March 2019, 2020 and 2021 (ONS mid-2018, 2019, 2020).
    expect(await populationRow(output)).toEqual({ "2019": 53012, "2020": 53065, "2021": 52920 });
    expect(stdout).toContain("Population aged 0-17 of Sefton (E08000014)");
    expect(stdout).not.toContain("No population aged 0-17 is given");
  });

  it("keeps a population the user typed on the In care sheet when built again", async () => {
    const built = path.join(dir, "built.xlsx");
    const edited = path.join(dir, "edited.xlsx");
    const rebuilt = path.join(dir, "rebuilt.xlsx");
    const options = ["--episodes", ...returns("episodes"), "--header", ...returns("header"), "--la", "343"];
    expect((await run(["build", SAMPLE, "-o", built, ...options])).code).toBe(0);
    // C6: the population row under the rate table's heading (row 4), column C is 2020 (see the first test).
    expect(Object.keys(await populationRow(built))).toEqual(["2019", "2020", "2021"]);
    await writeFile(edited, await typeIntoXlsx(await readFile(built), [{ sheet: "In care", address: "C6", value: 50_000 }]));
    expect((await run(["build", edited, "-o", rebuilt, ...options])).code).toBe(0);
    expect(await populationRow(rebuilt)).toEqual({ "2019": 53012, "2020": 50000, "2021": 52920 });
  });

  it("exits 2 naming what it expected for an unknown council or a region", async () => {
    const unknown = await run(["build", SAMPLE, "-o", path.join(dir, "x.xlsx"), "--la", "Seftonshire"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--la: no council, region or England is called or coded "Seftonshire"');
    const region = await run(["build", SAMPLE, "-o", path.join(dir, "y.xlsx"), "--la", "North West"]);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain("--la: expected a council, found North West, which is a region.");
  });
});
