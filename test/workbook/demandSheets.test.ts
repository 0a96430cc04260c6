/**
 * The demand sheets: every formula evaluates (HyperFormula) to the engine's value, the money is live
 * on the linked cells, this year's outturn adds the 59 days after P10 to the actuals, and the
 * Scenarios sheet's inputs read back as the scenario they show.
 */
import { PLACEMENT_CATEGORIES, type PlacementCategory } from "../../src/core/categories";
import { costByFinancialYear } from "../../src/core/demand/cost";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";
import type { Scenario } from "../../src/core/demand/scenario";
import { LacError } from "../../src/core/errors";
import type { SheetGrid } from "../../src/core/grid";
import type { Assumptions } from "../../src/workbook/assumptions";
import { sheetContext } from "../../src/workbook/context";
import { computeDemandFigures } from "../../src/workbook/figures";
import type { PlanCell, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { buildDemandSheets, DEMAND_SHEETS, type DemandSheetsInput } from "../../src/workbook/sheets/demand";
import { readScenarioSheet } from "../../src/workbook/sheets/demandScenarios";
import { linkedMoney, linksSheet as linksSheetOf, type LinkFigures } from "../support/demandLinks";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { cellGrid, sheetByKey } from "./planReader";
import { day } from "../core/demand/histories";

const periodEnd = day("31/01/2025");
const { history } = simulateCareHistories({
  seed: 11,
  firstDay: periodEnd - 22 * 365,
  lastDay: periodEnd,
  ...typicalCouncilRates(1),
  inHouseFosteringShare: 0.6,
});

const weekly: Partial<Record<PlacementCategory, number>> = {
  residential: 4528,
  inHouseFostering: 241,
  ifa: 798,
  kinship: 241,
  supported: 1062,
  placedWithParents: 0,
  other: 500,
};
const FIGURES: LinkFigures = {
  weekly,
  upliftRates: [0.05, 0.05, 0.0237],
  spend: {
    residential: [14_000_000, 12_119_924, 14_000_100],
    inHouseFostering: [3_800_000, 3_175_235, 3_863_500],
    ifa: [5_500_000, 4_745_315, 5_690_000],
  },
};
/** The Links sheet, with other weekly costs typed on it where a test changes them. */
const linksSheet = (weeklyCosts = weekly): SheetPlan => linksSheetOf({ ...FIGURES, weekly: weeklyCosts });
const demandInput = (scenario?: Scenario): DemandSheetsInput => ({
  history,
  options: scenario ? { scenario } : {},
  ...linkedMoney(FIGURES),
});

const assumptions = { upliftBaseYear: 2024 } as Assumptions;
const context = sheetContext(Object.fromEntries(DEMAND_SHEETS.map((s) => [s.key, s.name])), assumptions, periodEnd);
const scenario: Scenario = {
  name: "Fewer entries, step-downs",
  description: "P10 planning case",
  adjustments: [
    { type: "entries", multiply: 0.9 },
    { type: "transitions", from: ["residential"], to: ["fostering"], ageBands: ["10to15", "16plus"], addPerYear: 0.1 },
    {
      type: "moves",
      from: "residential",
      to: "fostering",
      perMonth: 2,
      firstDate: day("01/04/2025"),
      lastDate: day("30/09/2025"),
    },
  ],
};
const part = buildDemandSheets(demandInput(scenario), computeDemandFigures(demandInput(scenario), context), context);
const plan = (links: SheetPlan = linksSheet()): WorkbookPlan => ({
  sheets: [links, ...part.sheets],
  names: part.names,
  warnings: [],
  summary: {
    period: 10,
    financialYear: 2024,
    units: "gbp",
    categories: {},
    totals: { actualToDate: null, forecastOutturn: null, budget: null },
  },
});

/** The cell under a header, in the row whose first cell shows `label`, below the row of `tableTitle`. */
function tableCell(
  sheet: SheetPlan,
  tableTitle: string,
  label: string,
  header: string,
): { row: number; col: number; cell: PlanCell } {
  const grid = cellGrid(sheet);
  const titleRow = grid.findIndex((row) => row?.[0]?.value === tableTitle);
  if (titleRow < 0) throw new Error(`no table '${tableTitle}'`);
  const headerRow = grid.findIndex((cells, r) => r > titleRow && cells?.some((cell) => cell?.value === header));
  const col = headerRow < 0 ? -1 : grid[headerRow].findIndex((cell) => cell?.value === header);
  const row = grid.findIndex((cells, r) => r > headerRow && cells?.[0]?.value === label);
  if (col < 0 || row < 0) throw new Error(`no '${label}' / '${header}' in '${tableTitle}'`);
  return { row, col, cell: grid[row][col] as PlanCell };
}

describe("the demand sheets", () => {
  it("writes the three sheets, with a forecast", () => {
    expect(part.sheets.map((s) => [s.key, s.name])).toEqual(DEMAND_SHEETS.map((s) => [s.key, s.name]));
    expect(part.forecast?.model.referencePeriod).toEqual({ start: day("01/02/2022"), end: periodEnd });
  });

  it("has every formula evaluate to the engine's value", () => {
    expect(planMismatches(plan(), [])).toEqual([]);
  });

  it("adds the cost of the 59 days after P10 to the actual to date", () => {
    const cost = sheetByKey(plan(), "demandCost");
    const forecastCell = tableCell(cost, "2024/25 forecast outturn", "Residential", "Forecast outturn £");
    const projectedCell = tableCell(cost, "2024/25 forecast outturn", "Residential", "Projected to 31 March £");
    const forecast = part.forecast;
    if (!forecast) throw new Error("no forecast");
    const rest = costByFinancialYear(
      forecast.base.projection,
      forecast.shares,
      {
        weeklyCostGbp: { ...Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, 0])), ...weekly },
        priceYear: 2024,
        upliftRates: {},
      },
      periodEnd,
    ).years[0];
    expect(rest.lastDay - rest.firstDay + 1).toBe(59);
    expect(projectedCell.cell.value).toBeCloseTo(rest.byCategory.residential?.costGbp ?? NaN, 6);
    const evaluated = evaluatePlan(plan(), []).value(cost.name, forecastCell.row, forecastCell.col);
    expect(evaluated).toBeCloseTo(12_119_924 + (rest.byCategory.residential?.costGbp ?? NaN), 4);
  });

  it("recalculates the money when a weekly cost changes on the sheet it comes from", () => {
    const cost = sheetByKey(plan(), "demandCost");
    const total = tableCell(cost, "Cost £", "Residential", "2025/26");
    const before = evaluatePlan(plan(), []).value(cost.name, total.row, total.col) as number;
    const after = evaluatePlan(plan(linksSheet({ ...weekly, residential: 2 * 4528 })), []).value(
      cost.name,
      total.row,
      total.col,
    ) as number;
    expect(after).toBeCloseTo(2 * before, 4);
    // At 2025/26 prices: one 5% uplift on the 2024/25 weekly cost.
    const days = tableCell(cost, "Expected placement days", "Residential", "2025/26").cell.value as number;
    expect(before).toBeCloseTo((days * 4528 * 1.05) / 7, 4);
  });

  it("shows the scenario beside the base, its cost live on the Cost forecast's prices", () => {
    const sheet = sheetByKey(plan(), "demandScenarios");
    const difference = tableCell(sheet, "Scenario beside the base, by financial year", "2025/26", "Difference £");
    const comparison = part.forecast?.scenario?.comparison.find((y) => y.financialYear === 2025);
    expect(difference.cell.value).toBeCloseTo(comparison?.differenceGbp ?? NaN, 6);
    expect(comparison?.differenceGbp).toBeLessThan(0);
  });
});

