/**
 * What the user typed on the add-in's own sheets survives a rebuild. A rebuild replaces those sheets,
 * so before it does, the hosts read back their input cells (the Assumptions sheet; the comparators and
 * the population of each year on the care sheets; the weekly costs and rates typed on the Cost forecast
 * sheet, which go to the demand forecast as they are; the Scenarios sheet has its own reader) and lay
 * them over the assumptions the build would otherwise use.
 *
 * Precedence, highest first:
 *  1. a value typed in the task pane in this session (the pane shows the sheet's values first, so what
 *     it shows is what the sheet holds; see `skip`), or a key of the command line's --assumptions file;
 *  2. the values on the add-in's sheets, as the user left them in Excel;
 *  3. the pane's saved settings from the previous build (the command line has none);
 *  4. the defaults the sources give (the budget's period and lines, a count history, 903 counts).
 *
 * The end of the 903 data is settled before the others (careDataEndFor), as the 903 counts depend on it.
 *
 * Values the sources keep up to date are taken from the sheet only when the user changed them there:
 * the period and financial year only when the sources state none; the projection target date unless it
 * is still the default of the year the sheet was built for (so it moves on with the spend year); typed
 * counts of children looked after when the sources give none, or when a count on the sheet differs
 * from the sources' (a new year of 903 returns is then still taken in); links to a count history sheet
 * and to the Spend sheet are the build's own and are never read as values.
 */
import type { CareHistory } from "../core/careHistory";
import { CATEGORY_LABELS } from "../core/categories";
import { DEFAULT_LONG_TERM_DEFINITION } from "../core/stability";
import { type CellRef, describeCell, type SheetGrid } from "../core/grid";
import type { Assumptions, ComparatorSeries, LacCount, Sourced, UpliftLine } from "./assumptions";
import { defaultCareDataEnd, defaultProjectionTargetDate } from "./build";
import { cellRange } from "./inputCells";
import type { ExistingSheet } from "./names";
import type { Diagnostic } from "../core/diagnostics";
import {
  type AssumptionEdits,
  type HistoryEdits,
  readAssumptionsSheet,
  type UpliftLineEdits,
} from "./sheets/assumptions";
import { CARE_SHEETS, type CareEdits, type CareSheetKey, readCareInputs } from "./sheets/care";
import { comparatorSeries } from "./sheets/careTables";
import { readCostForecastSheet, type TypedPrices } from "./sheets/demandCost";
import { maxOf, minOf } from "../core/arrays";

/** Every input of the add-in's sheets, as read back before a rebuild. */
export interface SheetInputs {
  /** Null when the workbook has no Assumptions sheet of the add-in's. */
  assumptions: AssumptionEdits | null;
  /** Null when it has none of the care sheets. */
  care: CareEdits | null;
  /** Weekly costs and uplift rates typed on the Cost forecast sheet (for BuildInput.demand); null without that sheet. */
  prices: TypedPrices | null;
  /** What could not be read, each naming its cell. */
  warnings: Diagnostic[];
}

/** The inputs a rebuild can take from the sheets, by what they feed. */
export const SHEET_INPUT_KEYS = [
  "financialYear",
  "period",
  "weeksPerYear",
  "population0to17",
  "projectionTargetDate",
  "projectionMethod",
  "projectedLacCount",
  "currentCostGbp",
  "currentCostExcludes",
  "lacHistory",
  "upliftLines",
  "upliftRates",
  "comparators",
  "populationByYear",
  "careDataEnd",
  "council",
  "stabilityDefinition",
] as const;
export type SheetInputKey = (typeof SHEET_INPUT_KEYS)[number];

/** The field of Assumptions each input sets. */
export const SHEET_INPUT_FIELDS: Record<SheetInputKey, keyof Assumptions> = {
  financialYear: "financialYear",
  period: "period",
  weeksPerYear: "weeksPerYear",
  population0to17: "population0to17",
  projectionTargetDate: "projectionTargetDate",
  projectionMethod: "projectionMethod",
  projectedLacCount: "projectedLacCount",
  currentCostGbp: "currentCostGbp",
  currentCostExcludes: "currentCostExcludes",
  lacHistory: "lacHistory",
  upliftLines: "uplift",
  upliftRates: "uplift",
  comparators: "comparators",
  populationByYear: "populationByYear",
  careDataEnd: "careDataEnd",
  council: "council",
  stabilityDefinition: "stabilityDefinition",
};

