/**
 * The In care sheet (seed 000 lines 390-437): children looked after at each 31 March, the population
 * and the rate per 10,000 beside the comparators, with a line chart; the children by age group (count
 * and %), by placement group and by provider (in-house or external).
 */
import type { CareHistory } from "../../core/careHistory";
import { AGE_BANDS, type AgeBand, PLACEMENT_GROUP_LABELS, PLACEMENT_GROUPS, PROVISION_LABELS, PROVISIONS } from "../../core/codes903";
import { formatDate } from "../../core/dates";
import { FORMATS, formula, num, text } from "../cells";
import { type Pos, SheetWriter } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { PlanCell, SheetPlan } from "../plan";
import {
  CARE_COMPARATORS,
  COMPARATOR_SOURCE_NOTE,
  type CareSheetData,
  careColumnWidths,
  comparatorRow,
  comparatorSeries,
  lineChart,
  rateCell,
  shareCell,
  YearTable,
  yearPopulation,
} from "./careTables";

export interface InCareSheet {
  sheet: SheetPlan;
  /** The population cell of each period, which the Starters and leavers rates read. */
  population: Pos[];
}

type AgeRow = AgeBand | "unknown" | "total";

export function buildInCareSheet({ periods, measures, context }: CareSheetData, history: CareHistory): InCareSheet {
  const name = context.sheetName("careInCare");
  const w = new SheetWriter("careInCare", name);
  const episodes = history.children.reduce((n, child) => n + child.episodes.length, 0);
  const span = periods[periods.length - 1].period.end;
  w.append([
    [text("Children looked after (SSDA903)", "title")],
    [
      text(
        `Counted from the SSDA903 episodes (${history.children.length.toLocaleString("en-GB")} children, ${episodes.toLocaleString("en-GB")} episodes, to ${formatDate(span)}) when this workbook was built: children looked after at 31 March of each year, or at the latest date of the data in a part-year column. Short breaks (legal status V3/V4) are not counted. Totals, percentages and rates are formulas.`,
        "note",
      ),
    ],
  ]);

  const anyUnknown = measures.some((m) => m.lookedAfter.ageUnknown > 0);
  const ageRows: AgeRow[] = [...AGE_BANDS.map((b) => b.band), ...(anyUnknown ? (["unknown"] as const) : []), "total"];
  const comparators = comparatorSeries(context, CARE_COMPARATORS.lookedAfterRate);
  const comparatorKeys = comparators.map((_, i) => `comparator${i}`);
  const rateKeys = ["count", "population", "rate", ...comparatorKeys];

  const rateTop = w.reserve(YearTable.height(rateKeys.length), 0);
  const rateNote = w.reserve(1);
  const rates = new YearTable<string>(name, rateTop, periods, rateKeys);
  const countTop = w.reserve(YearTable.height(ageRows.length));
  const ages = new YearTable<AgeRow>(name, countTop, periods, ageRows);
  const shareRows = AGE_BANDS.map((b) => b.band);
  const shares = new YearTable<AgeBand>(name, w.reserve(YearTable.height(shareRows.length)), periods, shareRows);
  const groupRows = [...PLACEMENT_GROUPS, "total"] as const;
  const groups = new YearTable<(typeof groupRows)[number]>(name, w.reserve(YearTable.height(groupRows.length)), periods, groupRows);
  const providers = new YearTable<(typeof PROVISIONS)[number]>(name, w.reserve(YearTable.height(PROVISIONS.length)), periods, PROVISIONS);

  const latestIndex = periods.length - 1;
  rates.write(w, "Rate per 10,000 children aged 0-17", {
    count: { label: text("Children looked after", "label"), cell: (i) => formula(ages.ref("total", i, name), measures[i].lookedAfter.total, FORMATS.count) },
    population: {
      label: text("Population aged 0-17 (ONS mid-year estimate)", "label"),
      cell: (i) => {
        if (i === latestIndex && yearPopulation(context, periods[i]) === null) {
          return formula(`IF(ISNUMBER(${N.population0to17}),${N.population0to17},"")`, measures[i].population ?? "", FORMATS.count);
        }
        return { value: measures[i].population, format: FORMATS.count, style: "input" };
      },
    },
    rate: {
      label: text("This council: rate per 10,000", "label"),
      cell: (i) => rateCell(rates.ref("count", i, name), rates.ref("population", i, name), measures[i].lookedAfter.total, measures[i].population),
    },
    ...Object.fromEntries(comparators.map((series, k) => [comparatorKeys[k], comparatorRow(series, periods, FORMATS.rate)])),
  });
  w.write(rateNote, 0, [[text(`Population: one figure per year; the latest column reads ${N.population0to17} on the Assumptions sheet unless a figure is typed here. ${COMPARATOR_SOURCE_NOTE}`, "note")]]);

  const ageCount = (band: AgeBand) => (i: number) => num(measures[i].lookedAfter.byAgeBand[band], FORMATS.count);
  const firstBand = AGE_BANDS[0].band;
  const lastBand = AGE_BANDS[AGE_BANDS.length - 1].band;
  ages.write(w, "Age group - count", {
    ...Object.fromEntries(AGE_BANDS.map((b) => [b.band, { label: text(b.label, "label"), cell: ageCount(b.band) }])),
    unknown: { label: text("Age not known (no date of birth)", "label"), cell: (i: number) => num(measures[i].lookedAfter.ageUnknown, FORMATS.count) },
    total: {
      label: text("Total children", "total"),
      cell: (i: number) => formula(`SUM(${ages.span(firstBand, anyUnknown ? "unknown" : lastBand, i)})`, measures[i].lookedAfter.total, FORMATS.count, "total"),
    },
  } as Record<AgeRow, { label: PlanCell; cell: (i: number) => PlanCell }>);

  shares.write(
    w,
    "Age group - %",
    Object.fromEntries(
      AGE_BANDS.map((b) => [
        b.band,
        {
          label: text(b.label, "label"),
          cell: (i: number) => {
            const counts = measures[i].lookedAfter.byAgeBand;
            const known = AGE_BANDS.reduce((n, x) => n + counts[x.band], 0);
            return shareCell(ages.ref(b.band, i, name), `SUM(${ages.span(firstBand, lastBand, i)})`, counts[b.band], known);
          },
        },
      ]),
    ) as Record<AgeBand, { label: PlanCell; cell: (i: number) => PlanCell }>,
  );

  groups.write(w, "Placement type - count", {
    ...Object.fromEntries(PLACEMENT_GROUPS.map((g) => [g, { label: text(PLACEMENT_GROUP_LABELS[g], "label"), cell: (i: number) => num(measures[i].lookedAfter.byPlacementGroup[g], FORMATS.count) }])),
    total: {
      label: text("Total children", "total"),
      cell: (i: number) => formula(`SUM(${groups.span(PLACEMENT_GROUPS[0], PLACEMENT_GROUPS[PLACEMENT_GROUPS.length - 1], i)})`, measures[i].lookedAfter.total, FORMATS.count, "total"),
    },
  } as Record<(typeof groupRows)[number], { label: PlanCell; cell: (i: number) => PlanCell }>);

  providers.write(
    w,
    "Provider - count",
    Object.fromEntries(PROVISIONS.map((p) => [p, { label: text(PROVISION_LABELS[p], "label"), cell: (i: number) => num(measures[i].lookedAfter.byProvision[p], FORMATS.count) }])) as Record<
      (typeof PROVISIONS)[number],
      { label: PlanCell; cell: (i: number) => PlanCell }
    >,
  );

  w.addChart(
    lineChart(
      "careLookedAfterRate",
      "Children looked after per 10,000 children aged 0-17",
      rates,
      "rate",
      comparators.map((series, k) => ({ name: series.name, key: comparatorKeys[k] })),
      "Rate per 10,000",
      FORMATS.rate,
      rateTop,
    ),
  );
  return {
    sheet: w.plan({ columnWidths: careColumnWidths(periods.length), freeze: { rows: 0, cols: 1 } }),
    population: periods.map((_, i) => rates.pos("population", i)),
  };
}
