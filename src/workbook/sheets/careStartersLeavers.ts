/**
 * The Starters and leavers sheet (seed 000 lines 438-566): children who started and who ceased to be
 * looked after in each year, rates per 10,000 beside the comparators (with line charts), both by age
 * group (count and %), and the reasons for ceasing, code by code in the order seed 000 lists them.
 */
import type { FlowCounts, PeriodMeasures } from "../../core/careMeasures";
import { AGE_BANDS, type AgeBand, REASONS_CEASED } from "../../core/codes903";
import { FORMATS, formula, num, text } from "../cells";
import { type Pos, ref, SheetWriter } from "../layout";
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
} from "./careTables";

type Row = { label: PlanCell; cell: (period: number) => PlanCell | null };
type Flow = "started" | "ceased";

const FLOW_WORDS: Record<Flow, { heading: string; rateTitle: string; chartKey: string; comparators: string }> = {
  started: { heading: "Started to be looked after", rateTitle: "Rate of children starting to be looked after, per 10,000 children aged 0-17", chartKey: "careStartedRate", comparators: CARE_COMPARATORS.startedRate },
  ceased: { heading: "Ceased to be looked after", rateTitle: "Rate of children ceasing to be looked after, per 10,000 children aged 0-17", chartKey: "careCeasedRate", comparators: CARE_COMPARATORS.ceasedRate },
};

export function buildStartersLeaversSheet({ periods, measures, context }: CareSheetData, population: readonly Pos[]): SheetPlan {
  const name = context.sheetName("careStartersLeavers");
  const w = new SheetWriter("careStartersLeavers", name);
  w.append([
    [text("Children starting and ceasing to be looked after (SSDA903)", "title")],
    [
      text(
        "Each child is counted once a year: at the first time they started in it (their age then), and at the last time they ceased in it (their age and reason then). Short breaks (V3/V4) are not counted. A part-year column counts to the latest date of the data. Rates read the population on the In care sheet.",
        "note",
      ),
    ],
  ]);
  const anyUnknown = measures.some((m) => m.started.ageUnknown > 0 || m.ceased.ageUnknown > 0);

  for (const flow of ["started", "ceased"] as const) {
    const words = FLOW_WORDS[flow];
    const counts = (m: PeriodMeasures): FlowCounts => m[flow];
    const comparators = comparatorSeries(context, words.comparators);
    const comparatorKeys = comparators.map((_, i) => `comparator${i}`);
    const rateKeys = ["count", "rate", ...comparatorKeys];
    const rates = new YearTable<string>(name, w.reserve(YearTable.height(rateKeys.length), 0), periods, rateKeys);
    const noteRow = w.reserve(1);
    const ageRows: (AgeBand | "unknown" | "total")[] = [...AGE_BANDS.map((b) => b.band), ...(anyUnknown ? (["unknown"] as const) : []), "total"];
    const ages = new YearTable<AgeBand | "unknown" | "total">(name, w.reserve(YearTable.height(ageRows.length)), periods, ageRows);
    const shares = new YearTable<AgeBand>(name, w.reserve(YearTable.height(AGE_BANDS.length)), periods, AGE_BANDS.map((b) => b.band));
    const firstBand = AGE_BANDS[0].band;
    const lastBand = AGE_BANDS[AGE_BANDS.length - 1].band;

    rates.write(w, words.rateTitle, {
      count: { label: text(`Children who ${flow === "started" ? "started" : "ceased"} in the year`, "label"), cell: (i) => formula(ages.ref("total", i, name), counts(measures[i]).total, FORMATS.count) },
      rate: {
        label: text("This council: rate per 10,000", "label"),
        cell: (i) => rateCell(rates.ref("count", i, name), ref(population[i], name), counts(measures[i]).total, measures[i].population),
      },
      ...Object.fromEntries(comparators.map((series, k) => [comparatorKeys[k], comparatorRow(series, periods, FORMATS.rate)])),
    });
    w.write(noteRow, 0, [[text(COMPARATOR_SOURCE_NOTE, "note")]]);

    const ageTable: Record<string, Row> = {
      total: {
        label: text("Total children", "total"),
        cell: (i) => formula(`SUM(${ages.span(firstBand, anyUnknown ? "unknown" : lastBand, i)})`, counts(measures[i]).total, FORMATS.count, "total"),
      },
      unknown: { label: text("Age not known (no date of birth)", "label"), cell: (i) => num(counts(measures[i]).ageUnknown, FORMATS.count) },
    };
    for (const b of AGE_BANDS) ageTable[b.band] = { label: text(b.label, "label"), cell: (i) => num(counts(measures[i]).byAgeBand[b.band], FORMATS.count) };
    ages.write(w, `${words.heading}: age group - count`, ageTable);

    const shareTable: Record<string, Row> = {};
    for (const b of AGE_BANDS) {
      shareTable[b.band] = {
        label: text(b.label, "label"),
        cell: (i) => {
          const byBand = counts(measures[i]).byAgeBand;
          const known = AGE_BANDS.reduce((n, x) => n + byBand[x.band], 0);
          return shareCell(ages.ref(b.band, i, name), `SUM(${ages.span(firstBand, lastBand, i)})`, byBand[b.band], known);
        },
      };
    }
    shares.write(w, `${words.heading}: age group - %`, shareTable);

    w.addChart(
      lineChart(
        words.chartKey,
        words.rateTitle,
        rates,
        "rate",
        comparators.map((series, k) => ({ name: series.name, key: comparatorKeys[k] })),
        "Rate per 10,000",
        FORMATS.rate,
        rates.top,
      ),
    );
  }

  const present = REASONS_CEASED.filter((reason) => measures.some((m) => (m.ceased.byReason[reason.code] ?? 0) > 0));
  const reasonKeys = [...present.map((r) => r.code), "total"];
  const reasons = new YearTable<string>(name, w.reserve(YearTable.height(reasonKeys.length)), periods, reasonKeys);
  const reasonTable: Record<string, Row> = {
    total: {
      label: text("Total children who ceased", "total"),
      cell: (i) => formula(present.length ? `SUM(${reasons.span(present[0].code, present[present.length - 1].code, i)})` : "0", measures[i].ceased.total, FORMATS.count, "total"),
    },
  };
  for (const reason of present) {
    reasonTable[reason.code] = { label: text(`${reason.code} - ${reason.label}`, "label"), cell: (i) => num(measures[i].ceased.byReason[reason.code] ?? 0, FORMATS.count) };
  }
  reasons.write(w, "Reason for ceasing to be looked after", reasonTable);

  return w.plan({ columnWidths: careColumnWidths(periods.length), freeze: { rows: 0, cols: 1 } });
}
