/**
 * The command line on the sample P10 workbook, end to end: build it, then check the written file
 * against the sources (unchanged), the engine (every formula recalculated by LibreOffice equals the
 * value the engine computed) and the published strategy's published figures.
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serialFromJsDate } from "../../src/core/dates";
import { buildWorkbook, demoBuildOptions, type BuildResult } from "../../src/cli/commands";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { formulaCells, usesAddInFunction, type FormulaCell } from "../../src/workbook/formulas";
import { planMismatches, sameValue } from "../support/hyperformula";
import { recalculateWithLibreOffice, type RecalculatedValue, type WorkbookValues } from "../support/libreoffice";
import { parseSummaryJson } from "../support/summaryJson";
import { LIBREOFFICE, describeWithProgram } from "../support/systemPrograms";
import { convertWithLibreOffice } from "../support/xlsxLibreOffice";
import { cachedValue, loadWorkbook, partTexts, sheetParts, snapshotSheet } from "../support/xlsxInspect";
import { rowLabelled, sheetByKey } from "../workbook/planReader";

const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
const USER_SHEETS = ["P10 Summary", "Placements", "LAC History"];
const dir = mkdtempSync(path.join(tmpdir(), "lac-e2e-"));
const output = path.join(dir, "sufficiency.xlsx");
const rebuilt = path.join(dir, "rebuilt.xlsx");

let result: BuildResult;
let second: BuildResult;

beforeAll(async () => {
  result = await buildWorkbook(await demoBuildOptions(output, path.join(dir, "summary.json")));
  second = await buildWorkbook({ ...(await demoBuildOptions(rebuilt)), input: output });
});

/** The plan's formula cell on a sheet (by key) whose value passes the test; fails when there is none. */
function planCell(sheetKey: string, test: (cell: FormulaCell) => boolean): FormulaCell {
  const sheet = result.plan.sheets.find((s) => s.key === sheetKey);
  const cell = formulaCells(result.plan).find((c) => c.sheet === sheet?.name && test(c));
  if (!cell) throw new Error(`no formula cell on the ${sheetKey} sheet passes the test`);
  return cell;
}

function asNumber(value: unknown): number {
  if (value instanceof Date) return serialFromJsDate(value);
  if (typeof value !== "number") throw new Error(`expected a number, found ${JSON.stringify(value)}`);
  return value;
}

