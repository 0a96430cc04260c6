/**
 * The In care sheet (the published strategy): children looked after at each 31 March, the population
 * and the rate per 10,000 beside the comparators, with a line chart; the children by age group (count
 * and %), by placement group and by provider (in-house or external).
 */
import {
  AGE_BANDS,
  type AgeBand,
  PLACEMENT_GROUP_LABELS,
  PLACEMENT_GROUPS,
  PROVISION_LABELS,
  PROVISIONS,
  type Provision,
} from "../../core/codes903";
import type { PlacementGroup } from "../../core/categories";
import { formatDate } from "../../core/dates";
import { FORMATS, formula, input, num, text } from "../cells";
import { type Pos, SheetWriter } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { PlanCell, SheetPlan } from "../plan";
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
  yearPopulation,
} from "./careTables";

export interface InCareSheet {
  sheet: SheetPlan;
  /** The population cell of each period, which the Starters and leavers rates read. */
  population: Pos[];
}

type GroupRow = PlacementGroup | "total";

/** The rate table: children looked after, the population of each year (input cells), the rate, and the comparators. */
export const LOOKED_AFTER_RATES: ComparatorTable<"count" | "population" | "rate"> = {
  sheetKey: "careInCare",
  comparators: CARE_COMPARATORS.lookedAfterRate,
  heading: "Rate per 10,000 children aged 0-17",
  comparatorFormat: FORMATS.rate,
  rows: [
    { key: "count", label: "Children looked after" },
    { key: "population", label: "Population aged 0-17 (ONS mid-year estimate)" },
    { key: "rate", label: "This council: rate per 10,000" },
  ],
};

export function buildInCareSheet(data: CareSheetData, counted: { children: number; episodes: number }): InCareSheet {
  const { periods, measures, context } = data;
  const name = context.sheetName("careInCare");
  const w = new SheetWriter("careInCare", name);
  w.append(introRows(data, counted));

  // Reserve every table first (top to bottom), then fill them: the rate table links to the age table's total.
  const comparators = comparatorRows(
    context,
    LOOKED_AFTER_RATES.comparators,
    periods,
    LOOKED_AFTER_RATES.comparatorFormat,
  );
  const rateRows = comparatorTableRows(LOOKED_AFTER_RATES, comparators);
  const rates = new YearTable<string>(name, w.reserve(YearTable.height(rateRows.length), 0), periods, rateRows);
  const rateNote = w.reserve(1);
  const published = writePublishedRows(w, data, "rate", {
    measure: "count",
    label: "Children looked after",
    value: (i) => measures[i].lookedAfter.total,
  });
  const ageKeys = ageRowKeys(measures.some((m) => m.lookedAfter.ageUnknown > 0));
  const ages = new YearTable<AgeRow>(name, w.reserve(YearTable.height(ageKeys.length)), periods, ageKeys);
  const bandKeys = AGE_BANDS.map((b) => b.band);
  const shares = new YearTable<AgeBand>(name, w.reserve(YearTable.height(bandKeys.length)), periods, bandKeys);
  const groupKeys: GroupRow[] = [...PLACEMENT_GROUPS, "total"];
  const groups = new YearTable<GroupRow>(name, w.reserve(YearTable.height(groupKeys.length)), periods, groupKeys);
  const providers = new YearTable<Provision>(name, w.reserve(YearTable.height(PROVISIONS.length)), periods, PROVISIONS);

  const lookedAfter = (i: number): LookedAfter => measures[i].lookedAfter;
  rates.write(w, LOOKED_AFTER_RATES.heading, {
    ...rateTableRows(data, name, rates, ages),
    ...comparators.rows,
  });
  w.write(rateNote, 0, [
    [
      text(
        `Population: one figure per year; the latest column reads ${N.population0to17} on the Assumptions sheet unless a figure is typed here. ${comparatorNote(context)}`,
        "note",
      ),
    ],
  ]);
  ages.write(w, "Age group - count", ageCountRows(ages, lookedAfter));
  shares.write(w, "Age group - %", ageShareRows(ages, lookedAfter));
  groups.write(w, "Placement type - count", placementGroupRows(groups, lookedAfter));
  providers.write(w, "Provider - count", providerRows(lookedAfter));
  w.addChart(
    lineChart(
      "careLookedAfterRate",
      "Children looked after per 10,000 children aged 0-17",
      rates,
      "rate",
      comparators.series,
      "Rate per 10,000",
      FORMATS.rate,
      rates.top,
      published ?? [],
    ),
  );
  return {
    sheet: w.plan({ columnWidths: careColumnWidths(periods.length), freeze: { rows: 0, cols: 1 } }),
    population: periods.map((_, i) => rates.pos("population", i)),
  };
}

