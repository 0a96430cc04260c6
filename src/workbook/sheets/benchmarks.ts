/**
 * The Benchmarks sheet: the chosen council's published figures beside its statistical neighbours, its
 * region and England, for every year the data holds: children looked after (count and rate per
 * 10,000, with a line chart), starters and leavers, short- and long-term stability, the placement mix
 * at 31 March, and the Section 251 weekly unit costs beside the council's own average weekly costs
 * (Unit costs sheet) and the uplift rates it assumes (Assumptions sheet).
 *
 * The published figures are values with their source, not formulas; the comparisons with the
 * council's own figures are formulas on them, so a cost or rate changed on those sheets follows here.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import { financialYearLabel } from "../../core/dates";
import { text, formula, headers, num } from "../cells";
import { ref, SheetWriter, type Pos } from "../layout";
import type { CellValue, PlanCell, RangeRef, SheetPlan } from "../plan";
import {
  type CouncilBenchmarks,
  definitionIn,
  describeCouncil,
  isPercentMeasure,
  neighbourNames,
  OGL_ATTRIBUTION,
  publishedComparison,
  type PublishedRowKey,
  regionName,
  shortDefinition,
} from "../published";
import type { UpliftInputs } from "./assumptions";
import { PUBLISHED_DEFINITION_LABEL } from "./careTables";

export const BENCHMARKS_SHEET = { key: "benchmarks", name: "Benchmarks" } as const;

export interface BenchmarksInput {
  name: string;
  benchmarks: CouncilBenchmarks;
  /** The council's own average weekly cost by category (Unit costs sheet). */
  weeklyCost: ReadonlyMap<PlacementCategory, { pos: Pos; value: CellValue }>;
  /** The uplift lines of the Assumptions sheet. */
  uplift: readonly UpliftInputs[];
  /** The financial year of the spend figures (2021 = 2021/22): the council's own weekly costs are of that year. */
  financialYear: number | null;
}

/** A figure of the headline comparison, for the Summary sheet to link to. */
export interface BenchmarkHeadline {
  key: PublishedRowKey;
  label: string;
  pos: Pos;
  value: number | null;
  format: string;
}

export interface BenchmarksSheet {
  sheet: SheetPlan;
  /** The latest year's rate per 10,000: the council's, its neighbours' (mean and median), its region's and England's. */
  headline: { year: number; figures: BenchmarkHeadline[] };
}

/** Section 251 unit costs: the published measure the council's own weekly cost of each category compares with. */
export const UNIT_COST_MEASURE: Partial<Record<PlacementCategory, "unit_cost_fostering" | "unit_cost_residential">> = {
  inHouseFostering: "unit_cost_fostering",
  ifa: "unit_cost_fostering",
  kinship: "unit_cost_fostering",
  residential: "unit_cost_residential",
  secure: "unit_cost_residential",
};

/** Years of growth the uplift rates are set beside. */
export const GROWTH_YEARS = 5;

export const UNIT_COST_METHOD =
  "How the DfE works its unit costs (Section 251 outturn): fostering = the outturn on fostering services / children in foster placements at 31 March / 365 x 7; residential = the outturn on residential care / days in residential care in the 903 return x 7; both rounded to £5. Your own weekly cost (Unit costs sheet) is the average of your placements or your budget's lines, not worked the same way: compare the trend and the order of size, not the pounds.";

const FORMAT = {
  whole: "0",
  decimal: "0.0",
  percent: "0%",
  percentDecimal: "0.0%",
  gbp: "£#,##0",
  count: "#,##0",
} as const;
const COLOURS: Partial<Record<PublishedRowKey, string>> = {
  la: "1F4E79",
  mean: "C55A11",
  region: "548235",
  england: "7F7F7F",
};

type Years = { year: number; label: string }[];

interface WrittenTable {
  /** Each written row's cells across the years. */
  range: Partial<Record<PublishedRowKey, RangeRef>>;
  labels: RangeRef;
  /** A year's cell of a row. */
  pos(key: PublishedRowKey, year: number): Pos | null;
  value(key: PublishedRowKey, year: number): number | null;
}

