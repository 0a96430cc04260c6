/**
 * The Starters and leavers sheet (the published strategy): children who started and who ceased to be
 * looked after in each year, rates per 10,000 beside the comparators (with line charts), both by age
 * group (count and %), and the reasons for ceasing: code by code in the order the published strategy lists them, then
 * gathered into groups (adopted, special guardianship, ...) by live sums of those rows.
 */
import type { FlowCounts } from "../../core/careMeasures";
import { AGE_BANDS, type AgeBand, CEASED_GROUP_LABELS, type CeasedGroup, REASONS_CEASED } from "../../core/codes903";
import { FORMATS, formula, num, text } from "../cells";
import { type Pos, ref, SheetWriter } from "../layout";
import type { SheetPlan } from "../plan";
import {
  ageCountRows,
  type AgeRow,
  ageRowKeys,
  ageShareRows,
  CARE_COMPARATORS,
  type CareSheetData,
  comparatorNote,
  careColumnWidths,
  type ComparatorTable,
  comparatorRows,
  comparatorTableRows,
  councilRowLabel,
  lineChart,
  rateCell,
  writePublishedRows,
  YearTable,
  type YearRow,
} from "./careTables";

type Flow = "started" | "ceased";

/** Each flow's rate table: the children counted, the rate, and the comparators. */
export const FLOW_RATES: Record<Flow, ComparatorTable<"count" | "rate">> = {
  started: {
    sheetKey: "careStartersLeavers",
    comparators: CARE_COMPARATORS.startedRate,
    heading: "Rate of children starting to be looked after, per 10,000 children aged 0-17",
    comparatorFormat: FORMATS.rate,
    rows: [
      { key: "count", label: "Children who started in the year" },
      { key: "rate", label: "This council: rate per 10,000" },
    ],
  },
  ceased: {
    sheetKey: "careStartersLeavers",
    comparators: CARE_COMPARATORS.ceasedRate,
    heading: "Rate of children ceasing to be looked after, per 10,000 children aged 0-17",
    comparatorFormat: FORMATS.rate,
    rows: [
      { key: "count", label: "Children who ceased in the year" },
      { key: "rate", label: "This council: rate per 10,000" },
    ],
  },
};

const FLOWS: Record<Flow, { heading: string; chartKey: string }> = {
  started: { heading: "Started to be looked after", chartKey: "careStartedRate" },
  ceased: { heading: "Ceased to be looked after", chartKey: "careCeasedRate" },
};

export function buildStartersLeaversSheet(data: CareSheetData, population: readonly Pos[]): SheetPlan {
  const { periods, measures, context } = data;
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
  const ageKeys = ageRowKeys(measures.some((m) => m.started.ageUnknown > 0 || m.ceased.ageUnknown > 0));
  for (const flow of ["started", "ceased"] as const) writeFlowTables(w, data, flow, population, ageKeys);
  writeReasonsCeased(w, data);
  return w.plan({ columnWidths: careColumnWidths(periods.length), freeze: { rows: 0, cols: 1 } });
}

/**
 * One flow (started or ceased): its rate table beside the comparators and the DfE's published figures,
 * then its age group count and % tables, and a line chart of the rate.
 */
