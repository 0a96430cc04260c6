/**
 * `lac-sufficiency build --la COUNCIL`: the council's published population aged 0-17 fills the years
 * of the In care sheet, and a figure the user gives wins.
 */
import { run } from "../support/runCli";
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { runDemo } from "../../src/cli/commands";
import { typeIntoXlsx } from "../support/xlsxEdit";

const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
const returns = (kind: string): string[] =>
  ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));

/** The In care sheet's population row: the figure under each year heading. */
async function populationRow(file: string): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("In care");
  if (!sheet) throw new Error("no In care sheet");
  const rows = sheet.getSheetValues() as unknown[][];
  const headingRow = rows.findIndex((row) => Array.isArray(row) && row[1] === "Rate per 10,000 children aged 0-17");
  const population = rows.find(
    (row, i) => i > headingRow && Array.isArray(row) && String(row[1]).startsWith("Population aged 0-17"),
  ) as unknown[];
  const years = rows[headingRow].slice(2) as string[];
  return Object.fromEntries(years.map((year, i) => [year, population[i + 2]]));
}

/** A sheet's rows as arrays of cell values (a formula cell as its result), from column A. */
async function sheetRows(file: string, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet '${name}' in ${file}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row, r) => {
    rows[r - 1] = (row.values as unknown[])
      .slice(1)
      .map((v) => (v !== null && typeof v === "object" && "result" in v ? v.result : v));
  });
  return rows;
}

/** The row labelled `label` under the table headed `heading`, by the heading's column labels. */
function under(rows: unknown[][], heading: string, label: string): Record<string, unknown> {
  const top = rows.findIndex((row) => row?.[0] === heading);
  if (top < 0) throw new Error(`no table headed '${heading}'`);
  const found = rows.findIndex((row, i) => i > top && row?.[0] === label);
  if (found < 0) throw new Error(`no row '${label}' under '${heading}'`);
  return Object.fromEntries(rows[top].slice(1).map((year, i) => [String(year), rows[found][i + 1] ?? null]));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lac-cli-la-"));
});

