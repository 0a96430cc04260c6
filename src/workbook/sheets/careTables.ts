/**
 * What the care sheets share: the year tables (one column per reporting period after a label column),
 * the comparator rows read from the Assumptions, the live rate and share formulas, and the line chart
 * of a council's row against its comparators.
 */
import type { FlowCounts, PeriodMeasures, ReportingPeriod } from "../../core/careMeasures";
import { financialYearOf, parseMonthLabel, yearEnding } from "../../core/dates";
import { ageBandShares } from "../../core/careMeasures";
import { AGE_BANDS, type AgeBand } from "../../core/codes903";
import { ratePer } from "../../core/rate";
import type { Assumptions, ComparatorSeries } from "../assumptions";
import { FORMATS, formula, input, num, text } from "../cells";
import type { SheetContext } from "../context";
import { populationOfYear } from "../figures";
import { type Pos, ref, type SheetWriter } from "../layout";
import type { CellValue, ChartPlan, ChartSeriesPlan, PlanCell, RangeRef } from "../plan";
import {
  definitionIn,
  isPercentMeasure,
  longTermDefinitionNamed,
  OGL_ATTRIBUTION,
  publishedComparison,
  type PublishedRowKey,
  shortDefinition,
} from "../published";
import type { LongTermDefinition } from "../../core/stability";

/** The row under published figures whose definition changed over the years: it covers every published row above it. */
export const PUBLISHED_DEFINITION_LABEL =
  "Definition of the published figures above (council, neighbours, region, England)";

/** The Assumptions.comparators keys the care sheets read, one per comparator table. */
export const CARE_COMPARATORS = {
  lookedAfterRate: "lookedAfterRate",
  startedRate: "startedRate",
  ceasedRate: "ceasedRate",
  stabilityShort: "stabilityShort",
  stabilityLong: "stabilityLong",
} as const;

export type ComparatorKey = keyof typeof CARE_COMPARATORS;

/**
 * A table of a care sheet whose council rows are followed by comparator rows (input cells), in one
 * place for the writer and for readCareInputs: the sheet, the heading of the table, and the labels of
 * the council's own rows, in order, above the comparators.
 */
export interface ComparatorTable<K extends string = string> {
  sheetKey: string;
  comparators: ComparatorKey;
  heading: string;
  rows: readonly { key: K; label: string }[];
  /** How the comparators' values are shown: rates per 10,000, or shares as percentages. */
  comparatorFormat: typeof FORMATS.rate | typeof FORMATS.percent;
  /** The heading and council rows earlier versions wrote, read back so a rebuild keeps the comparators typed under them. */
  former?: readonly { heading: string; rows: readonly { label: string }[] }[];
}

/** The row keys of a comparator table: the council's rows, then the comparators'. */
export function comparatorTableRows(spec: ComparatorTable, comparators: ComparatorRows): string[] {
  return [...spec.rows.map((row) => row.key), ...comparators.keys];
}

/** The label cell of one of the council's rows of a comparator table. */
export function councilRowLabel<K extends string>(spec: ComparatorTable<K>, key: K): PlanCell {
  const row = spec.rows.find((r) => r.key === key);
  if (!row) throw new Error(`comparator table '${spec.heading}' has no row '${key}'`);
  return text(row.label, "label");
}

/** The comparator rows a table shows when the Assumptions give none (names are input cells too). */
export const DEFAULT_COMPARATOR_NAMES = ["Region", "Statistical neighbours", "England"];

export const COMPARATOR_SOURCE_NOTE =
  "Comparators: type them in from the DfE's 'Children looked after in England including adoptions' (explore-education-statistics.service.gov.uk) or the LAIT tool; name your region in the first row.";

/**
 * The note under a comparator table when a council is chosen: its published figures follow in a block
 * of their own, which is not read back (they are the DfE's, filled again at each build).
 */
export const PUBLISHED_COMPARATOR_NOTE =
  "Comparators: the DfE's published figures for the council chosen on the Assumptions sheet follow, with its statistical neighbours, region and England; a comparator row typed here (a name, then a figure per year) is kept as well.";

/** Whether a label cell is the note that ends a table's comparator rows. */
export function endsComparatorRows(label: string): boolean {
  return label.includes(COMPARATOR_SOURCE_NOTE) || label.includes(PUBLISHED_COMPARATOR_NOTE);
}

/** What every care sheet builder is given. */
export interface CareSheetData {
  periods: ReportingPeriod[];
  measures: PeriodMeasures[];
  context: SheetContext;
}

/** A block of rows with one column per period after a label column; rows are found by key. */
export class YearTable<K extends string> {
  readonly headerRow: number;