function writeFlowTables(
  w: SheetWriter,
  data: CareSheetData,
  flow: Flow,
  population: readonly Pos[],
  ageKeys: AgeRow[],
): void {
  const { periods, measures, context } = data;
  const name = w.name;
  const words = FLOWS[flow];
  const spec = FLOW_RATES[flow];
  const counts = (i: number): FlowCounts => measures[i][flow];
  const bandKeys: AgeBand[] = AGE_BANDS.map((b) => b.band);

  // Reserve the tables top to bottom, then fill them: the rate table links to the age table's total.
  const comparators = comparatorRows(context, spec.comparators, periods, spec.comparatorFormat);
  const rateRows = comparatorTableRows(spec, comparators);
  const rates = new YearTable<string>(name, w.reserve(YearTable.height(rateRows.length), 0), periods, rateRows);
  const noteRow = w.reserve(1);
  const published = writePublishedRows(w, data, flow === "started" ? "starters_rate" : "ceased_rate", {
    measure: flow === "started" ? "starters" : "ceased",
    label: flow === "started" ? "Children who started" : "Children who ceased",
    value: (i) => counts(i).total,
  });
  const ages = new YearTable<AgeRow>(name, w.reserve(YearTable.height(ageKeys.length)), periods, ageKeys);
  const shares = new YearTable<AgeBand>(name, w.reserve(YearTable.height(bandKeys.length)), periods, bandKeys);

  rates.write(w, spec.heading, {
    count: {
      label: councilRowLabel(spec, "count"),
      cell: (i) => formula(ages.ref("total", i, name), counts(i).total, FORMATS.count),
    },
    rate: {
      label: councilRowLabel(spec, "rate"),
      cell: (i) =>
        rateCell(rates.ref("count", i, name), ref(population[i], name), counts(i).total, measures[i].population),
    },
    ...comparators.rows,
  });
  w.write(noteRow, 0, [[text(comparatorNote(context), "note")]]);
  ages.write(w, `${words.heading}: age group - count`, ageCountRows(ages, counts));
  shares.write(w, `${words.heading}: age group - %`, ageShareRows(ages, counts));
  w.addChart(
    lineChart(
      words.chartKey,
      spec.heading,
      rates,
      "rate",
      comparators.series,
      "Rate per 10,000",
      FORMATS.rate,
      rates.top,
      published ?? [],
    ),
  );
}

/**
 * The reasons for ceasing: one row per code seen in the data (in the published order) with a live total,
 * then the groups (adopted, special guardianship, ...) as live sums of those rows.
 */
function writeReasonsCeased(w: SheetWriter, { periods, measures }: CareSheetData): void {
  const name = w.name;
  const present = REASONS_CEASED.filter((reason) => measures.some((m) => (m.ceased.byReason[reason.code] ?? 0) > 0));
  const reasons = new YearTable<string>(name, w.reserve(YearTable.height(present.length + 1)), periods, [
    ...present.map((r) => r.code),
    "total",
  ]);
  const groupsPresent = (Object.keys(CEASED_GROUP_LABELS) as CeasedGroup[]).filter((group) =>
    present.some((r) => r.group === group),
  );
  const grouped = new YearTable<string>(
    name,
    w.reserve(YearTable.height(groupsPresent.length)),
    periods,
    groupsPresent,
  );

  const reasonRows: Record<string, YearRow> = {
    total: {
      label: text("Total children who ceased", "total"),
      cell: (i) =>
        formula(
          present.length ? `SUM(${reasons.span(present[0].code, present[present.length - 1].code, i)})` : "0",
          measures[i].ceased.total,
          FORMATS.count,
          "total",
        ),
    },
  };
  for (const reason of present) {
    reasonRows[reason.code] = {
      label: text(`${reason.code} - ${reason.label}`, "label"),
      cell: (i) => num(measures[i].ceased.byReason[reason.code] ?? 0, FORMATS.count),
    };
  }
  reasons.write(w, "Reason for ceasing to be looked after", reasonRows);

  const groupRows: Record<string, YearRow> = {};
  for (const group of groupsPresent) {
    const codes = present.filter((r) => r.group === group).map((r) => r.code);
    groupRows[group] = {
      label: text(CEASED_GROUP_LABELS[group], "label"),
      cell: (i) =>
        formula(
          codes.map((code) => reasons.ref(code, i, name)).join("+"),
          codes.reduce((n, code) => n + (measures[i].ceased.byReason[code] ?? 0), 0),
          FORMATS.count,
        ),
    };
  }
  grouped.write(w, "Reasons for ceasing, grouped", groupRows);
}