describe("building the sample P10 workbook", () => {
  it("leaves every part of the user's sheets as it was", async () => {
    const before = await partTexts(await readFile(SAMPLE));
    const after = await partTexts(await readFile(output));
    const partsBefore = await sheetParts(await readFile(SAMPLE));
    const partsAfter = await sheetParts(await readFile(output));
    expect([...partsAfter.keys()].slice(0, 3)).toEqual(USER_SHEETS);
    for (const sheet of USER_SHEETS)
      expect(after.get(partsAfter.get(sheet) as string)).toBe(before.get(partsBefore.get(sheet) as string));
    const workbookBefore = await loadWorkbook(await readFile(SAMPLE));
    const workbookAfter = await loadWorkbook(await readFile(output));
    for (const sheet of USER_SHEETS) {
      expect(snapshotSheet(workbookAfter.getWorksheet(sheet) as never)).toEqual(
        snapshotSheet(workbookBefore.getWorksheet(sheet) as never),
      );
    }
  });

  it("writes the sufficiency, care and demand sheets after them, marked as the add-in's", async () => {
    const { existing } = await readWorkbookGrids(output);
    expect(existing).toEqual([
      ...USER_SHEETS.map((name) => ({ name, ownedKey: null })),
      { name: "Summary", ownedKey: "summary" },
      { name: "Assumptions", ownedKey: "assumptions" },
      { name: "Spend", ownedKey: "spend" },
      { name: "Unit costs", ownedKey: "unitCosts" },
      { name: "Needs projection", ownedKey: "needs" },
      { name: "Cost projection", ownedKey: "costProjection" },
      { name: "Benchmarks", ownedKey: "benchmarks" },
      { name: "In care", ownedKey: "careInCare" },
      { name: "Starters and leavers", ownedKey: "careStartersLeavers" },
      { name: "Stability", ownedKey: "careStability" },
      { name: "Demand forecast", ownedKey: "demandForecast" },
      { name: "Cost forecast", ownedKey: "demandCost" },
      { name: "Scenarios", ownedKey: "demandScenarios" },
    ]);
  });

  it("gives exactly the same workbook when built again from its own output", async () => {
    expect(second.report.sheets.every((sheet) => sheet.replaced)).toBe(true);
    const first = await partTexts(await readFile(output));
    const again = await partTexts(await readFile(rebuilt));
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [part, text] of first) expect(again.get(part)).toBe(text);
  });

  it("shows no error in any cell when opened without recalculating", async () => {
    const workbook = await loadWorkbook(await readFile(output));
    const errors: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cachedValue(cell);
          if (value && typeof value === "object" && "error" in value) errors.push(`'${sheet.name}'!${cell.address}`);
        }),
      ),
    );
    expect(errors).toEqual([]);
  });

  it("writes formulas that HyperFormula evaluates to the engine's values", async () => {
    const { grids } = await readWorkbookGrids(SAMPLE);
    expect(planMismatches(result.plan, grids)).toEqual([]);
  });

  it("links the Assumptions sheet's counts of children looked after to the 'LAC History' sheet, month by month", () => {
    const history = result.recognition.lacHistories;
    expect(history.map((h) => [h.sheet, h.points.length, h.badRows.length])).toEqual([["LAC History", 61, 0]]);
    const assumptions = result.plan.sheets.find((sheet) => sheet.key === "assumptions");
    const links = formulaCells(result.plan).filter(
      (cell) => cell.sheet === assumptions?.name && cell.formula.startsWith("'LAC History'!"),
    );
    expect(links.map((cell) => cell.formula)).toEqual(
      Array.from({ length: 61 }, (_, i) => [`'LAC History'!$A$${4 + i}`, `'LAC History'!$B$${4 + i}`]).flat(),
    );
    expect(links.slice(0, 2).map((cell) => cell.value)).toEqual([history[0].points[0].date, 436]);
    expect(links.slice(-2).map((cell) => cell.value)).toEqual([history[0].points[60].date, 619]);
  });

  it("sets the published strategy's published comparators (examples/sample-assumptions.json) beside the council's care figures", () => {
    const rows = (key: string, heading: string) => {
      const sheet = sheetByKey(result.plan, key);
      const header = rowLabelled(sheet, heading);
      const names = ["North West", "Statistical neighbours", "England"];
      return Object.fromEntries(
        names.map((name) => [
          name,
          rowLabelled(sheet, name, header.row)
            .cells.slice(1, 4)
            .map((c) => c?.value),
        ]),
      );
    };
    expect(
      rowLabelled(sheetByKey(result.plan, "careInCare"), "Rate per 10,000 children aged 0-17")
        .cells.slice(1, 4)
        .map((c) => c?.value),
    ).toEqual(["2019", "2020", "2021"]);
    expect(rows("careInCare", "Rate per 10,000 children aged 0-17")).toEqual({
      "North West": [94, 97, 97],
      "Statistical neighbours": [83.6, 86.3, 88.7],
      England: [65, 67, 67],
    });
    expect(
      rows("careStartersLeavers", "Rate of children starting to be looked after, per 10,000 children aged 0-17"),
    ).toEqual({
      "North West": [33, 32, 28],
      "Statistical neighbours": [31.2, 31.1, 27.4],
      England: [27, 26, 24],
    });
    expect(
      rows("careStartersLeavers", "Rate of children ceasing to be looked after, per 10,000 children aged 0-17"),
    ).toEqual({
      "North West": [30, 29, 28],
      "Statistical neighbours": [25.8, 28.4, 25.2],
      England: [25, 25, 23],
    });
    expect(
      rows("careStability", "Long term: children under 16 looked after for 2.5 years or more, stable for 2 years"),
    ).toEqual({
      "North West": [0.69, 0.68, 0.71],
      "Statistical neighbours": [0.696, 0.69, 0.708],
      England: [0.68, 0.68, 0.7],
    });
  });

  it("writes a summary JSON for scripts", async () => {
    const summary = parseSummaryJson(await readFile(path.join(dir, "summary.json"), "utf8"));
    expect(summary.period).toBe(10);
    expect(summary.financialYear).toBe(2021);
    expect(summary.units).toBe("gbp");
    expect(summary.categories.residential).toEqual({ actualToDate: 12_119_924, forecastOutturn: 14_000_100 });
    expect(summary.categories.adoption).toEqual({ actualToDate: 470_828, forecastOutturn: 571_100 });
    expect(summary.totals).toEqual({ actualToDate: 24_004_503, forecastOutturn: 28_153_700, budget: null });
    expect(summary.warnings.filter((w) => w.message.includes("was not used"))).toEqual([]);
    expect(summary.sheets).toEqual([
      "Summary",
      "Assumptions",
      "Spend",
      "Unit costs",
      "Needs projection",
      "Cost projection",
      "Benchmarks",
      "In care",
      "Starters and leavers",
      "Stability",
      "Demand forecast",
      "Cost forecast",
      "Scenarios",
    ]);
  });
});

