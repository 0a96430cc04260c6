/**
 * The build with a council chosen: the Benchmarks sheet, the published rows of the care sheets and the
 * Summary's comparison, against figures read from the DfE's tables (docs/benchmarks.md), with every
 * formula evaluated by HyperFormula against the engine's value.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchmarkIndex, checkBenchmarkData, OGL_ATTRIBUTION } from "../../src/core/benchmarks";
import { buildSufficiencyPlan } from "../../src/workbook/build";
import type { PlanCell, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import {
  type CouncilBenchmarks,
  proposeCouncil,
  publishedComparison,
  resolveCouncil,
} from "../../src/workbook/published";
import { planMismatches } from "../support/hyperformula";
import { cellGrid, rowLabelled, sheetByKey, tableRows } from "./planReader";
import { seedAssumptions, seedRecognition, seedSheet } from "./seed";

const index = benchmarkIndex(
  checkBenchmarkData(JSON.parse(readFileSync(path.join("assets", "data", "benchmarks-v1.json"), "utf8"))),
);
const councilOf = (text: string): CouncilBenchmarks => ({ index, council: resolveCouncil(index, text, "test") });

function planFor(council: string): WorkbookPlan {
  const recognition = seedRecognition();
  const assumptions = { ...seedAssumptions(recognition), council: { value: council, source: "test" } };
  return buildSufficiencyPlan({
    recognition,
    assumptions,
    existingSheets: [{ name: "P10 Summary", ownedKey: null }],
    benchmarks: councilOf(council),
  });
}

/** The values of the row under a table's heading labelled `label`, by the heading's year labels. */
function yearRow(sheet: SheetPlan, heading: string, label: string): Record<string, PlanCell["value"] | null> {
  const { row: top, cells: header } = rowLabelled(sheet, heading);
  const { cells } = rowLabelled(sheet, label, top + 1);
  return Object.fromEntries(header.slice(1).map((year, i) => [String(year?.value), cells[i + 1]?.value ?? null]));
}

const texts = (sheet: SheetPlan): string[] =>
  cellGrid(sheet).flatMap((row) =>
    (row ?? []).filter((c) => typeof c?.value === "string").map((c) => c?.value as string),
  );