/**
 * The end of the 903 data a build counts to, settled before the defaults are (the counts of children
 * looked after that the 903 data give depend on it): what the user gives for this build (--903-to, the
 * panel), else a date typed on the Assumptions sheet (one other than the default the sheet was built
 * with, which moves on with the data), else the default: the 31 March of the latest return's year.
 */
export function careDataEndFor(
  history: CareHistory,
  inputs: SheetInputs | null,
  given?: Sourced<number | null>,
): Sourced<number | null> {
  if (given && given.value !== null) return given;
  const edit = inputs?.assumptions?.careDataEnd;
  if (edit && edit.value !== null && edit.value !== inputs?.assumptions?.careDataEndDefault) return sourced(edit);
  return defaultCareDataEnd(history);
}

/** The add-in's sheets of a workbook (WorkbookSnapshot in Excel, WorkbookGrids from a file) read back. */
export function readSheetInputs(workbook: {
  ownedGrids: readonly SheetGrid[];
  existing: readonly ExistingSheet[];
}): SheetInputs {
  const gridOf = (key: string): SheetGrid | undefined => {
    const sheet = workbook.existing.find((s) => s.ownedKey === key);
    return sheet && workbook.ownedGrids.find((grid) => grid.name === sheet.name);
  };
  const assumptionsGrid = gridOf("assumptions");
  const assumptions = assumptionsGrid ? readAssumptionsSheet(assumptionsGrid) : null;
  const careGrids: Partial<Record<CareSheetKey, SheetGrid>> = {};
  for (const { key } of CARE_SHEETS) {
    const grid = gridOf(key);
    if (grid) careGrids[key] = grid;
  }
  const care = Object.keys(careGrids).length ? readCareInputs(careGrids) : null;
  const costGrid = gridOf("demandCost");
  const costForecast = costGrid ? readCostForecastSheet(costGrid) : null;
  return {
    assumptions,
    care,
    prices: costForecast?.prices ?? null,
    warnings: [...(assumptions?.warnings ?? []), ...(care?.warnings ?? []), ...(costForecast?.warnings ?? [])],
  };
}

export interface ApplyOptions {
  /**
   * Whose uplift lines: "build" keeps the lines the build would have (one per budget category in the
   * task pane) and takes each one's label, base cost and rates from the sheet's line of its category;
   * "sheet" keeps the sheet's lines themselves (the command line: the workbook carries its uplift table).
   */
  lines: "build" | "sheet";
  /** Inputs left as the build has them (in the task pane: what was typed there after it read the sheets). */
  skip?: ReadonlySet<SheetInputKey>;
}

export interface AppliedSheetInputs {
  assumptions: Assumptions;
  /** What the sheets changed, with where each was read. */
  changed: { key: SheetInputKey; where: string }[];
  /** What was read but could not be used. */
  warnings: Diagnostic[];
}

/** The assumptions a rebuild uses: `base` (what the build would otherwise use) with the values the user left on the sheets. */
export function applySheetInputs(base: Assumptions, inputs: SheetInputs, options: ApplyOptions): AppliedSheetInputs {
  const out: Assumptions = { ...base };
  const changed: AppliedSheetInputs["changed"] = [];
  const take = (key: SheetInputKey, where: string): boolean => {
    if (options.skip?.has(key)) return false;
    changed.push({ key, where });
    return true;
  };
  const warnings: Diagnostic[] = [];
  if (inputs.assumptions) applyAssumptionEdits(inputs.assumptions, base, out, take, options.lines, warnings);
  const care = inputs.care;
  if (care) {
    for (const [key, edit] of Object.entries(care.comparators)) {
      if (!edit) continue;
      const series = seriesFromSheet(edit.value, comparatorSeries(base, key));
      if (!sameSeries(series, comparatorSeries(base, key)) && take("comparators", describeCell(edit.ref)))
        out.comparators = { ...out.comparators, [key]: series };
    }
    const years = Object.entries(care.populationByYear).filter(
      ([year, edit]) => edit.value !== (base.populationByYear[Number(year)] ?? null),
    );
    if (years.length && take("populationByYear", describeCell(years[0][1].ref))) {
      out.populationByYear = {
        ...base.populationByYear,
        ...Object.fromEntries(years.map(([year, edit]) => [year, edit.value])),
      };
    }
  }
  return { assumptions: out, changed, warnings };
}