describeWithProgram(LIBREOFFICE, "the sample's output in LibreOffice", () => {
  let values: WorkbookValues;
  beforeAll(async () => {
    values = await recalculateWithLibreOffice(output);
  }, 180_000);

  function recalculated(cell: { sheet: string; address: string }): RecalculatedValue | undefined {
    return values.get(cell.sheet)?.get(cell.address);
  }

  it("recalculates every formula to the engine's value, except the add-in's own functions", () => {
    const mismatches: string[] = [];
    const addInCells = formulaCells(result.plan).filter((cell) => usesAddInFunction(cell.formula));
    for (const cell of formulaCells(result.plan)) {
      if (usesAddInFunction(cell.formula)) continue;
      const value = recalculated(cell);
      const comparable = value instanceof Date ? serialFromJsDate(value) : (value ?? null);
      if (comparable !== null && typeof comparable === "object") {
        mismatches.push(
          `'${cell.sheet}'!${cell.address} =${cell.formula}: LibreOffice ${comparable.error}, engine ${JSON.stringify(cell.value)}`,
        );
      } else if (!sameValue(comparable, cell.value)) {
        mismatches.push(
          `'${cell.sheet}'!${cell.address} =${cell.formula}: LibreOffice ${JSON.stringify(comparable)}, engine ${JSON.stringify(cell.value)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    expect(formulaCells(result.plan).length - addInCells.length).toBeGreaterThan(200);
  });

  it("shows no error in any cell after recalculating", () => {
    const errors = [...values].flatMap(([sheet, cells]) =>
      [...cells]
        .filter(([, value]) => value !== null && typeof value === "object" && "error" in value)
        .map(([address]) => `'${sheet}'!${address}`),
    );
    expect(errors).toEqual([]);
  });

  it("reproduces the published strategy's spend table, pointing at the source cells", () => {
    const seed = [
      [12_119_924, 14_000_100],
      [3_175_235, 3_863_500],
      [4_745_315, 5_690_000],
      [1_733_306, 1_935_500],
      [1_508_673, 1_795_500],
      [251_222, 298_000],
      [470_828, 571_100],
    ];
    seed.forEach(([actual, forecast], i) => {
      const actualCell = planCell("spend", (c) => c.formula.includes(`'P10 Summary'!$B$${6 + i}`));
      const forecastCell = planCell("spend", (c) => c.formula.includes(`'P10 Summary'!$C$${6 + i}`));
      expect(asNumber(recalculated(actualCell))).toBe(actual);
      expect(asNumber(recalculated(forecastCell))).toBe(forecast);
    });
  });

  it("reproduces the published strategy's uplift table to the pound", () => {
    const published = [
      743_196, 780_356, 819_374, 286_544, 300_871, 315_915, 86_980, 91_329, 95_895, 88_888, 90_995, 93_151, 43_584,
      44_617, 45_675, 1_249_192, 1_308_168, 1_370_010, 3_927_370,
    ];
    for (const figure of published) {
      const cell = planCell("costProjection", (c) => typeof c.value === "number" && Math.round(c.value) === figure);
      expect(Math.round(asNumber(recalculated(cell)))).toBe(figure);
    }
    const indepResi = planCell(
      "costProjection",
      (c) => typeof c.value === "number" && Math.abs(c.value - 743_196.1) < 0.005,
    );
    expect(asNumber(recalculated(indepResi))).toBeCloseTo(743_196.1, 6);
    const inHouseYear3 = planCell(
      "costProjection",
      (c) => typeof c.value === "number" && Math.round(c.value) === 93_151,
    );
    expect(asNumber(recalculated(inHouseYear3))).toBeCloseTo(93_151.48, 2);
  });

  it("reproduces the cost projection 30,451 -> 37,880 -> 41,807 (£000) from 619 -> 770 children", () => {
    const projection = result.plan.summary.costProjection as {
      currentCostGbp: number;
      increaseGbp: number;
      totalGbp: number;
    };
    const current = asNumber(recalculated(planCell("costProjection", (c) => c.value === projection.currentCostGbp)));
    const increase = asNumber(recalculated(planCell("costProjection", (c) => c.value === projection.increaseGbp)));
    const total = asNumber(recalculated(planCell("costProjection", (c) => c.value === projection.totalGbp)));
    expect(Math.abs(current / 1000 - 30_451)).toBeLessThanOrEqual(1);
    expect(Math.abs((current + increase) / 1000 - 37_880)).toBeLessThanOrEqual(1);
    expect(Math.abs(total / 1000 - 41_807)).toBeLessThanOrEqual(1);
    const counts = result.plan.summary.lookedAfter as { latest: number; projected: number };
    expect([counts.latest, counts.projected]).toEqual([619, 770]);
  });

  let converted: string;
  it("imports every native chart of the plan", async () => {
    [converted] = await convertWithLibreOffice([output], "xlsx", path.join(dir, "converted"));
    const parts = await partTexts(await readFile(converted));
    const charts = [...parts.keys()]
      .filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name))
      .map((name) => parts.get(name) as string);
    const planned = result.plan.sheets.flatMap((sheet) => sheet.charts ?? []);
    expect(planned.length).toBeGreaterThanOrEqual(2);
    expect(charts).toHaveLength(planned.length);
    for (const chart of planned) expect(charts.some((xml) => xml.includes(`<a:t>${chart.title}</a:t>`))).toBe(true);
    expect(charts.join("")).toContain("<c:f>Spend!$");
    expect(charts.join("")).toMatch(/prstDash val="(dash|sysDash)"/);
  }, 180_000);

  it("rebuilds a workbook LibreOffice saved, finding the add-in's sheets by their document properties", async () => {
    const { existing } = await readWorkbookGrids(converted);
    expect(existing.filter((sheet) => sheet.ownedKey).map((sheet) => sheet.ownedKey)).toEqual([
      "summary",
      "assumptions",
      "spend",
      "unitCosts",
      "needs",
      "costProjection",
      "benchmarks",
      "careInCare",
      "careStartersLeavers",
      "careStability",
      "demandForecast",
      "demandCost",
      "demandScenarios",
    ]);
    const again = await buildWorkbook({
      ...(await demoBuildOptions(path.join(dir, "from-libreoffice.xlsx"))),
      input: converted,
    });
    expect(again.report.sheets.map((sheet) => [sheet.name, sheet.replaced])).toEqual(
      result.report.sheets.map((sheet) => [sheet.name, true]),
    );
    const written = await readWorkbookGrids(path.join(dir, "from-libreoffice.xlsx"));
    expect(written.existing.map((sheet) => sheet.name)).toEqual([
      ...USER_SHEETS,
      ...result.report.sheets.map((sheet) => sheet.name),
    ]);
  });
});