describe("the Benchmarks sheet for Sefton", () => {
  const plan = planFor("Sefton");
  const sheet = sheetByKey(plan, "benchmarks");

  it("shows Sefton's published count and rate for every year, 2024: 581 children, 107 per 10,000", () => {
    const count = yearRow(sheet, "Children looked after at 31 March", "Sefton (published)");
    const rate = yearRow(sheet, "Rate per 10,000 children aged 0-17", "Sefton (published)");
    expect(count["2024"]).toBe(581);
    expect(rate).toEqual({
      "2016": 87,
      "2017": 85,
      "2018": 90,
      "2019": 99,
      "2020": 107,
      "2021": 116,
      "2022": 112,
      "2023": 114,
      "2024": 107,
      "2025": 92,
    });
  });

  it("sets neighbours (mean and median, ten used), North West and England beside it: 104, 110, 90 and 67 in 2025", () => {
    const heading = "Rate per 10,000 children aged 0-17";
    expect(yearRow(sheet, heading, "Statistical neighbours: mean (as LAIT)")["2025"]).toBeCloseTo(104, 9);
    expect(yearRow(sheet, heading, "Statistical neighbours: median (as the DfE dashboard)")["2025"]).toBe(110);
    expect(yearRow(sheet, heading, "Statistical neighbours with a published figure (of 10)")["2025"]).toBe(10);
    expect(yearRow(sheet, heading, "North West")["2025"]).toBe(90);
    expect(yearRow(sheet, heading, "England")["2025"]).toBe(67);
  });

  it("lists each neighbour's rate with its closeness, the figures behind the mean", () => {
    const heading = "Children looked after at 31 March per 10,000 children aged 0-17: each neighbour (closeness)";
    const { row } = rowLabelled(sheet, heading);
    const grid = cellGrid(sheet);
    const names = Array.from({ length: 10 }, (_, i) => grid[row + 1 + i]?.[0]?.value);
    expect(names[0]).toBe("Wirral (very close)");
    const rates2025 = Array.from({ length: 10 }, (_, i) => grid[row + 1 + i]?.[10]?.value as number);
    expect(rates2025.reduce((a, b) => a + b, 0) / 10).toBeCloseTo(104, 9);
  });

  it("lists each neighbour for starters, leavers and both stability measures too, the figures behind each mean and median", () => {
    const grid = cellGrid(sheet);
    const cases: [measure: string, table: string, percent: boolean][] = [
      ["starters_rate", "Starters per 10,000 children aged 0-17", false],
      ["ceased_rate", "Leavers per 10,000 children aged 0-17", false],
      ["stability_short", "Short term: 3 or more placements in the year (lower is better)", true],
      [
        "stability_long",
        "Long term: under 16, looked after 2.5 years or more, stable for 2 years (higher is better)",
        true,
      ],
    ];
    for (const [measure, table, percent] of cases) {
      const { row } = rowLabelled(sheet, `${index.data.measures[measure].label}: each neighbour (closeness)`);
      expect(grid[row + 1]?.[0]?.value).toBe("Wirral (very close)");
      // The last year's column: the mean of the published neighbours is the mean row of the measure's own table.
      const col = (grid[row] ?? []).length - 1;
      const figures = Array.from({ length: 10 }, (_, i) => grid[row + 1 + i]?.[col]).filter(
        (c) => typeof c?.value === "number",
      );
      expect(figures.every((c) => c?.format === (percent ? "0%" : "0"))).toBe(true);
      const mean = figures.reduce((a, c) => a + (c?.value as number), 0) / figures.length;
      const year = String(grid[row]?.[col]?.value);
      expect(mean).toBeCloseTo(yearRow(sheet, table, "Statistical neighbours: mean (as LAIT)")[year] as number, 9);
    }
    // Long-term stability changed its wording in 2021: the neighbours' table says so year by year.
    expect(
      yearRow(
        sheet,
        `${index.data.measures.stability_long.label}: each neighbour (closeness)`,
        "Definition of the neighbours' figures above",
      ),
    ).toMatchObject({
      "2020": "same placement or adoption (DfE 2023 wording)",
      "2021": "same carer (DfE 2025 wording)",
    });
  });

  it("charts the rate with neighbour, region and England lines, reading the rows of the table", () => {
    const chart = sheet.charts?.find((c) => c.key === "benchmarkRate");
    expect(chart?.series.map((s) => s.name)).toEqual([
      "Sefton",
      "Statistical neighbours (mean)",
      "North West",
      "England",
    ]);
    const { row } = rowLabelled(sheet, "Rate per 10,000 children aged 0-17");
    expect(chart?.series[0].values).toEqual({ sheet: "Benchmarks", row: row + 1, col: 1, rows: 1, cols: 10 });
    expect(chart?.categories).toEqual({ sheet: "Benchmarks", row, col: 1, rows: 1, cols: 10 });
  });

  it("says which definition of long-term stability each year uses", () => {
    const definitions = yearRow(
      sheet,
      "Long term: under 16, looked after 2.5 years or more, stable for 2 years (higher is better)",
      "Definition of the published figures above (council, neighbours, region, England)",
    );
    expect(definitions).toMatchObject({
      "2018": "same placement or adoption (DfE 2023 wording)",
      "2020": "same placement or adoption (DfE 2023 wording)",
      "2021": "same carer (DfE 2025 wording)",
      "2025": "same carer (DfE 2025 wording)",
    });
    expect(texts(sheet).some((t) => t.includes("living with the same carer for at least 2 years"))).toBe(true);
    expect(
      texts(sheet).some((t) => t.includes("living in the same placement for at least 2 years, or placed for adoption")),
    ).toBe(true);
    // Percentages are fractions in a % format: 72% long-term stable in 2019.
    expect(
      yearRow(
        sheet,
        "Long term: under 16, looked after 2.5 years or more, stable for 2 years (higher is better)",
        "Sefton (published)",
      )["2019"],
    ).toBe(0.72);
  });

  it("sets the unit costs beside the council's own weekly costs of the same financial year, with the DfE's method", () => {
    const own = tableRows(sheet, "Placement category");
    const residential = own.find((row) => row["Placement category"]?.value === "Residential");
    expect(residential?.["Your average weekly cost £ (Unit costs sheet)"]?.formula).toMatch(
      /^'Unit costs'!\$[A-Z]+\$\d+$/,
    );
    // The seed's spend year is 2021/22: Sefton's published residential unit cost that year was £4,875.
    expect(residential?.["Sefton 2021/22"]?.value).toBe(4875);
    expect(texts(sheet)).toContain(
      "How the DfE works its unit costs (Section 251 outturn): fostering = the outturn on fostering services / children in foster placements at 31 March / 365 x 7; residential = the outturn on residential care / days in residential care in the 903 return x 7; both rounded to £5. Your own weekly cost (Unit costs sheet) is the average of your placements or your budget's lines, not worked the same way: compare the trend and the order of size, not the pounds.",
    );
  });

  it("puts the uplift rates beside the yearly growth of the unit costs over five years", () => {
    const rows = tableRows(sheet, "Uplift line");
    const resi = rows.find((row) => row["Uplift line"]?.value === "Indep Resi (Residential)");
    expect(resi?.["Uplift assumed"]?.formula).toMatch(/^Assumptions!\$[A-Z]+\$\d+$/);
    expect(resi?.["Uplift assumed"]?.value).toBe(0.05);
    // Sefton's residential unit cost: £3,875 in 2019-20, £5,995 in 2024-25.
    expect(resi?.["Sefton: yearly growth"]?.value).toBeCloseTo((5995 / 3875) ** 0.2 - 1, 12);
    const inHouse = rows.find((row) => row["Uplift line"]?.value === "In House (In House Fostering)");
    expect(inHouse?.["England: yearly growth"]?.value).toBeCloseTo((765 / 600) ** 0.2 - 1, 12);
  });

  it("carries the OGL attribution on every sheet that shows published figures", () => {
    for (const key of ["benchmarks", "summary"])
      expect(texts(sheetByKey(plan, key)).some((t) => t.includes(OGL_ATTRIBUTION))).toBe(true);
  });

  it("gives the Summary the headline comparison, each a link to the Benchmarks sheet", () => {
    const summary = sheetByKey(plan, "summary");
    const rows = tableRows(summary, "Published by the DfE");
    expect(rows.slice(0, 5).map((row) => [row["Published by the DfE"]?.value, row["Rate per 10,000"]?.value])).toEqual([
      ["Sefton: published rate per 10,000 (31 March 2025)", 92],
      ["Statistical neighbours: mean", 104],
      ["Statistical neighbours: median", 110],
      ["North West", 90],
      ["England", 67],
    ]);
    expect(rows[0]["Rate per 10,000"]?.formula).toMatch(/^Benchmarks!\$K\$\d+$/);
    // Below the headline table, which is left as it was.
    expect(
      rowLabelled(summary, "How Sefton compares: children looked after per 10,000 children aged 0-17, 31 March 2025")
        .row,
    ).toBeGreaterThan(rowLabelled(summary, "Figure").row);
  });

  it("keeps the council on the Assumptions sheet", () => {
    expect(rowLabelled(sheetByKey(plan, "assumptions"), "Council").cells[1]).toMatchObject({
      value: "Sefton",
      style: "input",
    });
  });

  it("evaluates every formula it writes to the engine's value", () => {
    expect(planMismatches(plan, [seedSheet()])).toEqual([]);
  });
});

