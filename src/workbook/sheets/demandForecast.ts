/**
 * The Demand forecast sheet: children looked after month by month with the band, by placement group,
 * at each 31 March by group and age band, and the rates fitted to the reference period behind it all.
 * Every figure is the engine's (recomputed on rebuild): the model is not a worksheet formula.
 */
import { AGE_BANDS, PLACEMENT_GROUP_LABELS, PLACEMENT_GROUPS } from "../../core/codes903";
import { financialPeriodOf, financialYearEnd, financialYearOf, formatDate, periodEnd } from "../../core/dates";
import type { DemandForecast } from "../../core/demand/forecast";
import type { DemandProjection, ProjectedAggregate } from "../../core/demand/project";
import { bandAround } from "../../core/demand/project";
import { DAYS_PER_YEAR } from "../../core/demand/scenario";
import { bandKey, BAND_COUNT, groupKey, STATE_COUNT, stateIndex, TOTAL_KEY } from "../../core/demand/states";
import { FORMATS, headers, num, text } from "../cells";
import { SheetWriter } from "../layout";
import type { PlanCell, RangeRef, SheetPlan } from "../plan";

export interface DemandForecastSheetInput {
  name: string;
  forecast: DemandForecast;
}

/** Day 0 and the last day of each month the projection reaches. */
export function monthEnds(projection: DemandProjection): number[] {
  const last = projection.startDate + projection.days;
  const dates = [projection.startDate];
  let date = projection.startDate;
  for (;;) {
    const monthEnd = periodEnd(financialYearOf(date + 1), financialPeriodOf(date + 1));
    if (monthEnd > last) break;
    dates.push(monthEnd);
    date = monthEnd;
  }
  return dates;
}

/** Each 31 March the projection reaches. */
export function yearEnds(projection: DemandProjection): number[] {
  const dates: number[] = [];
  for (
    let year = financialYearOf(projection.startDate + 1);
    financialYearEnd(year) <= projection.startDate + projection.days;
    year += 1
  ) {
    dates.push(financialYearEnd(year));
  }
  return dates;
}

export function aggregate(projection: DemandProjection, key: string): ProjectedAggregate {
  const found = projection.aggregates.find((a) => a.key === key);
  if (!found) throw new Error(`the projection has no total '${key}'`);
  return found;
}

const GROUP_COLOURS = ["1F4E79", "C55A11", "548235", "7F6000"];

export function buildDemandForecastSheet({ name, forecast }: DemandForecastSheetInput): SheetPlan {
  const w = new SheetWriter("demandForecast", name);
  writeHeadline(w, forecast);
  writeMonthEnds(w, name, forecast.base.projection);
  writeYearEnds(w, forecast.base.projection);
  writeFittedRates(w, forecast.model);
  return w.plan({
    columnWidths: { 0: 24, 1: 20, ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [i + 2, 13])) },
    freeze: { rows: 0, cols: 1 },
  });
}

/** The title, the note on the method, the reference period and what was left out. */
function writeHeadline(w: SheetWriter, forecast: DemandForecast): void {
  const { model } = forecast;
  const projection = forecast.base.projection;
  const period = model.referencePeriod;
  const years = (period.end - period.start + 1) / 365.25;

  w.append([
    [text("Demand forecast: children looked after by placement group and age", "title")],
    [
      text(
        `Projected day by day from the 903 episodes of the reference period: for each placement group and age band, the daily rates of moving placement group, growing into the next age band, leaving care and coming into care, as the open children's social care demand models fit them. The band is the expected number ± 2 standard deviations: chance in who moves and leaves, and the uncertainty of rates fitted from ${years.toFixed(1)} years of data; about 95% of outcomes fall inside it (back-tested). Recomputed each time the workbook is rebuilt: the model is not a worksheet formula.`,
        "note",
      ),
    ],
  ]);

  const startTotal = aggregate(projection, TOTAL_KEY).mean[0];
  w.append([
    [text("Reference period from", "label"), num(period.start, FORMATS.date)],
    [text("Reference period to", "label"), num(period.end, FORMATS.date)],
    [text("Projected from", "label"), num(projection.startDate, FORMATS.date)],
    [text("Projected to", "label"), num(projection.startDate + projection.days, FORMATS.date)],
    [text("Children looked after at the start", "label"), num(startTotal, FORMATS.count)],
    [text("Children left out: no date of birth", "label"), num(model.excluded.childrenWithoutDob, FORMATS.count)],
    [
      text("Short-break episodes left out (legal status V3, V4)", "label"),
      num(model.excluded.shortBreakEpisodes, FORMATS.count),
    ],
    ...model.warnings.map((warning) => [text(warning.message, "warning")]),
  ]);
}

