/**
 * The demand sheets at every point of the year against every end of the 903 data: periods P1, P6, P10
 * and P12 of 2024/25, with data ending 45 days before the period end, on it and 45 days after it. Each
 * must build, every formula must evaluate to the engine's value (a formula asking for a price factor
 * the price table does not hold would not), and this year's outturn must add the projection's cost of
 * exactly the days from the period end to 31 March: none at P12, where the outturn is the actual.
 */
import path from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { buildWorkbook } from "../../src/cli/commands";
import { financialYearEnd, periodEnd as periodEndOf } from "../../src/core/dates";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";
import { STATE_COUNT } from "../../src/core/demand/states";
import type { Assumptions } from "../../src/workbook/assumptions";
import { sheetContext } from "../../src/workbook/context";
import { computeDemandFigures } from "../../src/workbook/figures";
import type { PlanCell, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { buildDemandSheets, DEMAND_SHEETS, type DemandSheetsInput } from "../../src/workbook/sheets/demand";
import { linkedMoney, linksSheet, type LinkFigures } from "../support/demandLinks";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { cellGrid, sheetByKey } from "../workbook/planReader";

const FINANCIAL_YEAR = 2024;
const YEAR_END = financialYearEnd(FINANCIAL_YEAR);

const FIGURES: LinkFigures = {
  weekly: {
    residential: 4528,
    inHouseFostering: 241,
    ifa: 798,
    kinship: 241,
    supported: 1062,
    placedWithParents: 0,
    other: 500,
  },
  upliftRates: [0.05, 0.04, 0.03],
  spend: {
    residential: [14_000_000, 12_119_924, 14_000_100],
    ifa: [5_500_000, 4_745_315, 5_690_000],
  },
};
const links = linksSheet(FIGURES);

function demandInput(dataEnd: number): DemandSheetsInput {
  const { history } = simulateCareHistories({
    seed: dataEnd,
    firstDay: dataEnd - 12 * 365,
    lastDay: dataEnd,
    ...typicalCouncilRates(0.5),
    inHouseFosteringShare: 0.6,
  });
  return { history, ...linkedMoney(FIGURES) };
}

/** The row of a table below its title whose first cell shows `label`, and the column headed `header`. */
function tableCell(
  sheet: SheetPlan,
  title: string,
  label: string,
  header: string,
): { row: number; col: number; cell: PlanCell } {
  const grid = cellGrid(sheet);
  const titleRow = grid.findIndex((row) => row?.[0]?.value === title);
  if (titleRow < 0) throw new Error(`no table '${title}' on '${sheet.name}'`);
  const headerRow = grid.findIndex((cells, r) => r > titleRow && cells?.some((cell) => cell?.value === header));
  const col = headerRow < 0 ? -1 : grid[headerRow].findIndex((cell) => cell?.value === header);
  const row = grid.findIndex((cells, r) => r > headerRow && cells?.[0]?.value === label);
  if (col < 0 || row < 0) throw new Error(`no '${label}' / '${header}' in '${title}'`);
  return { row, col, cell: grid[row][col] as PlanCell };
}

const PERIODS = [1, 6, 10, 12];
const DATA_ENDS = [
  { when: "before", offset: -45 },
  { when: "on", offset: 0 },
  { when: "after", offset: 45 },
];
const OUTTURN_TITLE = "2024/25 forecast outturn";

describe.each(PERIODS)("the demand sheets at P%i of 2024/25", (period) => {
  const periodEnd = periodEndOf(FINANCIAL_YEAR, period);
  const daysLeft = YEAR_END - periodEnd;

  it.each(DATA_ENDS)(
    "build with the 903 data ending $when the period end, and cost exactly the days left of the year",
    ({ offset }) => {
      const dataEnd = periodEnd + offset;
      // The data end as a build states it (the simulation's last day), not the latest event in the data.
      const assumptions = {
        upliftBaseYear: FINANCIAL_YEAR,
        careDataEnd: { value: dataEnd, source: "the simulation's last day" },
      } as Assumptions;
      const context = sheetContext(
        Object.fromEntries(DEMAND_SHEETS.map((s) => [s.key, s.name])),
        assumptions,
        periodEnd,
      );
      const input = demandInput(dataEnd);
      const part = buildDemandSheets(input, computeDemandFigures(input, context), context);
      const forecast = part.forecast;
      if (!forecast) throw new Error(`no forecast: ${part.warnings.map((w) => w.message).join("; ")}`);
      expect(part.sheets.map((s) => s.key)).toEqual(DEMAND_SHEETS.map((s) => s.key));
      // The forecast starts from the last day children are known, never after the period end.
      expect(forecast.model.referencePeriod.end).toBe(Math.min(dataEnd, periodEnd));

      const plan: WorkbookPlan = {
        sheets: [links, ...part.sheets],
        names: [],
        warnings: [],
        summary: {
          period,
          financialYear: FINANCIAL_YEAR,
          units: "gbp",
          categories: {},
          totals: { actualToDate: null, forecastOutturn: null, budget: null },
        },
      };
      expect(planMismatches(plan, [])).toEqual([]);

      // The outturn table is there, and its days are the projection's children over the days left, summed
      // here from the projection itself rather than from the costing code under test.
      const cost = sheetByKey(plan, "demandCost");
      const days = tableCell(cost, OUTTURN_TITLE, "Total", "Placement days to 31 March").cell.value as number;
      const { projection } = forecast.base;
      let expected = 0;
      for (let t = periodEnd - projection.startDate + 1; t <= YEAR_END - projection.startDate; t += 1) {
        for (let s = 0; s < STATE_COUNT; s += 1) expected += projection.mean[t * STATE_COUNT + s];
      }
      expect(days).toBeCloseTo(expected, 6);
      if (daysLeft === 0) expect(days).toBe(0);
      else expect(days).toBeGreaterThan(daysLeft);

      // Forecast outturn = actual + projected, evaluated as Excel would; at the year end, the actual.
      const evaluation = evaluatePlan(plan, []);
      const value = (header: string): number => {
        const cell = tableCell(cost, OUTTURN_TITLE, "Residential", header);
        return evaluation.value(cost.name, cell.row, cell.col) as number;
      };
      expect(value("Forecast outturn £")).toBeCloseTo(12_119_924 + value("Projected to 31 March £"), 4);
      if (daysLeft === 0) expect(value("Projected to 31 March £")).toBe(0);
      else expect(value("Projected to 31 March £")).toBeGreaterThan(0);

      const costedFromProjection = part.warnings.some((w) => w.message.includes("costed from projected children"));
      expect(costedFromProjection).toBe(offset < 0);
    },
  );
});

describe("the year-end build of the examples", () => {
  it("builds at P12 of 2020/21 with the returns ending on 31 March 2021 (it failed on a price factor of 2020/21)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lac-p12-"));
    const assumptions = path.join(dir, "p12.json");
    writeFileSync(assumptions, JSON.stringify({ period: 12, financialYear: 2020 }));
    const returns = (kind: string) =>
      ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));
    const result = await buildWorkbook({
      input: path.join("examples", "p10-budget-monitoring.xlsx"),
      output: path.join(dir, "built.xlsx"),
      assumptions,
      episodes: returns("episodes"),
      header: returns("header"),
    });
    const cost = sheetByKey(result.plan, "demandCost");
    const grid = cellGrid(cost);
    expect(grid.some((row) => row?.[0]?.value === "2020/21 forecast outturn")).toBe(true);
    const residential = tableCell(cost, "2020/21 forecast outturn", "Residential", "Projected to 31 March £");
    expect(residential.cell.value).toBe(0);
    expect(tableCell(cost, "2020/21 forecast outturn", "Residential", "Forecast outturn £").cell.value).toBe(
      12_119_924,
    );
  });
});