  constructor(
    readonly sheet: string,
    readonly top: number,
    readonly periods: readonly ReportingPeriod[],
    readonly rows: readonly K[],
  ) {
    this.headerRow = top;
  }

  /** How many sheet rows the table takes (the header and its rows). */
  static height(rowCount: number): number {
    return rowCount + 1;
  }

  rowOf(key: K): number {
    const index = this.rows.indexOf(key);
    if (index < 0) throw new Error(`year table on sheet '${this.sheet}' has no row '${key}'`);
    return this.top + 1 + index;
  }

  pos(key: K, period: number): Pos {
    return { sheet: this.sheet, row: this.rowOf(key), col: 1 + period };
  }

  /** The cells of a row across the periods (for charts). */
  range(key: K): RangeRef {
    return { sheet: this.sheet, row: this.rowOf(key), col: 1, rows: 1, cols: this.periods.length };
  }

  /** The year labels of the header (chart categories). */
  labels(): RangeRef {
    return { sheet: this.sheet, row: this.headerRow, col: 1, rows: 1, cols: this.periods.length };
  }

  /** A reference from a formula on `from` to a row's cell in a period. */
  ref(key: K, period: number, from: string): string {
    return ref(this.pos(key, period), from);
  }

  /** "B7:B11" for rows first..last in a period, on the table's own sheet. */
  span(first: K, last: K, period: number): string {
    return `${ref(this.pos(first, period), this.sheet)}:${ref(this.pos(last, period), this.sheet)}`;
  }

  /** Writes the header (heading, then the year labels) and the rows, each a label and a cell per period. */
  write(
    w: SheetWriter,
    heading: string,
    rows: Record<K, { label: PlanCell; cell: (period: number) => PlanCell | null }>,
  ): void {
    const header: PlanCell[] = [text(heading, "header"), ...this.periods.map((p) => text(p.label, "header"))];
    const body = this.rows.map((key) => [rows[key].label, ...this.periods.map((_, i) => rows[key].cell(i))]);
    w.write(this.top, 0, [header, ...body]);
  }
}

/** The population the Assumptions give for a period's year (keyed by the year of its 31 March), or null. */
export function yearPopulation(context: SheetContext, period: ReportingPeriod): number | null {
  return populationOfYear(context.assumptions, period);
}

/**
 * The year a column's heading stands for, as Assumptions.populationByYear and ComparatorSeries.values
 * key it (the year of its 31 March): "2021" -> 2021, a part year "Jan-22" -> 2022. Null for any other heading.
 */
export function yearOfPeriodLabel(label: string): number | null {
  if (/^\d{4}$/.test(label)) return Number(label);
  const month = parseMonthLabel(label);
  return month === null ? null : yearEnding(financialYearOf(month));
}

/**
 * Comparator series for a table: the Assumptions' when given, else empty rows named by default; none
 * when a council is chosen, whose published figures stand in their place.
 */
export function comparatorSeries(assumptions: Assumptions, key: string): ComparatorSeries[] {
  const given = assumptions.comparators[key];
  if (given?.length) return given;
  if (assumptions.council?.value) return [];
  return DEFAULT_COMPARATOR_NAMES.map((name) => ({ name, values: {} }));
}

/** The note that ends a table's comparator rows. */
export function comparatorNote(context: SheetContext): string {
  return context.assumptions.council?.value ? PUBLISHED_COMPARATOR_NOTE : COMPARATOR_SOURCE_NOTE;
}

/** Which of the council's own figures a published block checks against the DfE's. */
export interface OwnFigure {
  /** The published measure of the same thing ("count", "starters", "stability_long"). */
  measure: string;
  label: string;
  /** The council's figure counted from its 903 data in a period: a count, or a share (0.69). */
  value: (period: number) => number | null;
  /** The wording the council's figure follows, for a measure the DfE has worded two ways (long-term stability). */
  definition?: LongTermDefinition;
}

const PUBLISHED_LABELS: Record<PublishedRowKey, string> = {
  la: "published by the DfE",
  mean: "Statistical neighbours: mean (as LAIT)",
  median: "Statistical neighbours: median (as the DfE dashboard)",
  used: "Statistical neighbours with a published figure (of 10)",
  region: "",
  england: "England",
};

/**
 * The published figures under a comparator table, when a council is chosen: the council's own as the
 * DfE published them, its neighbours (mean, median, how many), its region and England, for each
 * complete year (a part year has none); a row saying whether the council's 903 figure matches the
 * published one; for a measure whose definition changed, the definition of each year; a note of what
 * was not published, the source and the attribution. Returns the series to chart, or null without a
 * council. Reserves its own rows.
 */