/** Month by month: all children and each placement group, expected with the band, and two charts of them. */
function writeMonthEnds(w: SheetWriter, name: string, projection: DemandProjection): void {
  const series = [TOTAL_KEY, ...PLACEMENT_GROUPS.map(groupKey)].map((key) => aggregate(projection, key));
  const seriesLabels = ["All children", ...PLACEMENT_GROUPS.map((g) => PLACEMENT_GROUP_LABELS[g])];
  const dates = monthEnds(projection);
  w.append([[text("Children looked after at each month end", "subtitle")]], 0);
  const monthTop = w.append([
    headers(["Month end", ...seriesLabels.flatMap((label) => [`${label}: expected`, "lower", "upper"])]),
    ...dates.map((date) => {
      const t = date - projection.startDate;
      const cells: PlanCell[] = [num(date, FORMATS.date)];
      for (const s of series) {
        const { lower, upper } = bandAround(s.mean[t], s.variance[t]);
        cells.push(num(s.mean[t], FORMATS.count), num(lower, FORMATS.count), num(upper, FORMATS.count));
      }
      return cells;
    }),
  ]);
  const column = (col: number): RangeRef => ({ sheet: name, row: monthTop + 1, col, rows: dates.length, cols: 1 });
  const chartTop = w.reserve(20);
  w.addChart({
    key: "demandForecastBand",
    type: "line",
    title: "Children looked after: expected, with the band",
    categories: column(0),
    series: [
      { name: "Expected", values: column(1), color: "1F4E79" },
      { name: "Lower (2 standard deviations)", values: column(2), color: "8EA9DB", dashed: true },
      { name: "Upper (2 standard deviations)", values: column(3), color: "8EA9DB", dashed: true },
    ],
    anchor: { row: chartTop, col: 0, rows: 18, cols: 8 },
    xAxisTitle: "Month end",
    yAxisTitle: "Children",
    yAxisFormat: FORMATS.count,
  });
  w.addChart({
    key: "demandForecastGroups",
    type: "line",
    title: "Children looked after by placement group (expected)",
    categories: column(0),
    series: PLACEMENT_GROUPS.map((group, g) => ({
      name: PLACEMENT_GROUP_LABELS[group],
      values: column(4 + 3 * g),
      color: GROUP_COLOURS[g],
    })),
    anchor: { row: chartTop, col: 9, rows: 18, cols: 8 },
    xAxisTitle: "Month end",
    yAxisTitle: "Children",
    yAxisFormat: FORMATS.count,
  });
}