export function buildBenchmarksSheet(input: BenchmarksInput): BenchmarksSheet {
  const { name, benchmarks: b } = input;
  const w = new SheetWriter(BENCHMARKS_SHEET.key, name);
  const measures = b.index.data.measures;
  const yearsOf = (measure: string, financial = false): Years => measureYears(b, measure, financial);
  const table = (heading: string, measure: string, years: Years, only?: PublishedRowKey[]): WrittenTable =>
    writeMeasureTable(w, b, { heading, measure, years, ...(only ? { only } : {}) });
  const subtitle = (title: string): void => {
    w.append([[text(title, "subtitle")]], 0);
  };
  w.append([
    [text(`Benchmarks: ${b.council.name} beside its statistical neighbours, region and England`, "title")],
    [
      text(
        `Published figures for ${describeCouncil(b)}, the council chosen on the Assumptions sheet. Statistical neighbours (DfE 2025 model): ${neighbourNames(b).join(", ")}. Their mean is as LAIT shows it, their median as the DfE's children's social care dashboard shows it; a neighbour whose figure was not published is left out of both, and the row below them says how many were used. A blank cell is a figure not published, never 0: the note under each table says why. Figures are values as published (rates whole numbers, unit costs rounded to £5 by the DfE).`,
        "note",
      ),
    ],
    [text(OGL_ATTRIBUTION, "note")],
  ]);

  subtitle("Children looked after: count and rate");
  table("Children looked after at 31 March", "count", yearsOf("count"), ["la"]);
  const rateYears = yearsOf("rate");
  const rates = table("Rate per 10,000 children aged 0-17", "rate", rateYears);
  addRateChart(w, b, rates, rateYears.length);

  subtitle("Starting and ceasing to be looked after in the year to 31 March");
  table("Children who started", "starters", yearsOf("starters"), ["la"]);
  table("Starters per 10,000 children aged 0-17", "starters_rate", yearsOf("starters_rate"));
  table("Children who ceased", "ceased", yearsOf("ceased"), ["la"]);
  table("Leavers per 10,000 children aged 0-17", "ceased_rate", yearsOf("ceased_rate"));

  subtitle("Placement stability in the year to 31 March");
  table(
    "Short term: 3 or more placements in the year (lower is better)",
    "stability_short",
    yearsOf("stability_short"),
  );
  table(
    "Long term: under 16, looked after 2.5 years or more, stable for 2 years (higher is better)",
    "stability_long",
    yearsOf("stability_long"),
  );

  const mixYear = measures.mix_fostering.last;
  subtitle(`Placement mix at 31 March ${mixYear}`);
  placementMix(w, b, mixYear);

  subtitle("Section 251 weekly unit costs (financial year)");
  unitCostSection(w, input, table);

  // The figures behind each mean and median of the tables above, measure by measure.
  subtitle("Each statistical neighbour");
  for (const measure of ["rate", "starters_rate", "ceased_rate", "stability_short", "stability_long"])
    eachNeighbour(w, b, measure, yearsOf(measure));

  const widths: Record<number, number> = { 0: 58 };
  for (let c = 1; c <= rateYears.length; c += 1) widths[c] = 10;
  return { sheet: w.plan({ columnWidths: widths, freeze: { rows: 0, cols: 1 } }), headline: headline(b, rates) };
}

/** The years a measure is published for, labelled by year ("2024") or financial year ("2023-24"). */
function measureYears(b: CouncilBenchmarks, measure: string, financial: boolean): Years {
  const m = b.index.data.measures[measure];
  return Array.from({ length: m.last - m.first + 1 }, (_, i) => m.first + i).map((year) => ({
    year,
    label: financial ? financialYearLabel(year - 1, "long").replace("/", "-") : String(year),
  }));
}

/**
 * A table of a measure over the years: the council's published figure and, unless `only`, its
 * comparators; then a note of its sources, definitions and the figures left out.
 */
