/**
 * The Spend sheet for the layouts real council workbooks bring: a ledger export (lines not counted as
 * placements listed and reconciled), a monthly profile (actual to date a live SUM of the actual months),
 * a table turned on its side, and a summary beside its detail (counted once). Every formula is evaluated
 * by HyperFormula against the user's own cells and must give the engine's figure.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { serialFromYmd } from "../../src/core/dates";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import type { PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import { planMismatches } from "../support/hyperformula";
import { rowLabelled, sheetByKey, tableRows } from "./planReader";

function fixtureSheets(file: string): SheetGrid[] {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "budget", file), "utf8")) as {
    sheets: { name: string; origin: { row: number; col: number }; cells: Cell[][] }[];
  };
  return fixture.sheets;
}

function build(sheets: SheetGrid[]): WorkbookPlan {
  const recognition = recogniseWorkbook(sheets);
  return buildSufficiencyPlan({
    recognition,
    assumptions: defaultAssumptions(recognition, { today: serialFromYmd(2022, 2, 18) }),
    existingSheets: sheets.map((s) => ({ name: s.name, ownedKey: null })),
  });
}

const value = (cell: PlanCell | null | undefined): unknown => cell?.value;

describe("a ledger export", () => {
  const sheets = fixtureSheets("27-ledger-export.json");
  const plan = build(sheets);
  const spend = sheetByKey(plan, "spend");

  it("counts only the placement lines by category, the line that needs a choice under its own name", () => {
    const categories = tableRows(spend, "Placement category").map((row) => [
      value(row["Placement category"]),
      value(row["Forecast outturn £"]),
    ]);
    expect(categories).toEqual([
      ["Needs a choice", 1_100_000],
      ["Independent Fostering", 5_200_000],
      ["In House Fostering", 3_100_000],
      ["Residential", 9_020_000],
      ["Supported Accommodation", 1_300_000],
      ["Total", 19_720_000],
    ]);
    expect(plan.summary.totals.forecastOutturn).toBe(19_720_000);
  });

  it("lists the lines not counted with their amounts, linked to the user's cells, and their total", () => {
    const start = rowLabelled(spend, "Lines not counted as placements").row;
    const header = rowLabelled(spend, "Line (as the source names it)", start);
    const forecast = header.cells.findIndex((cell) => cell?.value === "Forecast outturn £");
    const left = [
      "Fostering Service / Salaries",
      "Legal Services / Legal Fees",
      "Fostering Service / Foster Carer Recruitment",
      "Looked After Children - Placements / Agency Staff",
      "Total not counted",
    ].map((label) => rowLabelled(spend, label, start).cells[forecast]);
    expect(left.map(value)).toEqual([880_000, 560_000, 90_000, 320_000, 1_850_000]);
    expect(left[0]).toMatchObject({ formula: "'Ledger P10'!$G$5" });
    expect(rowLabelled(spend, "Lines not counted as placements").row).toBeGreaterThan(rowLabelled(spend, "Total").row);
  });

  it("puts the questions first on the Summary sheet", () => {
    const summary = sheetByKey(plan, "summary");
    const check = rowLabelled(summary, "Check these before reading the figures (2)");
    const figures = rowLabelled(summary, "Figure");
    expect(check.row).toBeLessThan(figures.row);
    expect(plan.summary.questions).toHaveLength(2);
  });

  it("has formulas that give the engine's figures", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
  });
});

describe("a monthly profile under Actual and Forecast bands", () => {
  const sheets = fixtureSheets("28-monthly-profile-bands.json");
  const plan = build(sheets);
  const lines = tableRows(sheetByKey(plan, "spend"), "Line (as the source names it)");

  it("gives actual to date as a live SUM of the actual months, and the period as the last of them", () => {
    expect(lines[0]["Actual to date £"]).toMatchObject({ formula: "SUM(Monthly!$C$4:$L$4)", value: 10_100_000 });
    expect(lines[0]["Forecast outturn £"]).toMatchObject({ formula: "Monthly!$O$4", value: 12_200_000 });
    expect(plan.summary.period).toBe(10);
  });

  it("has formulas that give the engine's figures", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
  });
});

describe("tables counted once", () => {
  it("a table turned on its side links each figure to the user's cell", () => {
    const sheets = fixtureSheets("30-categories-across-columns.json");
    const plan = build(sheets);
    const lines = tableRows(sheetByKey(plan, "spend"), "Line (as the source names it)");
    expect(lines[1]["Actual to date £"]).toMatchObject({ formula: "'Summary by type'!$C$4*1000", value: 4_800_000 });
    expect(planMismatches(plan, sheets)).toEqual([]);
  });

  it("a summary's placements line that totals the detail table is not counted again", () => {
    const sheets = fixtureSheets("31-summary-and-detail-tables.json");
    const plan = build(sheets);
    expect(plan.summary.totals.forecastOutturn).toBe(21_600_000);
    expect(planMismatches(plan, sheets)).toEqual([]);
  });
});

describe("a budget whose own total includes lines that are not placement costs", () => {
  const sheets: SheetGrid[] = [
    {
      name: "P10",
      origin: { row: 0, col: 0 },
      cells: [
        ["Placements P10 2021/22 £"],
        ["Line", "Actual to date", "Forecast outturn"],
        ["Residential", 1000, 1200],
        ["Salaries", 300, 360],
        ["Total", 1300, 1560],
      ],
    },
  ];
  const plan = build(sheets);
  const spend = sheetByKey(plan, "spend");

  it("still reconciles: the lines counted plus the lines not counted less the sheet's total is 0", () => {
    const difference = rowLabelled(
      spend,
      "Difference (sum of lines and of lines not counted, less the source's totals)",
    );
    const amounts = difference.cells.filter((cell) => cell?.formula !== undefined);
    expect(amounts.map(value)).toEqual([0, 0]);
    expect(plan.summary.totals.forecastOutturn).toBe(1200);
    expect(planMismatches(plan, sheets)).toEqual([]);
  });
});