describe("lac-sufficiency build --la", () => {
  it("fills each year's population from the published data: Sefton, the DfE's figures for 2019-2021", async () => {
    const output = path.join(dir, "sefton.xlsx");
    const { code, stdout, stderr } = await run([
      "build",
      SAMPLE,
      "-o",
      output,
      "--episodes",
      ...returns("episodes"),
      "--header",
      ...returns("header"),
      "--la",
      "Sefton",
    ]);
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
    await writeFile(
      edited,
      await typeIntoXlsx(await readFile(built), [{ sheet: "In care", address: "C6", value: 50_000 }]),
    );
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

  it("keeps the council on the Assumptions sheet: built again without --la, the published figures stay", async () => {
    const built = path.join(dir, "built.xlsx");
    const rebuilt = path.join(dir, "rebuilt.xlsx");
    expect((await run(["build", SAMPLE, "-o", built, "--la", "E08000014"])).code).toBe(0);
    const council = (await sheetRows(built, "Assumptions")).find((row) => row?.[0] === "Council");
    expect(council?.slice(0, 3)).toEqual(["Council", "Sefton", "--la E08000014: E08000014, LA 343"]);
    const { code, stdout } = await run(["build", built, "-o", rebuilt]);
    expect(code).toBe(0);
    expect(stdout).toContain("Published rate per 10,000 at 31 March 2025: Sefton 92;");
    expect(
      under(await sheetRows(rebuilt, "Benchmarks"), "Rate per 10,000 children aged 0-17", "Sefton (published)")["2024"],
    ).toBe(107);
    expect((await sheetRows(rebuilt, "Assumptions")).find((row) => row?.[0] === "Council")?.[1]).toBe("Sefton");
  });

  it("takes a council typed into the Assumptions sheet's Council cell, and names the cell when it knows no such council", async () => {
    const built = path.join(dir, "built.xlsx");
    const edited = path.join(dir, "edited.xlsx");
    expect((await run(["build", SAMPLE, "-o", built, "--la", "Sefton"])).code).toBe(0);
    const row = (await sheetRows(built, "Assumptions")).findIndex((r) => r?.[0] === "Council") + 1;
    await writeFile(
      edited,
      await typeIntoXlsx(await readFile(built), [{ sheet: "Assumptions", address: `B${row}`, value: "Wirral" }]),
    );
    const wirral = await run(["build", edited, "-o", path.join(dir, "wirral.xlsx")]);
    expect(wirral.code).toBe(0);
    expect(wirral.stdout).toContain("Published rate per 10,000 at 31 March 2025: Wirral ");
    // Cleared, the council is no longer chosen: the published figures and their sheet go.
    await writeFile(
      edited,
      await typeIntoXlsx(await readFile(built), [{ sheet: "Assumptions", address: `B${row}`, value: null }]),
    );
    const none = await run(["build", edited, "-o", path.join(dir, "none.xlsx")]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("Removed the add-in's old 'Benchmarks'.");
    expect(none.stdout).not.toContain("Published rate per 10,000");
    await writeFile(
      edited,
      await typeIntoXlsx(await readFile(built), [{ sheet: "Assumptions", address: `B${row}`, value: "Seftonshire" }]),
    );
    const unknown = await run(["build", edited, "-o", path.join(dir, "unknown.xlsx")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      `the Council on sheet 'Assumptions': no council, region or England is called or coded "Seftonshire" in the published data; try the name as the DfE writes it (e.g. "Bristol, City of"), the E-code or the 3-digit LA number.`,
    );
  });

  it("proposes the council a sheet's title names, without choosing it", async () => {
    const titled = path.join(dir, "titled.xlsx");
    await writeFile(
      titled,
      await typeIntoXlsx(await readFile(SAMPLE), [
        { sheet: "P10 Summary", address: "A1", value: "Sefton Council P10 budget monitoring" },
      ]),
    );
    const output = path.join(dir, "proposed.xlsx");
    const { code, stdout } = await run(["build", titled, "-o", output]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Is this Sefton? The title "Sefton Council P10 budget monitoring" names Sefton (E08000014). Build with --la "Sefton" to set its published figures beside yours; nothing was chosen.`,
    );
    expect(stdout).not.toContain("Published rate per 10,000");
    expect(stdout).not.toContain("'Benchmarks'");
  });
});

describe("the demo, built with --la Sefton", () => {
  let output: string;
  beforeAll(async () => {
    output = path.join(mkdtempSync(path.join(tmpdir(), "lac-cli-demo-")), "demo.xlsx");
    const lines: string[] = [];
    expect(await runDemo({ output }, { out: (line) => lines.push(line), err: (line) => lines.push(line) })).toBe(0);
  });

  it("shows Sefton's published figures on the Benchmarks sheet: 2024, 581 children, 107 per 10,000", async () => {
    const rows = await sheetRows(output, "Benchmarks");
    expect(under(rows, "Children looked after at 31 March", "Sefton (published)")["2024"]).toBe(581);
    expect(under(rows, "Rate per 10,000 children aged 0-17", "Sefton (published)")["2024"]).toBe(107);
  });

  it("sets Sefton's published figures beside those counted from its 903 data, flagging where they differ", async () => {
    const rows = await sheetRows(output, "In care");
    const heading = "Published: Sefton, its statistical neighbours, region and England";
    expect(under(rows, "Rate per 10,000 children aged 0-17", "Children looked after")).toEqual({
      "2019": 569,
      "2020": 582,
      "2021": 619,
    });
    expect(under(rows, heading, "Sefton: published by the DfE")).toEqual({ "2019": 99, "2020": 107, "2021": 116 });
    expect(under(rows, heading, "North West")).toEqual({ "2019": 95, "2020": 97, "2021": 98 });
    // The demo's 903 returns are synthetic, so they do not match what Sefton returned to the DfE.
    expect(under(rows, heading, "Children looked after: your 903 figure against the DfE's")).toEqual({
      "2019": "differs: 903 569, DfE 527",
      "2020": "differs: 903 582, DfE 566",
      "2021": "differs: 903 619, DfE 613",
    });
    const stability = await sheetRows(output, "Stability");
    const definitions = stability
      .filter((row) => row?.[0] === "Definition of the published figures above (council, neighbours, region, England)")
      .map((row) => row.slice(1));
    expect(definitions).toEqual([
      [
        "same placement or adoption (DfE 2023 wording)",
        "same placement or adoption (DfE 2023 wording)",
        "same carer (DfE 2025 wording)",
      ],
    ]);
    // The council's own long-term figures follow the 2025 wording by default, every year.
    const own = stability
      .filter((row) => row?.[0] === "Definition of this council's figures (Assumptions sheet)")
      .map((row) => row.slice(1, 4));
    expect(own).toEqual([
      ["same carer (DfE 2025 wording)", "same carer (DfE 2025 wording)", "same carer (DfE 2025 wording)"],
    ]);
  });

  it("gives the Summary the headline comparison and the attribution", async () => {
    const rows = await sheetRows(output, "Summary");
    const at = rows.findIndex(
      (row) => row?.[0] === "How Sefton compares: children looked after per 10,000 children aged 0-17, 31 March 2025",
    );
    expect(rows.slice(at + 2, at + 7).map((row) => row.slice(0, 2))).toEqual([
      ["Sefton: published rate per 10,000 (31 March 2025)", 92],
      ["Statistical neighbours: mean", 104],
      ["Statistical neighbours: median", 110],
      ["North West", 90],
      ["England", 67],
    ]);
    expect(String(rows[at + 7]?.[0])).toContain(
      "Contains public sector information licensed under the Open Government Licence v3.0.",
    );
  });
});