export function writePublishedRows(
  w: SheetWriter,
  data: CareSheetData,
  measure: string,
  own: OwnFigure,
): ChartSeriesPlan[] | null {
  const b = data.context.benchmarks;
  if (!b) return null;
  const { index, council } = b;
  const years = data.periods.map((p) => (p.complete ? yearEnding(p.financialYear) : null));
  const comparison = publishedComparison(b, measure, years);
  const percent = isPercentMeasure(index, measure);
  const format = (key: PublishedRowKey): string =>
    key === "used" ? "0" : key === "mean" || key === "median" ? (percent ? "0.0%" : "0.0") : percent ? "0%" : "0";
  const definitions = years.map((year) => (year === null ? null : definitionIn(index, measure, year)));
  const hasDefinitions = definitions.some((d) => d !== null);
  const ownDivisor = isPercentMeasure(index, own.measure) ? 100 : 1;
  const flag = (i: number): PlanCell | null => {
    const year = years[i];
    const mine = own.value(i);
    if (year === null || mine === null) return null;
    const published = index.figure(council.code, own.measure, year);
    if (!published.published) return text("not published", "note");
    const show = (v: number) => (ownDivisor === 100 ? `${Math.round(v * 100)}%` : v.toLocaleString("en-GB"));
    const same = ownDivisor === 100 ? Math.round(mine * 100) === published.value : mine === published.value;
    // Figures of two wordings are not the same measure: say so beside the comparison.
    const theirs = longTermDefinitionNamed(definitionIn(index, own.measure, year));
    const wordings =
      own.definition && theirs && own.definition !== theirs
        ? ` (903 by the ${own.definition} wording, DfE by the ${theirs})`
        : "";
    return same
      ? text(`same${wordings}`, "note")
      : text(`differs: 903 ${show(mine)}, DfE ${show(published.value / ownDivisor)}${wordings}`, "warning");
  };
  const header: PlanCell[] = [
    text(`Published: ${council.name}, its statistical neighbours, region and England`, "header"),
    ...data.periods.map((p) => text(p.label, "header")),
  ];
  const rows: (PlanCell | null)[][] = [header];
  const rowOf: Partial<Record<PublishedRowKey, number>> = {};
  for (const row of comparison.rows) {
    rowOf[row.key] = rows.length;
    const label =
      row.key === "la"
        ? `${council.name}: ${PUBLISHED_LABELS.la}`
        : row.key === "region"
          ? row.label
          : PUBLISHED_LABELS[row.key];
    rows.push([
      text(label, row.key === "la" ? "label" : undefined),
      ...row.values.map((v) => (v === null ? null : { value: v, format: format(row.key) })),
    ]);
  }
  rows.push([text(`${own.label}: your 903 figure against the DfE's`, "label"), ...data.periods.map((_, i) => flag(i))]);
  if (hasDefinitions)
    rows.push([text(PUBLISHED_DEFINITION_LABEL, "note"), ...definitions.map((d) => text(shortDefinition(d), "note"))]);
  const distinct = [...new Set(definitions.filter((d): d is string => d !== null))];
  const notes = [
    ...(years.some((y) => y === null)
      ? ["A part-year column has no published figure (the DfE publishes years to 31 March)."]
      : []),
    ...distinct.map((d) => `Definition (${shortDefinition(d)}): ${d}.`),
    ...comparison.notes,
    `Neighbours whose figure was not published are left out of the mean and median; each neighbour's figure is on the Benchmarks sheet ("Each statistical neighbour"). ${OGL_ATTRIBUTION}`,
  ];
  rows.push([text(notes.join(" "), "note")]);
  const top = w.append(rows);
  const range = (key: PublishedRowKey): RangeRef => ({
    sheet: w.name,
    row: top + (rowOf[key] ?? 0),
    col: 1,
    rows: 1,
    cols: data.periods.length,
  });
  const region = comparison.rows.find((r) => r.key === "region")?.label ?? "Region";
  return [
    { name: `${council.name} (published)`, values: range("la"), color: "2E75B6", dashed: true },
    { name: "Statistical neighbours (mean)", values: range("mean"), color: COMPARATOR_COLOURS[0], dashed: true },
    { name: region, values: range("region"), color: COMPARATOR_COLOURS[1], dashed: true },
    { name: "England", values: range("england"), color: COMPARATOR_COLOURS[2], dashed: true },
  ];
}

/** A table's comparator rows (input cells: the name, then a value per year) and the keys that find them. */
export interface ComparatorRows {
  keys: string[];
  rows: Record<string, YearRow>;
  /** For the chart: each comparator's name and row key. */
  series: { name: string; key: string }[];
}

