/**
 * The Needs projection sheet: the counts of children looked after (from the Assumptions sheet), the
 * trend through them read at each date up to the target (Excel's own FORECAST.LINEAR or GROWTH, so it
 * audits without the add-in), and rates per 10,000 children.
 */
import { addMonths, formatDate } from "../../core/dates";
import { isLacError } from "../../core/errors";
import { fitProjection, type Projection } from "../../core/projection";
import { ratePer } from "../../core/rate";
import type { Assumptions } from "../assumptions";
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

export function buildNeedsSheet({ name, assumptions: a, inputs }: NeedsInput): NeedsSheet {
  const w = new SheetWriter("needs", name);
  const warnings: Diagnostic[] = [];
  const history = inputs.history;
  const population = a.population0to17.value;
  const target = a.projectionTargetDate;

  w.append([
    [text("Needs projection: children looked after", "title")],
    [
      text(
        `Counts from the Assumptions sheet. The trend is Excel's FORECAST.LINEAR (linear) or GROWTH (exponential) through every count, as ${N.projectionMethod} says, read at each date up to ${N.projectionTargetDate}.`,
        "note",
      ),
    ],
  ]);
  if (history.length === 0) {
    w.append([
      [
        text(
          "No counts of children looked after are given: enter them on the Assumptions sheet and rebuild.",
          "warning",
        ),
      ],
    ]);
    warnings.push({
      severity: "warning",
      message:
        "No counts of children looked after were given, so there is no needs projection. Enter dates and counts on the Assumptions sheet.",
      where: `sheet '${inputs.sheet.name}'`,
    });
    return {
      sheet: w.plan(),
      current: null,
      currentDate: null,
      projected: null,
      currentRate: null,
      chart: null,
      warnings,
    };
  }

  const counts = history.map((h) => h.count.value ?? 0);
  const dates = history.map((h) => h.date.value ?? 0);
  let projection: Projection | null = null;
  try {
    projection = fitProjection(counts, dates, a.projectionMethod);
  } catch (error) {
    if (!isLacError(error)) throw error;
    warnings.push({
      severity: "warning",
      message: `No needs projection: ${error.message}.`,
      where: `sheet '${inputs.sheet.name}'`,
    });
  }

  const lastDate = maxOf(dates, -Infinity);
  const futureDates: { date: number; monthsBack: number }[] = [];
  if (projection) {
    for (let k = 1; addMonths(target, -12 * k) > lastDate; k += 1)
      futureDates.unshift({ date: addMonths(target, -12 * k), monthsBack: 12 * k });
    futureDates.push({ date: target, monthsBack: 0 });
    if (target <= lastDate) {
      warnings.push({
        severity: "warning",
        message: `The projection target date ${formatDate(target)} is not after the latest count (${formatDate(lastDate)}).`,
        where: `sheet '${inputs.sheet.name}'`,
      });
    }
    if (projection.at(target) < 0) {
      warnings.push({
        severity: "warning",
        message: `The ${a.projectionMethod} trend falls below zero by ${formatDate(target)}: use a shorter history or the exponential method.`,
        where: `sheet '${name}'`,
      });
    }
  }

  const headlineKeys: HeadlineKey[] = projection
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

  const columns: Column[] = projection ? ["date", "count", "trend", "rate"] : ["date", "count", "rate"];
  const table = new TableLayout<Column>(
    name,
    w.reserve(history.length + futureDates.length + 1),
    0,
    columns,
    history.length + futureDates.length,
  );
  const dateRef = (i: number): string => ref(table.cell(i, "date"), name);
  const trendCell = (i: number, fit: Projection, date: number): PlanCell =>
    formula(
      `IF(${N.projectionMethod}="exponential",GROWTH(${N.historyCounts},${N.historyDates},${dateRef(i)}),FORECAST.LINEAR(${dateRef(i)},${N.historyCounts},${N.historyDates}))`,
      fit.at(date),
      FORMATS.countDecimal,
    );
  const rateOf = (count: number | null): CellValue =>
    population !== null && population > 0 && count !== null && count >= 0 ? ratePer(count, population) : "";
  const rateCell = (i: number, of: "count" | "trend", count: number | null): PlanCell => {
    const cell = ref(table.cell(i, of), name);
    return formula(
      `IF(AND(${N.population0to17}>0,ISNUMBER(${cell}),${cell}>=0),${cell}/${N.population0to17}*10000,"")`,
      rateOf(count),
      FORMATS.rate,
    );
  };

  const rows = history.map((h, i) =>
    table.row({
      date: formula(ref(h.date.pos, name), h.date.value, FORMATS.date),
      count: formula(ref(h.count.pos, name), h.count.value, FORMATS.count),
      trend: projection ? trendCell(i, projection, dates[i]) : null,
      rate: rateCell(i, "count", h.count.value),
    }),
  );
  if (projection) {
    futureDates.forEach(({ date, monthsBack }, j) => {
      const i = history.length + j;
      rows.push(
        table.row({
          date: formula(
            monthsBack === 0 ? N.projectionTargetDate : `EDATE(${N.projectionTargetDate},-${monthsBack})`,
            date,
            FORMATS.date,
          ),
          trend: trendCell(i, projection, date),
          rate: rateCell(i, "trend", projection.at(date)),
        }),
      );
    });
  }
  w.write(table.top, 0, [headers(columns.map((c) => COLUMN_HEADERS[c])), ...rows]);

  const last = history.length - 1;
  const targetRow = table.rowCount - 1;
  const current: Figure = { pos: headlinePos("current"), value: counts[last] };
  const projected: Figure | null = projection ? { pos: headlinePos("projected"), value: projection.at(target) } : null;
  const headlineCells: Record<HeadlineKey, (PlanCell | null)[]> = {
    current: [
      text("Children looked after at the latest count", "label"),
      formula(ref(table.cell(last, "count"), name), counts[last], FORMATS.count),
    ],
    currentDate: [
      text("Date of the latest count", "label"),
      formula(ref(table.cell(last, "date"), name), dates[last], FORMATS.date),
    ],
    projected: projection
      ? [
          text("Projected at the target date (trend)", "label"),
          formula(ref(table.cell(targetRow, "trend"), name), projection.at(target), FORMATS.countDecimal),
          text(
            "The cost projection uses the council's own projected count instead when one is given on the Assumptions sheet.",
            "note",
          ),
        ]
      : [],
    change: projection
      ? [
          text("Change from the latest count to the target date", "label"),
          formula(
            `IF(${ref(current.pos, name)}>0,${ref(headlinePos("projected"), name)}/${ref(current.pos, name)}-1,"")`,
            counts[last] > 0 ? projection.at(target) / counts[last] - 1 : "",
            FORMATS.percent,
          ),
        ]
      : [],
    rate: [
      text("Rate per 10,000 children at the latest count", "label"),
      formula(ref(table.cell(last, "rate"), name), rateOf(counts[last]), FORMATS.rate),
    ],
  };
  w.write(headline.top, 0, [headers(["Figure", "Value", "Note"]), ...headlineKeys.map((key) => headlineCells[key])]);

  return {
    sheet: w.plan({ columnWidths: { 0: 44, 1: 22, 2: 16, 3: 22 } }),
    current,
    currentDate: { pos: headlinePos("currentDate"), value: dates[last] },
    projected,
    currentRate: { pos: headlinePos("rate"), value: rateOf(counts[last]) },
    chart: {
      dates: table.column("date"),
      counts: table.column("count"),
      trend: projection ? table.column("trend") : null,
    },
    warnings,
  };
}

type HeadlineKey = "current" | "currentDate" | "projected" | "change" | "rate";

const COLUMN_HEADERS: Record<Column, string> = {
  date: "Date",
  count: "Children looked after",
  trend: "Trend",
  rate: "Rate per 10,000 children",
};