function writeMeasureTable(
  w: SheetWriter,
  b: CouncilBenchmarks,
  spec: { heading: string; measure: string; years: Years; only?: PublishedRowKey[] },
): WrittenTable {
  const { heading, measure, years, only } = spec;
  const { index } = b;
  const name = w.name;
  const comparison = publishedComparison(
    b,
    measure,
    years.map((y) => y.year),
  );
  const rows = comparison.rows.filter((row) => !only || only.includes(row.key));
  const formatOf = valueFormat(b, measure);
  const definitions = [
    ...new Set(years.map((y) => definitionIn(index, measure, y.year)).filter((d): d is string => d !== null)),
  ];
  const definitionRow = definitions.length > 1;
  const top = w.reserve(1 + rows.length + (definitionRow ? 1 : 0), 0);
  const body: (PlanCell | null)[][] = [[text(heading, "header"), ...years.map((y) => text(y.label, "header"))]];
  for (const row of rows)
    body.push([
      text(row.key === "la" ? `${b.council.name} (published)` : row.label, row.key === "la" ? "label" : undefined),
      ...row.values.map((v) => (v === null ? null : num(v, formatOf(row.key)))),
    ]);
  if (definitionRow)
    body.push([
      text(PUBLISHED_DEFINITION_LABEL, "note"),
      ...years.map((y) => text(shortDefinition(definitionIn(index, measure, y.year)), "note")),
    ]);
  w.write(top, 0, body);
  const measures = index.data.measures;
  const sources = [...new Set(measures[measure].sources.map((s) => index.data.sources[s.source]?.title ?? s.source))];
  const notes = [
    `Source: ${sources.join("; ")}.`,
    ...definitions.map((d) => `Definition${definitionRow ? ` (${shortDefinition(d)})` : ""}: ${d}.`),
    ...(only ? comparison.notes.filter((n) => n.startsWith(`${b.council.name} `)) : comparison.notes),
  ];
  w.append([[text(notes.join(" "), "note")]]);
  const rowOf = (key: PublishedRowKey): number => 1 + rows.findIndex((r) => r.key === key);
  const range: WrittenTable["range"] = {};
  for (const row of rows)
    range[row.key] = { sheet: name, row: top + rowOf(row.key), col: 1, rows: 1, cols: years.length };
  return {
    range,
    labels: { sheet: name, row: top, col: 1, rows: 1, cols: years.length },
    pos: (key, year) => {
      const i = years.findIndex((y) => y.year === year);
      return i < 0 || !rows.some((r) => r.key === key) ? null : { sheet: name, row: top + rowOf(key), col: 1 + i };
    },
    value: (key, year) => {
      const i = years.findIndex((y) => y.year === year);
      return rows.find((r) => r.key === key)?.values[i] ?? null;
    },
  };
}

/** The number format of a measure's row: percentages, pounds, counts or rates, averages with a decimal. */
function valueFormat(b: CouncilBenchmarks, measure: string): (key: PublishedRowKey) => string {
  const percent = isPercentMeasure(b.index, measure);
  const unit = b.index.data.measures[measure].unit;
  return (key) => {
    if (key === "used") return FORMAT.whole;
    const averaged = key === "mean" || key === "median";
    if (percent) return averaged ? FORMAT.percentDecimal : FORMAT.percent;
    if (unit.startsWith("GBP")) return FORMAT.gbp;
    if (unit === "children") return averaged ? FORMAT.decimal : FORMAT.count;
    return averaged ? FORMAT.decimal : FORMAT.whole;
  };
}