type Take = (key: SheetInputKey, where: string) => boolean;
interface Edit<T> {
  value: T;
  ref: CellRef;
}

const kept = (edit: { ref: CellRef }): string => `kept from ${describeCell(edit.ref)}`;
const sourced = <T>(edit: Edit<T>): Sourced<T> => ({ value: edit.value, source: kept(edit) });

/**
 * Lays what the user left on the Assumptions sheet over `base`, into `out`: each single value the
 * user changed (and `take` accepts), then the count history, then the uplift lines and rates.
 */
function applyAssumptionEdits(
  a: AssumptionEdits,
  base: Assumptions,
  out: Assumptions,
  take: Take,
  lines: ApplyOptions["lines"],
  warnings: Diagnostic[],
): void {
  applySingleValueEdits(a, base, out, take);
  applyHistoryEdit(a, base, out, take, warnings);
  applyUpliftEdits(a, base, out, take, lines);
}

/** The single-cell inputs: year and period, population, counts and costs, method, council, definition, target date. */
function applySingleValueEdits(a: AssumptionEdits, base: Assumptions, out: Assumptions, take: Take): void {
  // The sources state these when they can; the sheet's value counts only where they do not.
  for (const key of ["financialYear", "period"] as const) {
    const edit = a[key];
    if (edit && edit.value !== null && (base[key]?.value ?? null) === null && take(key, describeCell(edit.ref)))
      out[key] = sourced(edit);
  }
  for (const key of ["population0to17", "projectedLacCount", "currentCostGbp"] as const) {
    const edit = a[key];
    if (edit && edit.value !== (base[key]?.value ?? null) && take(key, describeCell(edit.ref)))
      out[key] = sourced(edit);
  }
  const {
    weeksPerYear: weeks,
    projectionMethod: method,
    currentCostExcludes: excludes,
    projectionTargetDate: target,
  } = a;
  if (weeks && weeks.value !== base.weeksPerYear && take("weeksPerYear", describeCell(weeks.ref)))
    out.weeksPerYear = weeks.value;
  if (method && method.value !== base.projectionMethod && take("projectionMethod", describeCell(method.ref)))
    out.projectionMethod = method.value;
  if (
    excludes &&
    excludes.value !== (base.currentCostExcludes ?? "") &&
    take("currentCostExcludes", describeCell(excludes.ref))
  )
    out.currentCostExcludes = excludes.value;
  const council = a.council;
  if (
    council &&
    !sameCouncilText(council.value, base.council?.value ?? null) &&
    take("council", describeCell(council.ref))
  )
    out.council = sourced(council);
  const definition = a.stabilityDefinition;
  if (
    definition &&
    definition.value !== (base.stabilityDefinition?.value ?? DEFAULT_LONG_TERM_DEFINITION) &&
    take("stabilityDefinition", describeCell(definition.ref))
  ) {
    out.stabilityDefinition = sourced(definition);
  }

  // A target date still at the default of the year the sheet was built for moves on with the spend year.
  const stillDefault = (date: number) =>
    a.upliftBaseYear !== null &&
    date === defaultProjectionTargetDate(a.upliftBaseYear) &&
    base.projectionTargetDate === defaultProjectionTargetDate(base.upliftBaseYear);
  if (
    target &&
    target.value !== base.projectionTargetDate &&
    !stillDefault(target.value) &&
    take("projectionTargetDate", describeCell(target.ref))
  ) {
    out.projectionTargetDate = target.value;
  }
}

