/**
 * The Needs projection sheet: the counts of children looked after (from the Assumptions sheet), the
 * trend through them read at each date up to the target (Excel's own FORECAST.LINEAR or GROWTH, so it
 * audits without the add-in), and rates per 10,000 children. The trend and rates are worked out
 * beforehand (computeCoreFigures); this places them with their formulas.
 */
import { formatDate } from "../../core/dates";
import type { Assumptions } from "../assumptions";
import type { NeedsFigures } from "../figures";
import { FORMATS, formula, headers, text } from "../cells";
import { ref, SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { CellValue, PlanCell, RangeRef, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { AssumptionsSheet } from "./assumptions";
import { maxOf } from "../../core/arrays";

export interface NeedsInput {
  name: string;
  assumptions: Assumptions;
  inputs: AssumptionsSheet;
  figures: NeedsFigures;
}

export interface NeedsSheet {
  sheet: SheetPlan;
  /** The latest count and its date; null without any history. */
  current: Figure | null;
  currentDate: Figure | null;
  /** The trend read at the projection target date; null when there is no trend. */
  projected: Figure | null;
  /** Rate per 10,000 of the latest count ("" value without a population). */
  currentRate: { pos: Pos; value: CellValue } | null;
  /** Ranges for the chart of counts and trend (the trend is null when there is none). */
  chart: { dates: RangeRef; counts: RangeRef; trend: RangeRef | null } | null;
  warnings: Diagnostic[];
}

type Column = "date" | "count" | "trend" | "rate";

export function buildNeedsSheet({ name, assumptions: a, inputs, figures }: NeedsInput): NeedsSheet {
  const w = new SheetWriter("needs", name);
  w.append([
    [text("Needs projection: children looked after", "title")],
    [
      text(
        `Counts from the Assumptions sheet. The trend is Excel's FORECAST.LINEAR (linear) or GROWTH (exponential) through every count, as ${N.projectionMethod} says, read at each date up to ${N.projectionTargetDate}.`,
        "note",
      ),
    ],
  ]);
  if (inputs.history.length === 0) return noCounts(w, inputs.sheet.name);

  const { counts, dates, trend } = figures;
  const headlineKeys: HeadlineKey[] = trend
    ? ["current", "currentDate", "projected", "change", "rate"]
    : ["current", "currentDate", "rate"];
  const headline = new TableLayout<"label" | "value" | "note">(
    name,
    w.reserve(headlineKeys.length + 1),
    0,
    ["label", "value", "note"],
    headlineKeys.length,
  );
  const headlinePos = (key: HeadlineKey): Pos => headline.cell(headlineKeys.indexOf(key), "value");
  const table = writeCountsTable(w, inputs.history, figures);
  const cells = headlineCells(table, figures, headlinePos, name);
  w.write(headline.top, 0, [headers(["Figure", "Value", "Note"]), ...headlineKeys.map((key) => cells[key])]);

  const last = counts.length - 1;
  return {
    sheet: w.plan({ columnWidths: { 0: 44, 1: 22, 2: 16, 3: 22 } }),
    current: { pos: headlinePos("current"), value: counts[last] },
    currentDate: { pos: headlinePos("currentDate"), value: dates[last] },
    projected: trend ? { pos: headlinePos("projected"), value: trend.atTarget } : null,
    currentRate: { pos: headlinePos("rate"), value: figures.rates[last] ?? "" },
    chart: {
      dates: table.column("date"),
      counts: table.column("count"),
      trend: trend ? table.column("trend") : null,
    },
    warnings: needsWarnings(a, figures, { inputs: inputs.sheet.name, needs: name }),
  };
}

/** Without counts the sheet says so, and there is nothing to project. */
function noCounts(w: SheetWriter, inputsName: string): NeedsSheet {
  w.append([
    [text("No counts of children looked after are given: enter them on the Assumptions sheet and rebuild.", "warning")],
  ]);
  return {
    sheet: w.plan(),
    current: null,
    currentDate: null,
    projected: null,
    currentRate: null,
    chart: null,
    warnings: [
      {
        severity: "warning",
        message:
          "No counts of children looked after were given, so there is no needs projection. Enter dates and counts on the Assumptions sheet.",
        where: `sheet '${inputsName}'`,
      },
    ],
  };
}

/** Why the trend is missing or doubtful: refused by the fit, a target not after the counts, a trend below zero. */
function needsWarnings(a: Assumptions, figures: NeedsFigures, sheets: { inputs: string; needs: string }): Diagnostic[] {
  const { trend } = figures;
  if (figures.refused !== null)
    return [
      {
        severity: "warning",
        message: `No needs projection: ${figures.refused}.`,
        where: `sheet '${sheets.inputs}'`,
      },
    ];
  if (!trend) return [];
  const warnings: Diagnostic[] = [];
  const target = a.projectionTargetDate;
  const lastDate = maxOf(figures.dates, -Infinity);
  if (target <= lastDate) {
    warnings.push({
      severity: "warning",
      message: `The projection target date ${formatDate(target)} is not after the latest count (${formatDate(lastDate)}).`,
      where: `sheet '${sheets.inputs}'`,
    });
  }
  if (trend.atTarget < 0) {
    warnings.push({
      severity: "warning",
      message: `The ${trend.method} trend falls below zero by ${formatDate(target)}: use a shorter history or the exponential method.`,
      where: `sheet '${sheets.needs}'`,
    });
  }
  return warnings;
}

/** The counts linked from the Assumptions sheet, then the future dates, with the trend and rate of each. */
function writeCountsTable(
  w: SheetWriter,
  history: AssumptionsSheet["history"],
  figures: NeedsFigures,
): TableLayout<Column> {
  const name = w.name;
  const { trend } = figures;
  const future = trend?.future ?? [];
  const columns: Column[] = trend ? ["date", "count", "trend", "rate"] : ["date", "count", "rate"];
  const table = new TableLayout<Column>(
    name,
    w.reserve(history.length + future.length + 1),
    0,
    columns,
    history.length + future.length,
  );
  const dateRef = (i: number): string => ref(table.cell(i, "date"), name);
  const trendCell = (i: number, value: number): PlanCell =>
    formula(
      `IF(${N.projectionMethod}="exponential",GROWTH(${N.historyCounts},${N.historyDates},${dateRef(i)}),FORECAST.LINEAR(${dateRef(i)},${N.historyCounts},${N.historyDates}))`,
      value,
      FORMATS.countDecimal,
    );
  const rateCell = (i: number, of: "count" | "trend", rate: number | null): PlanCell => {
    const cell = ref(table.cell(i, of), name);
    return formula(
      `IF(AND(${N.population0to17}>0,ISNUMBER(${cell}),${cell}>=0),${cell}/${N.population0to17}*10000,"")`,
      rate ?? "",
      FORMATS.rate,
    );
  };
  const rows = history.map((h, i) =>
    table.row({
      date: formula(ref(h.date.pos, name), h.date.value, FORMATS.date),
      count: formula(ref(h.count.pos, name), h.count.value, FORMATS.count),
      trend: trend ? trendCell(i, trend.atCounts[i]) : null,
      rate: rateCell(i, "count", figures.rates[i]),
    }),
  );
  future.forEach(({ date, monthsBack, count, rate }, j) => {
    const i = history.length + j;
    rows.push(
      table.row({
        date: formula(
          monthsBack === 0 ? N.projectionTargetDate : `EDATE(${N.projectionTargetDate},-${monthsBack})`,
          date,
          FORMATS.date,
        ),
        trend: trendCell(i, count),
        rate: rateCell(i, "trend", rate),
      }),
    );
  });
  w.write(table.top, 0, [headers(columns.map((c) => COLUMN_HEADERS[c])), ...rows]);
  return table;
}

/** The headline figures: the latest count and its date, the trend at the target and the change to it, the rate. */
function headlineCells(
  table: TableLayout<Column>,
  figures: NeedsFigures,
  headlinePos: (key: HeadlineKey) => Pos,
  name: string,
): Record<HeadlineKey, (PlanCell | null)[]> {
  const { counts, dates, trend } = figures;
  const last = counts.length - 1;
  const current = ref(headlinePos("current"), name);
  return {
    current: [
      text("Children looked after at the latest count", "label"),
      formula(ref(table.cell(last, "count"), name), counts[last], FORMATS.count),
    ],
    currentDate: [
      text("Date of the latest count", "label"),
      formula(ref(table.cell(last, "date"), name), dates[last], FORMATS.date),
    ],
    projected: trend
      ? [
          text("Projected at the target date (trend)", "label"),
          formula(ref(table.cell(table.rowCount - 1, "trend"), name), trend.atTarget, FORMATS.countDecimal),
          text(
            "The cost projection uses the council's own projected count instead when one is given on the Assumptions sheet.",
            "note",
          ),
        ]
      : [],
    change: trend
      ? [
          text("Change from the latest count to the target date", "label"),
          formula(
            `IF(${current}>0,${ref(headlinePos("projected"), name)}/${current}-1,"")`,
            counts[last] > 0 ? trend.atTarget / counts[last] - 1 : "",
            FORMATS.percent,
          ),
        ]
      : [],
    rate: [
      text("Rate per 10,000 children at the latest count", "label"),
      formula(ref(table.cell(last, "rate"), name), figures.rates[last] ?? "", FORMATS.rate),
    ],
  };
}

type HeadlineKey = "current" | "currentDate" | "projected" | "change" | "rate";

const COLUMN_HEADERS: Record<Column, string> = {
  date: "Date",
  count: "Children looked after",
  trend: "Trend",
  rate: "Rate per 10,000 children",
};