/** The chart of the rate per 10,000 over the years: the council, its neighbours' mean, its region and England. */
function addRateChart(w: SheetWriter, b: CouncilBenchmarks, rates: WrittenTable, years: number): void {
  const seriesName = (key: "la" | "mean" | "region" | "england"): string =>
    key === "la"
      ? b.council.name
      : key === "mean"
        ? "Statistical neighbours (mean)"
        : key === "region"
          ? regionName(b)
          : "England";
  w.addChart({
    key: "benchmarkRate",
    type: "lineMarkers",
    title: `Children looked after per 10,000: ${b.council.name}, neighbours, region, England`,
    categories: rates.labels,
    series: (["la", "mean", "region", "england"] as const).flatMap((key) => {
      const values = rates.range[key];
      return values ? [{ name: seriesName(key), values, color: COLOURS[key], dashed: key !== "la" }] : [];
    }),
    anchor: { row: 1, col: years + 2, rows: 18, cols: 9 },
    yAxisTitle: "Rate per 10,000",
    yAxisFormat: FORMAT.whole,
  });
}

/** The Section 251 unit costs, the council's own weekly costs beside them, and its uplift rates beside their growth. */
function unitCostSection(
  w: SheetWriter,
  input: BenchmarksInput,
  table: (heading: string, measure: string, years: Years) => WrittenTable,
): void {
  const b = input.benchmarks;
  const measures = b.index.data.measures;
  const costs = {
    unit_cost_fostering: table(
      "Fostering services: £ a week per child",
      "unit_cost_fostering",
      measureYears(b, "unit_cost_fostering", true),
    ),
    unit_cost_residential: table(
      "Residential care: £ a week per child",
      "unit_cost_residential",
      measureYears(b, "unit_cost_residential", true),
    ),
  };
  w.append([[text(UNIT_COST_METHOD, "note")]]);
  // The council's own weekly costs are of its spend year: compared with the DfE's of the same year when published.
  const last = measures.unit_cost_fostering.last;
  const spendYear = input.financialYear === null ? null : input.financialYear + 1;
  ownCosts(
    w,
    b,
    input.weeklyCost,
    costs,
    spendYear !== null && spendYear >= measures.unit_cost_fostering.first && spendYear <= last ? spendYear : last,
  );
  upliftBesideGrowth(w, b, input.uplift, costs, last);
}

/** The latest published rate per 10,000 of the council and each comparator: the Summary's comparison. */
function headline(b: CouncilBenchmarks, rates: WrittenTable): BenchmarksSheet["headline"] {
  const latest = b.index.data.measures.rate.last;
  const headlineRows: { key: PublishedRowKey; label: string; format: string }[] = [
    { key: "la", label: `${b.council.name}: published rate per 10,000 (31 March ${latest})`, format: FORMAT.whole },
    { key: "mean", label: "Statistical neighbours: mean", format: FORMAT.decimal },
    { key: "median", label: "Statistical neighbours: median", format: FORMAT.decimal },
    { key: "region", label: regionName(b), format: FORMAT.whole },
    { key: "england", label: "England", format: FORMAT.whole },
  ];
  const figures = headlineRows.flatMap((row): BenchmarkHeadline[] => {
    const pos = rates.pos(row.key, latest);
    return pos
      ? [{ key: row.key, label: row.label, pos, value: rates.value(row.key, latest), format: row.format }]
      : [];
  });
  return { year: latest, figures };
}

/** Each of the ten neighbours' published figure over the years, with its closeness band: the figures behind the mean and median. */
function eachNeighbour(w: SheetWriter, b: CouncilBenchmarks, measure: string, years: Years): void {
  const listed = b.index.data.neighbours["2025"]?.[b.council.code] ?? [];
  const notes: string[] = [];
  // Percentages are published whole (69) and shown as fractions (0.69) in a % format, as in the tables above.
  const percent = isPercentMeasure(b.index, measure);
  const rows: (PlanCell | null)[][] = [
    [
      text(`${b.index.data.measures[measure].label}: each neighbour (closeness)`, "header"),
      ...years.map((y) => text(y.label, "header")),
    ],
  ];
  for (const [code, band] of listed) {
    const area = b.index.resolveArea(code);
    rows.push([
      text(`${area.name} (${band.toLowerCase()})`, "label"),
      ...years.map((y) => {
        const figure = b.index.figure(code, measure, y.year);
        if (figure.published)
          return percent ? num(figure.value / 100, FORMAT.percent) : num(figure.value, FORMAT.whole);
        notes.push(
          `${area.name} ${y.year}: ${figure.reason}${figure.reasonCode === "missing" ? "" : ` (code "${figure.reasonCode}")`}.`,
        );
        return null;
      }),
    ]);
  }
  const definitions = [
    ...new Set(years.map((y) => shortDefinition(definitionIn(b.index, measure, y.year))).filter((d) => d !== "")),
  ];
  if (definitions.length > 1)
    rows.push([
      text("Definition of the neighbours' figures above", "note"),
      ...years.map((y) => text(shortDefinition(definitionIn(b.index, measure, y.year)), "note")),
    ]);
  w.append(rows, 0);
  w.append([
    [
      text(
        [
          "The DfE's 2025 model of statistical neighbours, closest first as it ranks them. A blank is a figure not published, left out of the mean and median.",
          ...notes,
        ].join(" "),
        "note",
      ),
    ],
  ]);
}

