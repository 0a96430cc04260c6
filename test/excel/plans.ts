/**
 * Workbooks and plans for the Excel-layer tests: a budget monitoring sheet of any number of lines, and
 * a plan shaped like the builder's (assumptions with named inputs, a spend sheet of live formulas that
 * read the user's cells, a table, a chart), small enough to check by hand.
 */
import { sheetRef } from "../../src/core/grid";
import type { CellBlock, PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import { FakeExcel } from "../support/fakeExcel";

export const BUDGET_SHEET = "Budget P10";

/** Header at B3 (row 2, col 1), lines below: label, budget, actual to date, forecast outturn. */
export function budgetRows(lines: number): unknown[][] {
  const rows: unknown[][] = [["Placement line", "Budget £", "Actual to date £", "Forecast outturn £"]];
  for (let i = 0; i < lines; i++) rows.push([`Line ${i + 1}`, 100_000 + i, 80_000 + i, 120_000 + i]);
  return rows;
}

export function workbookWithBudget(lines: number, options: { excelApi?: string } = {}): FakeExcel {
  return new FakeExcel(options)
    .addSheet("Notes", [["Our own notes"], ["=1+1 is how we write it"]])
    .addSheet(BUDGET_SHEET, budgetRows(lines), { row: 2, col: 1 });
}

const text = (value: string, style?: PlanCell["style"]): PlanCell => ({ value, style });

export function spendPlan(lines: number, names: { assumptions?: string; spend?: string } = {}): WorkbookPlan {
  const assumptions = names.assumptions ?? "Assumptions";
  const spend = names.spend ?? "Spend";
  const assumptionBlock: CellBlock = {
    row: 0,
    col: 0,
    cells: [
      [text("Assumptions", "title"), null],
      [text("Weeks per year"), { value: 52, format: "0.00", style: "input" }],
      [text("Uplift"), { value: 0.05, format: "0.0%", style: "input" }],
      // Text that Excel would otherwise read as a formula, a number or a date.
      [text("=SUM(A1:A3) is how the finance team checks it", "note"), text("+44 161 000 0000")],
      [text("-"), text("@risk")],
      [text("007"), text("Apr-24")],
    ],
  };
  const lineRows: (PlanCell | null)[][] = [];
  for (let i = 0; i < lines; i++) {
    const sourceRow = 3 + i; // budget lines start one below the header at row 2
    lineRows.push([
      { formula: sheetRef(BUDGET_SHEET, sourceRow, 1, 1, 1), value: `Line ${i + 1}`, style: "label" },
      { formula: sheetRef(BUDGET_SHEET, sourceRow, 4, 1, 1), value: 120_000 + i, format: "£#,##0", style: "linked" },
      { formula: `B${i + 2}*(1+LAC_Uplift)`, value: (120_000 + i) * 1.05, format: "£#,##0" },
    ]);
  }
  const spendBlock: CellBlock = {
    row: 0,
    col: 0,
    cells: [[text("Line", "header"), text("Forecast outturn", "header"), text("Next year", "header")], ...lineRows],
  };
  const totalBlock: CellBlock = {
    row: lines + 2,
    col: 0,
    cells: [
      [text("Total", "total"), { formula: `SUM(B2:B${lines + 1})`, value: 0, format: "£#,##0", style: "total" }, null],
    ],
  };
  return {
    sheets: [
      {
        key: "assumptions",
        name: assumptions,
        blocks: [assumptionBlock],
        columnWidths: { 0: 40, 1: 14 },
        tabColor: "1F4E79",
      },
      {
        key: "spend",
        name: spend,
        blocks: [spendBlock, totalBlock],
        columnWidths: { 0: 30, 1: 16, 2: 16 },
        freeze: { rows: 1, cols: 1 },
        tables: [{ name: "LAC_SpendTable", row: 0, col: 0, rows: lines + 1, cols: 3 }],
        charts: [
          {
            key: "spendChart",
            type: "columnClustered",
            title: "Forecast outturn by line",
            categories: { sheet: spend, row: 1, col: 0, rows: lines, cols: 1 },
            series: [
              {
                name: "Forecast outturn",
                values: { sheet: spend, row: 1, col: 1, rows: lines, cols: 1 },
                color: "1F4E79",
              },
              { name: "Next year", values: { sheet: spend, row: 1, col: 2, rows: lines, cols: 1 }, dashed: true },
            ],
            anchor: { row: 1, col: 5, rows: 15, cols: 8 },
            yAxisTitle: "£",
            yAxisFormat: "£#,##0",
          },
        ],
      },
    ],
    names: [
      { name: "LAC_WeeksPerYear", ref: { sheet: assumptions, row: 1, col: 1, rows: 1, cols: 1 } },
      { name: "LAC_Uplift", ref: { sheet: assumptions, row: 2, col: 1, rows: 1, cols: 1 }, comment: "Annual uplift" },
    ],
    warnings: [],
    summary: {
      period: 10,
      financialYear: 2024,
      units: "gbp",
      categories: {},
      totals: { actualToDate: null, forecastOutturn: null, budget: null },
    },
  };
}