describe("figures the DfE did not publish", () => {
  it("leaves them blank with a note saying so and giving the code: Rutland's long-term stability in 2022", () => {
    const sheet = sheetByKey(planFor("Rutland"), "benchmarks");
    const heading = "Long term: under 16, looked after 2.5 years or more, stable for 2 years (higher is better)";
    const row = yearRow(sheet, heading, "Rutland (published)");
    expect(row["2022"]).toBeNull();
    expect(typeof row["2021"]).toBe("number");
    expect(
      texts(sheet).some((t) =>
        t.includes('Rutland 2022: suppressed by the DfE to protect confidentiality (a small number) (code "c").'),
      ),
    ).toBe(true);
  });

  it("leaves neighbours not published out of the mean and median, and counts those used", () => {
    // Sefton's neighbours: "other residential settings" at 31 March 2025 was published for 4 of the 10.
    const comparison = publishedComparison(councilOf("Sefton"), "mix_other_residential", [2025]);
    const used = comparison.rows.find((r) => r.key === "used")?.values[0];
    expect(used).toBe(4);
    const neighbours = index.lookup("Sefton", "mix_other_residential", 2025, "neighbours").neighbours;
    const published = (neighbours?.list ?? []).flatMap((n) => (n.figure.published ? [n.figure.value] : []));
    expect(published).toHaveLength(4);
    expect(comparison.rows.find((r) => r.key === "mean")?.values[0]).toBeCloseTo(
      published.reduce((a, b) => a + b, 0) / 4 / 100,
      12,
    );
  });
});

describe("a council named in a sheet's title", () => {
  const grid = (title: string) => ({ name: "P10", origin: { row: 0, col: 0 }, cells: [[title]] });

  it("is proposed, with the title and where it is", () => {
    const proposed = proposeCouncil(index, [grid("Sefton Council P10 budget monitoring")]);
    expect(proposed).toMatchObject({
      council: { code: "E08000014", name: "Sefton" },
      title: "Sefton Council P10 budget monitoring",
      where: "sheet 'P10', row 1, column 1",
    });
  });

  it("is found as whole words, the longest name first", () => {
    expect(proposeCouncil(index, [grid("North Yorkshire Council: children's placements")])?.council.name).toBe(
      "North Yorkshire",
    );
    expect(proposeCouncil(index, [grid("North East Lincolnshire P6")])?.council.name).toBe("North East Lincolnshire");
    expect(proposeCouncil(index, [grid("City of Bristol budget")])?.council.name).toBe("Bristol, City of");
    expect(proposeCouncil(index, [grid("Accommodation and Support Spend")])).toBeNull();
  });

  it("is not chosen: the build without a council has no Benchmarks sheet and keeps the empty comparator rows", () => {
    const recognition = seedRecognition([
      { ...seedSheet(), cells: [["Sefton Council P10 budget monitoring"], ...seedSheet().cells.slice(1)] },
    ]);
    const plan = buildSufficiencyPlan({ recognition, assumptions: seedAssumptions(recognition), existingSheets: [] });
    expect(plan.sheets.map((s) => s.key)).not.toContain("benchmarks");
  });
});

describe("a council given by code or number", () => {
  it("finds the same council by E-code and LA number, and refuses a region", () => {
    expect(resolveCouncil(index, "E08000014", "--la").name).toBe("Sefton");
    expect(resolveCouncil(index, "343", "--la").name).toBe("Sefton");
    expect(() => resolveCouncil(index, "North West", "--la")).toThrow(
      "--la: expected a council, found North West, which is a region.",
    );
  });
});