const MIX: { measure: string; label: string }[] = [
  { measure: "mix_fostering", label: "Foster placements" },
  { measure: "mix_residential", label: "Secure units, children's homes, semi-independent living" },
  { measure: "mix_independent_living", label: "Independent and semi-independent living" },
  { measure: "mix_other_residential", label: "Other residential settings" },
  { measure: "mix_parents", label: "Placed with parents or others with parental responsibility" },
  { measure: "mix_other", label: "Other placements (including unregulated)" },
];

/** The placement mix at 31 March of one year: a row per kind of placement, a column per area. */
function placementMix(w: SheetWriter, b: CouncilBenchmarks, year: number): void {
  const columns: { key: PublishedRowKey; label: string; format: string }[] = [
    { key: "la", label: b.council.name, format: FORMAT.percent },
    { key: "mean", label: "Neighbours: mean", format: FORMAT.percentDecimal },
    { key: "median", label: "Neighbours: median", format: FORMAT.percentDecimal },
    { key: "used", label: "Neighbours used", format: FORMAT.whole },
    { key: "region", label: regionName(b), format: FORMAT.percent },
    { key: "england", label: "England", format: FORMAT.percent },
  ];
  const notes: string[] = [];
  const rows: (PlanCell | null)[][] = [
    headers([`% of children looked after, 31 March ${year}`, ...columns.map((c) => c.label)]),
  ];
  for (const mix of MIX) {
    const comparison = publishedComparison(b, mix.measure, [year]);
    for (const note of comparison.notes) notes.push(`${mix.label}: ${note}`);
    rows.push([
      text(mix.label, "label"),
      ...columns.map((c) => {
        const value = comparison.rows.find((r) => r.key === c.key)?.values[0] ?? null;
        return value === null ? null : num(value, c.format);
      }),
    ]);
  }
  w.append(rows, 0);
  w.append([
    [
      text(
        [
          "Source: Local Authority Interactive Tool (LAIT). The kinds overlap as the DfE groups them, so they need not add up to 100%.",
          ...notes,
        ].join(" "),
        "note",
      ),
    ],
  ]);
}

type CostTables = Record<"unit_cost_fostering" | "unit_cost_residential", WrittenTable>;