type LookedAfter = CareSheetData["measures"][number]["lookedAfter"];

/** The title and what was counted (children, episodes, to which date), and what is left out. */
function introRows({ periods }: CareSheetData, counted: { children: number; episodes: number }): PlanCell[][] {
  return [
    [text("Children looked after (SSDA903)", "title")],
    [
      text(
        `Counted from the SSDA903 episodes (${counted.children.toLocaleString("en-GB")} children, ${counted.episodes.toLocaleString("en-GB")} episodes, to ${formatDate(periods[periods.length - 1].period.end)}) when this workbook was built: children looked after at 31 March of each year, or at the end of the data in a part-year column. Short breaks (legal status V3/V4) are not counted. Totals, percentages and rates are formulas.`,
        "note",
      ),
    ],
  ];
}

/**
 * The council's own rows of the rate table: the count (a link to the age table's total), the population
 * (typed per year; the latest column falls back to the Assumptions sheet's figure), and the rate from the two.
 */
function rateTableRows(
  { periods, measures, context }: CareSheetData,
  name: string,
  rates: YearTable<string>,
  ages: YearTable<AgeRow>,
): Record<"count" | "population" | "rate", YearRow> {
  const latest = periods.length - 1;
  return {
    count: {
      label: councilRowLabel(LOOKED_AFTER_RATES, "count"),
      cell: (i) => formula(ages.ref("total", i, name), measures[i].lookedAfter.total, FORMATS.count),
    },
    population: {
      label: councilRowLabel(LOOKED_AFTER_RATES, "population"),
      cell: (i) =>
        i === latest && yearPopulation(context, periods[i]) === null
          ? formula(
              `IF(ISNUMBER(${N.population0to17}),${N.population0to17},"")`,
              measures[i].population ?? "",
              FORMATS.count,
            )
          : input(measures[i].population, FORMATS.count),
    },
    rate: {
      label: councilRowLabel(LOOKED_AFTER_RATES, "rate"),
      cell: (i) =>
        rateCell(
          rates.ref("count", i, name),
          rates.ref("population", i, name),
          measures[i].lookedAfter.total,
          measures[i].population,
        ),
    },
  };
}

/** Children by placement group (counted values), with a live total. */
function placementGroupRows(
  groups: YearTable<GroupRow>,
  lookedAfter: (i: number) => LookedAfter,
): Record<GroupRow, YearRow> {
  const rows = {
    total: {
      label: text("Total children", "total"),
      cell: (i: number) =>
        formula(
          `SUM(${groups.span(PLACEMENT_GROUPS[0], PLACEMENT_GROUPS[PLACEMENT_GROUPS.length - 1], i)})`,
          lookedAfter(i).total,
          FORMATS.count,
          "total",
        ),
    },
  } as Record<GroupRow, YearRow>;
  for (const g of PLACEMENT_GROUPS)
    rows[g] = {
      label: text(PLACEMENT_GROUP_LABELS[g], "label"),
      cell: (i) => num(lookedAfter(i).byPlacementGroup[g], FORMATS.count),
    };
  return rows;
}

/** Children by provider (in-house or external), counted values. */
function providerRows(lookedAfter: (i: number) => LookedAfter): Record<Provision, YearRow> {
  const rows = {} as Record<Provision, YearRow>;
  for (const p of PROVISIONS)
    rows[p] = {
      label: text(PROVISION_LABELS[p], "label"),
      cell: (i) => num(lookedAfter(i).byProvision[p], FORMATS.count),
    };
  return rows;
}
