/**
 * Workbooks and plans for testing the .xlsx host without the workbook builder: a user's workbook with
 * the awkward things real ones have, and a hand-made WorkbookPlan that uses every feature of the plan.
 */
import ExcelJS from "exceljs";
import type { SheetPlan, WorkbookPlan, PlanCell } from "../../src/workbook/plan";
import { SEED_SPEND } from "../workbook/seed";

/** The published strategy's P10 spend table ( "Accommodation and Support Spend"), in £: one copy, in test/workbook/seed. */
export { SEED_SPEND };

/** Text a user may type that a careless writer would turn into a formula. */
export const FORMULA_LOOKING_TEXT = ["=SUM(B6:B12)", "+44 151 934 4000", "-", "@risk", "=cmd|' /C calc'!A0"];

export async function makeUserWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Finance";
  workbook.created = new Date(Date.UTC(2022, 1, 10));
  workbook.modified = new Date(Date.UTC(2022, 1, 10));
  const summary = workbook.addWorksheet("P10 Summary", { properties: { tabColor: { argb: "FF00B050" } } });
  summary.mergeCells("A1:C1");
  summary.getCell("A1").value = "Children's Placements Budget Monitoring 2021/22";
  summary.getCell("A1").font = { bold: true, size: 14 };
  summary.getCell("A2").value = "Period 10 (January 2022)";
  summary.getRow(4).values = ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"];
  summary.getRow(4).font = { bold: true };
  summary.getRow(5).values = ["", "£", "£"];
  SEED_SPEND.forEach(([label, actual, forecast], i) => {
    const row = summary.getRow(6 + i);
    row.values = [label, actual, forecast];
    row.getCell(2).numFmt = "#,##0";
    row.getCell(3).numFmt = "#,##0";
  });
  const totalActual = SEED_SPEND.reduce((sum, line) => sum + line[1], 0);
  const totalForecast = SEED_SPEND.reduce((sum, line) => sum + line[2], 0);
  summary.getCell("A13").value = "Total";
  summary.getCell("B13").value = { formula: "SUM(B6:B12)", result: totalActual };
  summary.getCell("C13").value = { formula: "SUM(C6:C12)", result: totalForecast };
  summary.getCell("A15").value = "Source: P10 Budget Monitoring report";
  summary.getCell("A15").font = { italic: true };
  summary.getColumn(1).width = 48;
  summary.views = [{ state: "frozen", ySplit: 5 }];

  const notes = workbook.addWorksheet("Notes");
  FORMULA_LOOKING_TEXT.forEach((text, i) => {
    notes.getCell(i + 1, 1).value = text;
  });
  notes.getCell("B1").value = new Date(Date.UTC(2022, 0, 31));
  notes.getCell("B1").numFmt = "dd/mm/yyyy";
  notes.getCell("B2").value = { richText: [{ text: "Rich ", font: { bold: true } }, { text: "text" }] };
  notes.getCell("B3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  notes.getCell("B4").value = true;

  const hidden = workbook.addWorksheet("Lookups", { state: "hidden" });
  hidden.getCell("A1").value = "IFA";
  hidden.getCell("B1").value = 798;

  workbook.definedNames.add("'P10 Summary'!$B$13", "TotalActual");
  workbook.definedNames.add("Notes!$A$1:$A$5", "_xlnm.Print_Area");
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function text(value: string, style?: PlanCell["style"]): PlanCell {
  return { value, style };
}

function money(value: number, formula?: string): PlanCell {
  return { value, formula, format: "£#,##0" };
}

/**
 * A plan using every feature: styles, number formats, formulas (standard, `_xlfn.` future functions and
 * the add-in's LAC.* functions), text that looks like formulas, widths, freeze panes, a table, a
 * defined name, and one chart of each kind. Sheet names can be given to simulate a resolved name.
 */
export function handMadePlan(names: { assumptions?: string; spend?: string; summary?: string } = {}): WorkbookPlan {
  const assumptionsName = names.assumptions ?? "Assumptions";
  const spendName = names.spend ?? "Spend";
  const summaryName = names.summary ?? "Summary";
  const population = 54_098;
  const assumptions: SheetPlan = {
    key: "assumptions",
    name: assumptionsName,
    tabColor: "FFC000",
    columnWidths: { 0: 34, 1: 14, 2: 40 },
    blocks: [
      { row: 0, col: 0, cells: [[text("Assumptions", "title")]] },
      {
        row: 2,
        col: 0,
        cells: [
          [
            text("Population aged 0-17", "label"),
            { value: population, format: "#,##0", style: "input" },
            text("ONS mid-2020 estimate", "note"),
          ],
          [
            text("Weeks per year", "label"),
            { value: 52, format: "0.000", style: "input" },
            text("Budget convention", "note"),
          ],
          [text("Period end", "label"), { value: 44592, format: "dd/mm/yyyy", style: "input" }, null],
        ],
      },
    ],
  };
  const spendRows = SEED_SPEND.map(([label, actual, forecast], i): (PlanCell | null)[] => [
    text(label, "label"),
    money(actual, `'P10 Summary'!$B$${6 + i}`),
    money(forecast, `'P10 Summary'!$C$${6 + i}`),
    {
      value: (forecast / population) * 10_000,
      formula: `LAC.RATE(C${5 + i},LAC_Population0to17,10000)`,
      format: "0.00",
    },
  ]);
  const totalActual = SEED_SPEND.reduce((sum, line) => sum + line[1], 0);
  const totalForecast = SEED_SPEND.reduce((sum, line) => sum + line[2], 0);
  const xs = [1, 2, 3, 4, 5];
  const ys = [436, 480, 527, 566, 613];
  const spend: SheetPlan = {
    key: "spend",
    name: spendName,
    freeze: { rows: 4, cols: 1 },
    columnWidths: { 0: 48, 1: 18, 2: 18, 3: 14 },
    tables: [{ name: "LAC_SpendTable", row: 3, col: 0, rows: 8, cols: 4 }],
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [[text("Spend by setting type", "title")], [text("£, from sheet 'P10 Summary'", "subtitle")]],
      },
      {
        row: 3,
        col: 0,
        cells: [
          [
            text("Setting type", "header"),
            text("Actual to date", "header"),
            text("Forecast outturn", "header"),
            text("Per 10,000 children", "header"),
          ],
          ...spendRows,
        ],
      },
      {
        row: 11,
        col: 0,
        cells: [
          [
            text("Total", "total"),
            { ...money(totalActual, "SUM(B5:B11)"), style: "total" },
            { ...money(totalForecast, "SUM(C5:C11)"), style: "total" },
            null,
          ],
          [text("Text from the source stays text:", "note")],
          ...FORMULA_LOOKING_TEXT.map((value) => [text(value)]),
          [text("Projection (x, count)", "subtitle"), null, null, null],
          ...xs.map((x, i) => [{ value: x }, { value: ys[i] }, null, null] as (PlanCell | null)[]),
          [
            text("At x = 9", "label"),
            { value: 788.4, formula: "FORECAST.LINEAR(9,B20:B24,A20:A24)", format: "0.0" },
            null,
            null,
          ],
          [
            text("Check", "warning"),
            { value: "ok", formula: 'IF(B25>0,"ok","check")' },
            { value: true, formula: "B25>788" },
            null,
          ],
        ],
      },
    ],
  };
  const summary: SheetPlan = {
    key: "summary",
    name: summaryName,
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [
          [text("Summary", "title")],
          [{ value: totalForecast, formula: `'${spendName}'!C12`, format: "£#,##0", style: "total" }],
        ],
      },
    ],
    charts: [
      {
        key: "spendByCategory",
        type: "columnClustered",
        title: "Spend by setting type",
        categories: { sheet: spendName, row: 4, col: 0, rows: 7, cols: 1 },
        series: [
          { name: "Actual to date", values: { sheet: spendName, row: 4, col: 1, rows: 7, cols: 1 } },
          { name: "Forecast outturn", values: { sheet: spendName, row: 4, col: 2, rows: 7, cols: 1 }, color: "C55A11" },
        ],
        anchor: { row: 3, col: 0, rows: 18, cols: 8 },
        xAxisTitle: "Setting type",
        yAxisTitle: "£",
        yAxisFormat: "£#,##0",
      },
      {
        key: "lacProjection",
        type: "line",
        title: "Children looked after",
        categories: { sheet: spendName, row: 19, col: 0, rows: 5, cols: 1 },
        series: [
          { name: "Count", values: { sheet: spendName, row: 19, col: 1, rows: 5, cols: 1 } },
          { name: "Projection", values: { sheet: spendName, row: 19, col: 1, rows: 5, cols: 1 }, dashed: true },
        ],
        anchor: { row: 3, col: 9, rows: 18, cols: 8 },
        yAxisTitle: "Children",
      },
      {
        key: "spendShare",
        type: "pie",
        title: "Share of forecast",
        categories: { sheet: spendName, row: 4, col: 0, rows: 7, cols: 1 },
        series: [{ name: "Forecast outturn", values: { sheet: spendName, row: 4, col: 2, rows: 7, cols: 1 } }],
        anchor: { row: 22, col: 0, rows: 18, cols: 8 },
      },
      {
        key: "spendBars",
        type: "barClustered",
        title: "Forecast by setting type",
        categories: { sheet: spendName, row: 4, col: 0, rows: 7, cols: 1 },
        series: [{ name: "Forecast outturn", values: { sheet: spendName, row: 4, col: 2, rows: 7, cols: 1 } }],
        anchor: { row: 22, col: 9, rows: 18, cols: 8 },
        yAxisFormat: "#,##0",
      },
      {
        key: "spendStacked",
        type: "columnStacked",
        title: "Actual and remaining forecast",
        categories: { sheet: "P10 Summary", row: 5, col: 0, rows: 7, cols: 1 },
        series: [
          { name: "Actual", values: { sheet: "P10 Summary", row: 5, col: 1, rows: 7, cols: 1 } },
          { name: "Forecast", values: { sheet: "P10 Summary", row: 5, col: 2, rows: 7, cols: 1 } },
        ],
        anchor: { row: 41, col: 0, rows: 18, cols: 8 },
      },
      {
        key: "countMarkers",
        type: "lineMarkers",
        title: "Counts with markers",
        categories: { sheet: spendName, row: 19, col: 0, rows: 5, cols: 1 },
        series: [{ name: "Count", values: { sheet: spendName, row: 19, col: 1, rows: 5, cols: 1 } }],
        anchor: { row: 41, col: 9, rows: 18, cols: 8 },
      },
    ],
  };
  return {
    sheets: [assumptions, spend, summary],
    names: [
      {
        name: "LAC_Population0to17",
        ref: { sheet: assumptionsName, row: 2, col: 1, rows: 1, cols: 1 },
        comment: "Children aged 0-17 (ONS)",
      },
      { name: "LAC_WeeksPerYear", ref: { sheet: assumptionsName, row: 3, col: 1, rows: 1, cols: 1 } },
    ],
    warnings: [],
    summary: {
      period: 10,
      financialYear: 2021,
      units: "gbp",
      categories: { residential: { actualToDate: 12_119_924, forecastOutturn: 14_000_100 } },
      totals: { actualToDate: totalActual, forecastOutturn: totalForecast, budget: null },
    },
  };
}