/** The council's own average weekly costs beside the latest published unit costs they compare with. */
function ownCosts(
  w: SheetWriter,
  b: CouncilBenchmarks,
  weeklyCost: BenchmarksInput["weeklyCost"],
  costs: CostTables,
  year: number,
): void {
  const categories = [...weeklyCost.keys()].filter((c) => UNIT_COST_MEASURE[c]);
  const name = w.name;
  const head = [
    "Your average weekly cost £ (Unit costs sheet)",
    "Compared with",
    `${b.council.name} ${financialYearLabel(year - 1)}`,
    `Neighbours: mean ${financialYearLabel(year - 1)}`,
    `${regionName(b)} ${financialYearLabel(year - 1)}`,
    `England ${financialYearLabel(year - 1)}`,
  ];
  if (categories.length === 0) {
    w.append([
      [text("Your own average weekly costs", "subtitle")],
      [
        text(
          "The Unit costs sheet has no average weekly cost of fostering or residential care (it needs a placement list, or a budget that counts placements), so there is nothing of yours to set beside the DfE's unit costs.",
          "note",
        ),
      ],
    ]);
    return;
  }
  const rows: (PlanCell | null)[][] = [
    [text("Your own average weekly costs", "subtitle")],
    headers(["Placement category", ...head]),
  ];
  for (const category of categories) {
    const measure = UNIT_COST_MEASURE[category] as keyof CostTables;
    const own = weeklyCost.get(category) as { pos: Pos; value: CellValue };
    const published = (key: PublishedRowKey): PlanCell | null => {
      const pos = costs[measure].pos(key, year);
      const value = costs[measure].value(key, year);
      return pos && value !== null ? formula(ref(pos, name), value, FORMAT.gbp) : null;
    };
    rows.push([
      text(CATEGORY_LABELS[category], "label"),
      formula(ref(own.pos, name), typeof own.value === "number" ? own.value : "", FORMAT.gbp, "linked"),
      text(measure === "unit_cost_fostering" ? "fostering services" : "residential care", "note"),
      published("la"),
      published("mean"),
      published("region"),
      published("england"),
    ]);
  }
  w.append(rows);
}

/**
 * The uplift rates the Assumptions sheet assumes beside the yearly growth of the published unit cost
 * they compare with over the last GROWTH_YEARS years ((last / first) ^ (1 / years) - 1), as a check.
 */
function upliftBesideGrowth(
  w: SheetWriter,
  b: CouncilBenchmarks,
  uplift: readonly UpliftInputs[],
  costs: CostTables,
  last: number,
): void {
  const name = w.name;
  const first = last - GROWTH_YEARS;
  const lines = uplift.filter((line) => UNIT_COST_MEASURE[line.category] && line.rates.length > 0);
  const span = `${financialYearLabel(first - 1)} to ${financialYearLabel(last - 1)}`;
  const rows: (PlanCell | null)[][] = [
    [text("Uplift assumed beside the growth of the published unit costs", "subtitle")],
    [
      text(
        `The first year's uplift rate of each line on the Assumptions sheet, beside the yearly growth of the Section 251 unit cost it compares with over the last ${GROWTH_YEARS} years (${span}): (cost ${financialYearLabel(last - 1)} / cost ${financialYearLabel(first - 1)}) ^ (1/${GROWTH_YEARS}) - 1. A sanity check, not a forecast.`,
        "note",
      ),
    ],
  ];
  if (lines.length === 0) {
    rows.push([text("No uplift line is of fostering or residential care, so there is nothing to compare.", "note")]);
    w.append(rows);
    return;
  }
  rows.push(
    headers([
      "Uplift line",
      "Uplift assumed",
      "Compared with",
      `${b.council.name}: yearly growth`,
      "Neighbours (mean): yearly growth",
      "England: yearly growth",
    ]),
  );
  for (const line of lines) {
    const measure = UNIT_COST_MEASURE[line.category] as keyof CostTables;
    const growth = (key: PublishedRowKey): PlanCell | null => {
      const t = costs[measure];
      const from = t.pos(key, first);
      const to = t.pos(key, last);
      const a = t.value(key, first);
      const z = t.value(key, last);
      if (!from || !to || a === null || z === null || !(a > 0)) return null;
      return formula(
        `(${ref(to, name)}/${ref(from, name)})^(1/${GROWTH_YEARS})-1`,
        (z / a) ** (1 / GROWTH_YEARS) - 1,
        FORMAT.percentDecimal,
      );
    };
    const rate = line.rates[0];
    rows.push([
      text(`${line.label} (${CATEGORY_LABELS[line.category]})`, "label"),
      formula(ref(rate.pos, name), rate.value, "0.00%", "linked"),
      text(measure === "unit_cost_fostering" ? "fostering services" : "residential care", "note"),
      growth("la"),
      growth("mean"),
      growth("england"),
    ]);
  }
  w.append(rows);
}