/** The counts of children looked after typed on the sheet; a mix of typed counts and links whose rows moved is not read back. */
function applyHistoryEdit(
  a: AssumptionEdits,
  base: Assumptions,
  out: Assumptions,
  take: Take,
  warnings: Diagnostic[],
): void {
  if (a.lacHistory) {
    const where = `sheet '${a.sheet}' (${cellRange(a.lacHistory.first, a.lacHistory.last)})`;
    const history = historyFromSheet(a.lacHistory, base.lacHistory.value, a.sheet);
    if (history === null) {
      warnings.push({
        severity: "warning",
        message: `The counts of children looked after on ${where} mix typed counts with links to a count history sheet, and rows were added or removed among them: the typed counts are not read back. Type them in the task pane or the assumptions file instead.`,
        where,
      });
    } else if (historyEdited(history.value, base.lacHistory.value) && take("lacHistory", where)) {
      out.lacHistory = history;
    }
  }
}

/** The uplift lines (label, category, base cost) and their rates, each taken on its own if only one changed. */
function applyUpliftEdits(
  a: AssumptionEdits,
  base: Assumptions,
  out: Assumptions,
  take: Take,
  lines: ApplyOptions["lines"],
): void {
  if (a.uplift?.length) {
    const uplift = upliftFromSheet(a, base, lines);
    const where = `sheet '${a.sheet}' (${cellRange(a.uplift[0].ref, a.uplift[a.uplift.length - 1].ref)})`;
    const shape = (list: UpliftLine[]) =>
      JSON.stringify(list.map((line) => [line.label, line.category, line.baseCostGbp.value]));
    const rates = (list: UpliftLine[]) => JSON.stringify(list.map((line) => [line.category, line.rates]));
    const newLines = shape(uplift) !== shape(base.uplift) && take("upliftLines", where);
    const newRates = rates(uplift) !== rates(base.uplift) && take("upliftRates", where);
    // Lines and rates apart: the pane may have typed the rates of the lines the sheet renamed.
    if (newLines && newRates) out.uplift = uplift;
    else if (newLines)
      out.uplift = uplift.map((line, i) => ({
        ...line,
        rates: base.uplift[i]?.category === line.category ? base.uplift[i].rates : line.rates,
      }));
    else if (newRates)
      out.uplift = base.uplift.map((line, i) => ({
        ...line,
        rates: uplift[i]?.category === line.category ? uplift[i].rates : line.rates,
      }));
  }
}