/** The sheet as Excel or ExcelJS would hand it back: values only, dates as serials. */
function gridOf(sheet: SheetPlan): SheetGrid {
  return {
    name: sheet.name,
    origin: { row: 0, col: 0 },
    cells: Array.from(cellGrid(sheet), (row) =>
      Array.from(row ?? [], (cell) => (cell?.value ?? null) as string | number | null),
    ),
  };
}

describe("reading the Scenarios sheet back", () => {
  const sheet = sheetByKey(plan(), "demandScenarios");

  it("gives the scenario it shows", () => {
    expect(readScenarioSheet(gridOf(sheet))).toEqual(scenario);
  });

  it("reads rows the user adds, and names the cell of a bad input", () => {
    const grid = gridOf(sheet);
    const header = grid.cells.findIndex((row) => row?.[0] === "Type");
    grid.cells[header + 4] = ["Exits", "Residential, Other", null, "16 years and over", "1.2"];
    expect(readScenarioSheet(grid)?.adjustments[3]).toEqual({
      type: "exits",
      from: ["residential", "other"],
      ageBands: ["16plus"],
      multiply: 1.2,
    });
    (grid.cells[header + 4] as unknown[])[4] = "lots";
    expect(() => readScenarioSheet(grid)).toThrow(
      new LacError(
        "value",
        `sheet 'Scenarios': cell E${header + 5} (Multiply): expected a number from 0 to 100 (0.9 = 10% fewer), found "lots"`,
      ),
    );
  });

  it("is empty when nothing is filled in", () => {
    const empty = buildDemandSheets(demandInput(), computeDemandFigures(demandInput(), context), context).sheets.find(
      (s) => s.key === "demandScenarios",
    ) as SheetPlan;
    expect(readScenarioSheet(gridOf(empty))).toBeNull();
  });
});