/** At each 31 March, by placement group and age band, expected with the band. */
function writeYearEnds(w: SheetWriter, projection: DemandProjection): void {
  const marches = yearEnds(projection);
  w.append([[text("Children looked after at each 31 March, by placement group and age band", "subtitle")]], 0);
  const stateRow = (
    groupLabel: string,
    bandLabel: string,
    mean: (t: number) => number,
    spread: (t: number) => number,
    style?: "total",
  ): PlanCell[] => [
    text(groupLabel, style ?? "label"),
    text(bandLabel, style ?? "label"),
    num(mean(0), FORMATS.count, style),
    ...marches.flatMap((date) => {
      const t = date - projection.startDate;
      const { lower, upper } = bandAround(mean(t), spread(t));
      return [num(mean(t), FORMATS.count, style), num(lower, FORMATS.count, style), num(upper, FORMATS.count, style)];
    }),
  ];
  const rows: PlanCell[][] = [];
  PLACEMENT_GROUPS.forEach((group, g) => {
    AGE_BANDS.forEach(({ label }, b) => {
      const s = stateIndex(g, b);
      rows.push(
        stateRow(
          PLACEMENT_GROUP_LABELS[group],
          label,
          (t) => projection.mean[t * STATE_COUNT + s],
          (t) => projection.variance[t * STATE_COUNT + s],
        ),
      );
    });
    const total = aggregate(projection, groupKey(group));
    rows.push(
      stateRow(
        PLACEMENT_GROUP_LABELS[group],
        "All ages",
        (t) => total.mean[t],
        (t) => total.variance[t],
        "total",
      ),
    );
  });
  for (const { band, label } of AGE_BANDS) {
    const total = aggregate(projection, bandKey(band));
    rows.push(
      stateRow(
        "All placement groups",
        label,
        (t) => total.mean[t],
        (t) => total.variance[t],
        "total",
      ),
    );
  }
  const all = aggregate(projection, TOTAL_KEY);
  rows.push(
    stateRow(
      "All placement groups",
      "All ages",
      (t) => all.mean[t],
      (t) => all.variance[t],
      "total",
    ),
  );
  w.append([
    headers([
      "Placement group",
      "Age band",
      `At ${formatDate(projection.startDate)}`,
      ...marches.flatMap((date) => [`${formatDate(date)}: expected`, "lower", "upper"]),
    ]),
    ...rows,
  ]);
}

/** The rates behind the projection, with the counts they were fitted from. */
function writeFittedRates(w: SheetWriter, model: DemandForecast["model"]): void {
  w.append(
    [
      [text("Rates fitted to the reference period", "subtitle")],
      [
        text(
          `Per year = daily rate x ${DAYS_PER_YEAR}. "Per child" rates are the share of a group's children who do it in a year.`,
          "note",
        ),
      ],
    ],
    0,
  );
  const n = STATE_COUNT;
  w.append([
    headers([
      "Placement group",
      "Age band",
      "Children at the start",
      "Days in care in the period",
      "Came into care",
      "Coming into care a year",
      "Left care",
      "Leaving care a year per child",
      "Moved placement group",
      "Moving group a year per child",
      "Grew into the next age band",
    ]),
    ...PLACEMENT_GROUPS.flatMap((group, g) =>
      AGE_BANDS.map(({ label }, b) => {
        const s = stateIndex(g, b);
        let moved = 0;
        let movingRate = 0;
        let grew = 0;
        for (let to = 0; to < n; to += 1) {
          if (Math.floor(to / BAND_COUNT) === g) grew += model.counts.transitions[s * n + to];
          else {
            moved += model.counts.transitions[s * n + to];
            movingRate += model.transitionRates[s * n + to];
          }
        }
        return [
          text(PLACEMENT_GROUP_LABELS[group], "label"),
          text(label, "label"),
          num(model.populationAtEnd[s], FORMATS.count),
          num(model.counts.childDays[s], FORMATS.count),
          num(model.counts.entries[s], FORMATS.count),
          num(model.entryRates[s] * DAYS_PER_YEAR, FORMATS.countDecimal),
          num(model.counts.exits[s], FORMATS.count),
          num(model.exitRates[s] * DAYS_PER_YEAR, FORMATS.percent),
          num(moved, FORMATS.count),
          num(movingRate * DAYS_PER_YEAR, FORMATS.percent),
          num(grew, FORMATS.count),
        ];
      }),
    ),
  ]);
}