/** A council typed as "sefton" is the one the build wrote as "Sefton". */
function sameCouncilText(a: string | null, b: string | null): boolean {
  return (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();
}

/**
 * The sheet's counts: each typed date and count, and where a cell links to a count history sheet, the
 * build's point at the same place (its link kept). Null when links cannot be matched that way (rows were
 * added or removed among them).
 */
function historyFromSheet(edits: HistoryEdits, base: LacCount[], sheet: string): Sourced<LacCount[]> | null {
  const links = edits.rows.filter((row) => row.date === null || row.count === null).length;
  if (links > 0 && edits.rows.length !== base.length) return null;
  const value = edits.rows.map((row, i): LacCount => {
    const built = base[i];
    return {
      date: row.date ?? built.date,
      count: row.count ?? built.count,
      ...(row.date === null && built.dateCell ? { dateCell: built.dateCell } : {}),
      ...(row.count === null && built.countCell ? { countCell: built.countCell } : {}),
    };
  });
  const source = `kept from sheet '${sheet}' (${cellRange(edits.first, edits.last)})`;
  const linkedTo = value
    .map((point) => (point.countCell ?? point.dateCell)?.ref.sheet)
    .find((name) => name !== undefined);
  return {
    value,
    source: linkedTo ? `${source}; the counts not typed there still link to sheet '${linkedTo}'` : source,
  };
}

/**
 * Whether the sheet's counts are the user's rather than the counts the build already has: they differ
 * over the dates both cover, or the sheet's run later or start later. A source that runs on further
 * (a new year of returns) or starts later (the oldest year dropped) is not an edit.
 */
function historyEdited(sheet: LacCount[], base: LacCount[]): boolean {
  if (sheet.length === 0) return false;
  if (base.length === 0) return true;
  const span = (points: LacCount[]) => ({
    first: minOf(
      points.map((p) => p.date),
      Infinity,
    ),
    last: maxOf(
      points.map((p) => p.date),
      -Infinity,
    ),
  });
  const s = span(sheet);
  const b = span(base);
  if (s.last > b.last || s.first > b.first) return true;
  const within = (points: LacCount[]) =>
    points
      .filter((p) => p.date >= b.first && p.date <= s.last)
      .map((p) => `${p.date}:${p.count}`)
      .sort()
      .join();
  return within(sheet) !== within(base);
}

/** The uplift lines with the sheet's labels, base costs and rates (rates by the financial year they apply in). */
function upliftFromSheet(a: AssumptionEdits, base: Assumptions, lines: ApplyOptions["lines"]): UpliftLine[] {
  const sheetLines = a.uplift ?? [];
  const occurrence = <T extends { category: string }>(list: readonly T[], i: number) =>
    list.slice(0, i).filter((line) => line.category === list[i].category).length;
  const nth = <T extends { category: string }>(list: readonly T[], category: string, n: number): T | undefined =>
    list.filter((line) => line.category === category)[n];
  const fromSheet = (edit: UpliftLineEdits, line: UpliftLine | undefined, years: number): UpliftLine => {
    const known = Object.values(edit.rates).map((rate) => rate.value);
    return {
      label: edit.label?.value ?? line?.label ?? CATEGORY_LABELS[edit.category],
      category: edit.category,
      baseCostGbp: edit.baseCostGbp
        ? edit.baseCostGbp.value === null
          ? { value: null, source: "forecast outturn on the Spend sheet" }
          : { value: edit.baseCostGbp.value, source: kept(edit.baseCostGbp) }
        : (line?.baseCostGbp ?? { value: null, source: "forecast outturn on the Spend sheet" }),
      rates: Array.from(
        { length: years },
        (_, k) => edit.rates[base.upliftBaseYear + 1 + k]?.value ?? line?.rates[k] ?? known[known.length - 1] ?? 0,
      ),
    };
  };
  if (lines === "sheet")
    return sheetLines.map((edit, i) =>
      fromSheet(edit, nth(base.uplift, edit.category, occurrence(sheetLines, i)), a.upliftYears),
    );
  return base.uplift.map((line, i) => {
    const edit = nth(sheetLines, line.category, occurrence(base.uplift, i));
    return edit ? fromSheet(edit, line, line.rates.length) : line;
  });
}

/**
 * The sheet's comparator rows, each keeping the years the table does not show from the series it was
 * written from (the same row, under the same name).
 */
function seriesFromSheet(sheet: ComparatorSeries[], built: ComparatorSeries[]): ComparatorSeries[] {
  return sheet.map((series, i) =>
    built[i]?.name === series.name ? { name: series.name, values: { ...built[i].values, ...series.values } } : series,
  );
}

function sameSeries(a: ComparatorSeries[], b: ComparatorSeries[]): boolean {
  const shape = (list: ComparatorSeries[]) =>
    JSON.stringify(
      list.map((s) => [
        s.name,
        Object.entries(s.values)
          .filter(([, value]) => value !== null)
          .sort(([x], [y]) => Number(x) - Number(y)),
      ]),
    );
  return shape(a) === shape(b);
}

/** The inputs whose values differ between two readings of the sheets (where they sit does not matter). */
export function changedSheetInputs(now: SheetInputs, before: SheetInputs): Set<SheetInputKey> {
  const value = (inputs: SheetInputs, key: SheetInputKey): string => {
    const a = inputs.assumptions;
    switch (key) {
      case "lacHistory":
        return JSON.stringify(a?.lacHistory?.rows ?? null);
      case "upliftLines":
        return JSON.stringify(
          a?.uplift?.map((line) => [line.category, line.label?.value, line.baseCostGbp?.value]) ?? null,
        );
      case "upliftRates":
        return JSON.stringify(
          a?.uplift?.map((line) => [
            line.category,
            Object.entries(line.rates).map(([year, rate]) => [year, rate.value]),
          ]) ?? null,
        );
      case "comparators":
        return JSON.stringify(Object.entries(inputs.care?.comparators ?? {}).map(([k, edit]) => [k, edit?.value]));
      case "populationByYear":
        return JSON.stringify(
          Object.entries(inputs.care?.populationByYear ?? {}).map(([year, edit]) => [year, edit.value]),
        );
      default:
        return JSON.stringify(a?.[key]?.value ?? null);
    }
  };
  return new Set(SHEET_INPUT_KEYS.filter((key) => value(now, key) !== value(before, key)));
}
