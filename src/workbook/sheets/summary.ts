/**
 * The Summary sheet: the headline figures (each a link to the sheet that works it out), the two
 * charts (spend by category; children looked after and the trend), what the user should read
 * (warnings), and which cells need the add-in loaded.
 */
import { OGL_ATTRIBUTION } from "../../core/benchmarks";
import { financialYearLabel } from "../../core/dates";
import { FORMATS, formula, headers, text } from "../cells";
import type { FormulaCell } from "../formulas";
import { ref, SheetWriter, TableLayout, type Pos } from "../layout";
import type { CellValue, ChartPlan, ChartSeriesPlan, PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { Question } from "../../sources/questions";
import type { CostProjectionSheet } from "./costProjection";
import type { NeedsSheet } from "./needs";
import type { SpendSheet } from "./spend";

export interface SummaryInput {
  name: string;
  period: number | null;
  financialYear: number | null;
  sourceSheets: string[];
  spend: SpendSheet;
  needs: NeedsSheet;
  costProjection: CostProjectionSheet;
  warnings: Diagnostic[];
  /** What the add-in is unsure of: "Check these", above every figure. */
  questions: Question[];
  /** Formula cells elsewhere in the plan that call the add-in's functions. */
  addInCells: FormulaCell[];
  /** The chosen council's published rate beside its neighbours, region and England (Benchmarks sheet). */
  comparison?: {
    council: string;
    year: number;
    figures: { label: string; pos: Pos; value: number | null; format: string }[];
  };
}

interface Headline {
  label: string;
  pos: Pos;
  value: CellValue | null;
  format: string;
}

const CHART_COL = 4;
const CHART_ROWS = 16;
const CHART_COLS = 8;

export function buildSummarySheet(input: SummaryInput): SheetPlan {
  const { name, spend, needs } = input;
  const w = new SheetWriter("summary", name);
  w.append(titleRows(input));
  if (input.questions.length > 0) w.append(checkThese(input.questions));
  const chartTop = writeHeadlineTable(w, name, headlineFigures(input));
  if (input.comparison) w.append(headlineComparison(input.comparison, name));
  addSpendChart(w, spend, chartTop);
  addLookedAfterChart(w, needs, chartTop);
  // Below the charts, the message last: a long message then reads on across the empty cells to its right.
  w.belowCharts();
  const notes = readAndAddInNotes(input);
  if (notes.length > 0) w.append(notes.map((row) => (row.length ? row : [null])));
  return w.plan({ columnWidths: { 0: 60, 1: 40 } });
}

/** The title (period and year), which sheets the build read, and how many warnings wait further down. */
function titleRows(input: SummaryInput): (PlanCell | null)[][] {
  const when = [
    input.period !== null ? `P${input.period}` : null,
    input.financialYear !== null ? financialYearLabel(input.financialYear) : null,
  ]
    .filter(Boolean)
    .join(" ");
  return [
    [text(`Placement sufficiency${when ? `: ${when}` : ""}`, "title")],
    [
      text(
        `Built from ${input.sourceSheets.length ? input.sourceSheets.map((s) => `'${s}'`).join(", ") : "no recognised sheet"}. Every figure links to the sheet that works it out; inputs are on the Assumptions sheet.`,
        "note",
      ),
    ],
    ...(input.warnings.length > 0
      ? [
          [
            text(
              `${input.warnings.length} ${input.warnings.length === 1 ? "thing" : "things"} to read: see "Please read" further down.`,
              input.warnings.some((w) => w.severity === "warning") ? "warning" : "note",
            ),
          ],
        ]
      : []),
  ];
}

/** The headline figures in display order: spend totals that exist, the latest count and rate, then cost. */
function headlineFigures(input: SummaryInput): Headline[] {
  const { spend, needs, costProjection: cost } = input;
  const headlines: Headline[] = [];
  const spendTotal = (column: Parameters<SpendSheet["total"]>[0], label: string): void => {
    const figure = spend.total(column);
    if (figure) headlines.push({ label, pos: figure.pos, value: figure.value, format: FORMATS.gbp });
  };
  spendTotal("budget", "Budget £");
  spendTotal("actualToDate", "Actual to date £");
  spendTotal("forecastOutturn", "Forecast outturn £ (the council's)");
  spendTotal("variance", "Variance £");
  spendTotal("runRate", "Run-rate outturn £");
  spendTotal("commitmentOutturn", "Commitment-based outturn £ (placement list, where it covers)");
  if (needs.current)
    headlines.push({
      label: "Children looked after at the latest count",
      pos: needs.current.pos,
      value: needs.current.value,
      format: FORMATS.count,
    });
  if (needs.currentRate)
    headlines.push({
      label: "Rate per 10,000 children",
      pos: needs.currentRate.pos,
      value: needs.currentRate.value,
      format: FORMATS.rate,
    });
  headlines.push(
    {
      label: "Children looked after projected at the target date",
      pos: cost.count.target.pos,
      value: cost.count.target.value,
      format: FORMATS.count,
    },
    {
      label: "Current annual cost of placements £",
      pos: cost.currentCost.pos,
      value: cost.currentCost.value,
      format: FORMATS.gbp,
    },
    {
      label: "Projected annual cost at the target date £",
      pos: cost.total.target.pos,
      value: cost.total.target.value,
      format: FORMATS.gbp,
    },
  );
  return headlines;
}

/** Writes the Figure/Value table, each value a link to its source cell; returns its top row (the charts align to it). */
function writeHeadlineTable(w: SheetWriter, name: string, headlines: Headline[]): number {
  const table = new TableLayout<"label" | "value">(
    name,
    w.reserve(headlines.length + 1),
    0,
    ["label", "value"],
    headlines.length,
  );
  w.write(table.top, 0, [
    headers(["Figure", "Value"]),
    ...headlines.map((h) =>
      table.row({ label: text(h.label, "label"), value: formula(ref(h.pos, name), h.value, h.format) }),
    ),
  ]);
  return table.top;
}

/** Actual to date and forecast outturn by placement category, beside the headline table (if the Spend sheet has categories). */
function addSpendChart(w: SheetWriter, spend: SpendSheet, chartTop: number): void {
  if (spend.categories.length === 0) return;
  const first = spend.categoryLabels[0];
  const series: ChartSeriesPlan[] = (["actualToDate", "forecastOutturn"] as const).flatMap((column) => {
    const top = spend.figure(spend.categories[0], column);
    return top
      ? [
          {
            name: column === "actualToDate" ? "Actual to date" : "Forecast outturn",
            values: {
              sheet: top.pos.sheet,
              row: top.pos.row,
              col: top.pos.col,
              rows: spend.categories.length,
              cols: 1,
            },
          },
        ]
      : [];
  });
  if (series.length === 0) return;
  w.addChart({
    key: "spendByCategory",
    type: "columnClustered",
    title: "Spend by placement category",
    categories: { sheet: first.sheet, row: first.row, col: first.col, rows: spend.categories.length, cols: 1 },
    series,
    anchor: { row: chartTop, col: CHART_COL, rows: CHART_ROWS, cols: CHART_COLS },
    yAxisTitle: "£",
    yAxisFormat: FORMATS.gbp,
  });
}

/** Children looked after over time with the fitted trend, below the spend chart (if the Needs sheet has a series). */
function addLookedAfterChart(w: SheetWriter, needs: NeedsSheet, chartTop: number): void {
  if (!needs.chart) return;
  const chart: ChartPlan = {
    key: "lacProjection",
    type: "line",
    title: "Children looked after: counts and trend",
    categories: needs.chart.dates,
    series: [
      { name: "Children looked after", values: needs.chart.counts },
      ...(needs.chart.trend ? [{ name: "Trend", values: needs.chart.trend, dashed: true }] : []),
    ],
    anchor: { row: chartTop + CHART_ROWS + 1, col: CHART_COL, rows: CHART_ROWS, cols: CHART_COLS },
    xAxisTitle: "Date",
    yAxisTitle: "Children",
    yAxisFormat: FORMATS.count,
  };
  w.addChart(chart);
}

/** "Please read" (each warning with where it arose) and the list of cells that call the add-in's functions. */
function readAndAddInNotes(input: SummaryInput): (PlanCell | null)[][] {
  const notes: (PlanCell | null)[][] = [];
  if (input.warnings.length > 0) {
    notes.push([text("Please read", "subtitle")], headers(["Where", "Message"]));
    for (const warning of input.warnings)
      notes.push([
        text(warning.where ?? ""),
        text(warning.message, warning.severity === "warning" ? "warning" : "note"),
      ]);
    notes.push([]);
  }
  if (input.addInCells.length > 0) {
    notes.push([text("Cells that need the add-in loaded (they use its LAC functions)", "subtitle")]);
    for (const cell of input.addInCells)
      notes.push([text(`'${cell.sheet}'!${cell.address}`), text(cell.formula, "note")]);
  }
  return notes;
}

/** Below the headline figures: the council's published rate per 10,000 against its neighbours, region and England. */
function headlineComparison(comparison: NonNullable<SummaryInput["comparison"]>, name: string): (PlanCell | null)[][] {
  return [
    [
      text(
        `How ${comparison.council} compares: children looked after per 10,000 children aged 0-17, 31 March ${comparison.year}`,
        "subtitle",
      ),
    ],
    headers(["Published by the DfE", "Rate per 10,000"]),
    ...comparison.figures.map((f) => [
      text(f.label, "label"),
      f.value === null ? text("not published", "note") : formula(ref(f.pos, name), f.value, f.format),
    ]),
    [
      text(
        `From the Benchmarks sheet (every year, with starters and leavers, stability, placement mix and unit costs). ${OGL_ATTRIBUTION}`,
        "note",
      ),
    ],
  ];
}

/** Lines listed under one question; the rest are on the Spend sheet. */
const LINES_SHOWN = 40;

/**
 * "Check these": each question the build could not settle, with the lines it asks about (label, cell,
 * amount and the words that decided), before any figure, so no figure is read without them.
 */
function checkThese(questions: Question[]): (PlanCell | null)[][] {
  const rows: (PlanCell | null)[][] = [
    [text(`Check these before reading the figures (${questions.length})`, "subtitle")],
    [
      text(
        "The add-in was not sure of the following. Answer them in the task pane (Sources) or the assumptions file, then build again.",
        "note",
      ),
    ],
  ];
  for (const question of questions) {
    rows.push([text(question.where ?? `sheet '${question.sheet}'`), text(question.message, "warning")]);
    const lines = question.lines ?? [];
    for (const line of lines.slice(0, LINES_SHOWN)) {
      const amount =
        line.amountGbp === null ? "" : ` (£${line.amountGbp.toLocaleString("en-GB", { maximumFractionDigits: 0 })})`;
      rows.push([text(`    ${line.where}`, "note"), text(`'${line.label}'${amount}: ${line.decidedBy}`, "note")]);
    }
    if (lines.length > LINES_SHOWN)
      rows.push([null, text(`... and ${lines.length - LINES_SHOWN} more lines: see the Spend sheet.`, "note")]);
  }
  rows.push([null]);
  return rows;
}