export function comparatorRows(
  context: SheetContext,
  key: string,
  periods: readonly ReportingPeriod[],
  format: string,
): ComparatorRows {
  const series = comparatorSeries(context.assumptions, key);
  const keys = series.map((_, i) => `comparator${i}`);
  const rows: Record<string, YearRow> = {};
  series.forEach((s, i) => {
    rows[keys[i]] = {
      label: input(s.name),
      cell: (period) => input(s.values[yearEnding(periods[period].financialYear)] ?? null, format),
    };
  });
  return { keys, rows, series: series.map((s, i) => ({ name: s.name, key: keys[i] })) };
}

/**
 * count / population x 10,000 as a live formula. A year with no population when the workbook is built
 * gets no cell at all: a formula's "" would be drawn as a rate of 0 in the line chart, an empty cell is
 * a gap. The population typed there later is kept by the next build, which writes the formula.
 */
export function rateCell(
  count: string,
  population: string,
  countValue: number,
  populationValue: number | null,
): PlanCell | null {
  if (populationValue === null || !(populationValue > 0)) return null;
  const value: CellValue = ratePer(countValue, populationValue);
  return formula(
    `IF(AND(ISNUMBER(${population}),${population}>0),${count}/${population}*10000,"")`,
    value,
    FORMATS.rate,
  );
}

/** A row of a year table: its label cell and its cell for each period. */
export interface YearRow {
  label: PlanCell;
  cell: (period: number) => PlanCell | null;
}

/** The rows of an age group table: the bands, "age not known" when any child's age is, and the total. */
export type AgeRow = AgeBand | "unknown" | "total";

export function ageRowKeys(withUnknown: boolean): AgeRow[] {
  return [...AGE_BANDS.map((b) => b.band), ...(withUnknown ? (["unknown"] as const) : []), "total"];
}

/** Age group counts (the engine's) with a live total. */
export function ageCountRows(
  table: YearTable<AgeRow>,
  counts: (period: number) => FlowCounts,
): Record<AgeRow, YearRow> {
  const last = table.rows.includes("unknown") ? "unknown" : AGE_BANDS[AGE_BANDS.length - 1].band;
  const rows = {
    unknown: {
      label: text("Age not known (no date of birth)", "label"),
      cell: (i: number) => num(counts(i).ageUnknown, FORMATS.count),
    },
    total: {
      label: text("Total children", "total"),
      cell: (i: number) =>
        formula(`SUM(${table.span(AGE_BANDS[0].band, last, i)})`, counts(i).total, FORMATS.count, "total"),
    },
  } as Record<AgeRow, YearRow>;
  for (const b of AGE_BANDS)
    rows[b.band] = { label: text(b.label, "label"), cell: (i) => num(counts(i).byAgeBand[b.band], FORMATS.count) };
  return rows;
}

/** Each age group's share of the children whose age is known, as live formulas on the count table. */
export function ageShareRows(
  countTable: YearTable<AgeRow>,
  counts: (period: number) => FlowCounts,
): Record<AgeBand, YearRow> {
  const rows = {} as Record<AgeBand, YearRow>;
  for (const b of AGE_BANDS) {
    rows[b.band] = {
      label: text(b.label, "label"),
      cell: (i) => {
        const part = countTable.ref(b.band, i, countTable.sheet);
        const known = `SUM(${countTable.span(AGE_BANDS[0].band, AGE_BANDS[AGE_BANDS.length - 1].band, i)})`;
        return formula(
          `IF(${known}>0,${part}/${known},"")`,
          ageBandShares(counts(i).byAgeBand)?.[b.band] ?? "",
          FORMATS.percent,
        );
      },
    };
  }
  return rows;
}

/** A line chart of a council's row against its comparator rows (and the published figures, when chosen), beside the table. */
export function lineChart(
  key: string,
  title: string,
  table: YearTable<string>,
  council: string,
  comparators: readonly { name: string; key: string }[],
  yAxisTitle: string,
  yAxisFormat: string,
  anchorRow: number,
  published: readonly ChartSeriesPlan[] = [],
): ChartPlan {
  return {
    key,
    type: "lineMarkers",
    title,
    categories: table.labels(),
    series: [
      { name: "This council", values: table.range(council), color: "1F4E79" },
      ...comparators.map((c, i) => ({
        name: c.name,
        values: table.range(c.key),
        color: COMPARATOR_COLOURS[i % COMPARATOR_COLOURS.length],
        dashed: true,
      })),
      ...published,
    ],
    anchor: { row: anchorRow, col: table.periods.length + 2, rows: 16, cols: 8 },
    yAxisTitle,
    yAxisFormat,
  };
}

const COMPARATOR_COLOURS = ["C55A11", "548235", "7F7F7F", "7030A0"];

/** Column widths of a care sheet: a wide label column, then one per period. */
export function careColumnWidths(periods: number): Record<number, number> {
  const widths: Record<number, number> = { 0: 48 };
  for (let i = 1; i <= periods; i += 1) widths[i] = 11;
  return widths;
}
