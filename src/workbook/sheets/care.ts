/**
 * The care sheets, from SSDA903 episodes: In care, Starters and leavers, and Stability (the published strategy lines
 * 390-578). One column per year: each financial year the returns cover, headed by the year of its
 * 31 March as the DfE heads its tables, and the part of the latest year the data reach ("Jan-22").
 *
 * What is live and what is counted: the counts (children by age, placement, reason; the stability
 * numerators and denominators) are the engine's, counted from the episodes when the workbook is built,
 * because the episodes themselves are not copied into the workbook (they are personal data about
 * children, and a million rows would make it slow to open). Every figure made from the counts is a
 * formula: totals, percentages, rates per 10,000 on the population cells, so a population or comparator
 * typed in Excel recalculates at once. The population of each year and the comparator rows (region,
 * statistical neighbours, England) are input cells, filled from the Assumptions when given.
 */
import type { SheetGrid } from "../../core/grid";
import type { ComparatorSeries } from "../assumptions";
import { FORMATS } from "../cells";
import { type InputKind, InputSheet, numberInput, percentInput, type SheetValue, textInput } from "../inputCells";
import { ASSUMPTION_NAMES } from "../names";
import { formatDate } from "../../core/dates";
import type { SheetContext, SheetsPart } from "../context";
import type { CareFigures } from "../figures";
import type { SheetSpec } from "../names";
import type { Diagnostic } from "../../core/diagnostics";
import { buildInCareSheet, LOOKED_AFTER_RATES } from "./careInCare";
import { buildStabilitySheet, STABILITY_TABLES } from "./careStability";
import { buildStartersLeaversSheet, FLOW_RATES } from "./careStartersLeavers";
import {
  type CareSheetData,
  type ComparatorKey,
  endsComparatorRows,
  type ComparatorTable,
  DEFAULT_COMPARATOR_NAMES,
  yearOfPeriodLabel,
} from "./careTables";
import { pushAll } from "../../core/arrays";

export { CARE_COMPARATORS, DEFAULT_COMPARATOR_NAMES } from "./careTables";

export const CARE_SHEETS = [
  { key: "careInCare", name: "In care" },
  { key: "careStartersLeavers", name: "Starters and leavers" },
  { key: "careStability", name: "Stability" },
] as const satisfies readonly SheetSpec[];

/**
 * The care sheets, laid out from the care figures (computeCareFigures). Call with the names of
 * CARE_SHEETS resolved in the context. With no usable episodes there are no sheets, and a warning says why.
 */
export function buildCareSheets(figures: CareFigures, context: SheetContext): SheetsPart {
  const where = `sheet '${context.sheetName("careInCare")}'`;
  const { periods, measures } = figures;
  if (periods.length === 0) {
    return {
      sheets: [],
      names: [],
      warnings: [
        {
          severity: "warning",
          message: "The 903 data has no episodes, so there are no In care, Starters and leavers or Stability sheets.",
          where,
        },
      ],
    };
  }
  const data: CareSheetData = { periods, measures, context };
  const inCare = buildInCareSheet(data, figures);
  const startersLeavers = buildStartersLeaversSheet(data, inCare.population);
  const stability = buildStabilitySheet(data);
  return {
    sheets: [inCare.sheet, startersLeavers, stability],
    names: [],
    warnings: [...careWarnings(figures, where)],
  };
}

export type CareSheetKey = (typeof CARE_SHEETS)[number]["key"];

/** The care sheets' inputs as the user left them: the comparator rows of each table, and the population of each year. */
export interface CareEdits {
  /** By comparator table; the cell is the first comparator's name. Absent when the table is not found. */
  comparators: Partial<Record<ComparatorKey, SheetValue<ComparatorSeries[]>>>;
  /** By the year of its 31 March; null for a year left blank. A year whose cell reads the Assumptions sheet's population is absent. */
  populationByYear: Record<number, SheetValue<number | null>>;
  warnings: Diagnostic[];
}

/** Every table of the care sheets with comparator rows, in the order the sheets show them. */
const COMPARATOR_TABLES: readonly ComparatorTable[] = [
  LOOKED_AFTER_RATES,
  FLOW_RATES.started,
  FLOW_RATES.ceased,
  STABILITY_TABLES.short,
  STABILITY_TABLES.long,
];

const POPULATION = numberInput("a number of children above 0", (n) => n > 0);
const COMPARATOR_VALUES: Record<ComparatorTable["comparatorFormat"], InputKind<number>> = {
  [FORMATS.rate]: numberInput("a rate per 10,000 children (0 or more)", (n) => n >= 0),
  [FORMATS.percent]: percentInput("a percentage such as 69% (0.69)", (n) => n >= 0 && n <= 1),
};

/**
 * Reads back the inputs of the care sheets as the user left them in Excel: the comparator rows (region,
 * statistical neighbours, England, or whatever the user named them) of each rate and stability table,
 * and the population of each year on the In care sheet. Tables are found by their headings, years by
 * their column headings, comparator rows between the council's own rows and the note below them.
 * Never throws: what cannot be read is left out, with a warning naming the cell.
 */
export function readCareInputs(grids: Partial<Record<CareSheetKey, SheetGrid>>): CareEdits {
  const edits: CareEdits = { comparators: {}, populationByYear: {}, warnings: [] };
  const sheets = new Map<string, InputSheet>();
  for (const spec of COMPARATOR_TABLES) {
    const grid = grids[spec.sheetKey as CareSheetKey];
    if (!grid) continue;
    const sheet = sheets.get(spec.sheetKey) ?? new InputSheet(grid);
    sheets.set(spec.sheetKey, sheet);
    readComparatorTable(sheet, spec, edits);
  }
  for (const sheet of sheets.values()) pushAll(edits.warnings, sheet.warnings);
  return edits;
}

function readComparatorTable(sheet: InputSheet, spec: ComparatorTable, edits: CareEdits): void {
  const where = `sheet '${sheet.name}'`;
  // The table as this version writes it, else as an earlier version did, so typed comparators survive the upgrade.
  const layouts = [{ heading: spec.heading, rows: spec.rows }, ...(spec.former ?? [])];
  const found = layouts.map((layout) => ({ layout, heading: sheet.find(layout.heading) })).find((f) => f.heading);
  const heading = found?.heading;
  const ownRows = found?.layout.rows ?? spec.rows;
  if (!heading) {
    edits.warnings.push({
      severity: "warning",
      message: `Sheet '${sheet.name}' has no table headed "${spec.heading}": its comparators are not read back.`,
      where,
    });
    return;
  }
  const years: { col: number; year: number }[] = [];
  for (let col = heading.col + 1; sheet.text(heading.row, col) !== ""; col += 1) {
    const year = yearOfPeriodLabel(sheet.text(heading.row, col));
    if (year === null)
      sheet.warn(
        `The column heading "${sheet.text(heading.row, col)}" on sheet '${sheet.name}' is not a year (2021) or a month (Jan-22): that column is not read back.`,
        heading.row,
        col,
      );
    else years.push({ col, year });
  }
  const moved = ownRows.find((row, i) => sheet.text(heading.row + 1 + i, heading.col) !== row.label);
  if (moved) {
    edits.warnings.push({
      severity: "warning",
      message: `The table "${spec.heading}" on sheet '${sheet.name}' no longer has the row "${moved.label}" where the add-in put it: its comparators are not read back.`,
      where,
    });
    return;
  }
  const populationRow = ownRows === spec.rows ? spec.rows.findIndex((row) => row.key === "population") : -1;
  if (populationRow >= 0) {
    const row = heading.row + 1 + populationRow;
    const readsAssumptions = (formula: string) => formula.includes(ASSUMPTION_NAMES.population0to17);
    for (const { col, year } of years) {
      const population = sheet.read(row, col, `population ${year}`, POPULATION, {
        blank: "null",
        built: readsAssumptions,
      });
      if (population) edits.populationByYear[year] = population;
    }
  }
  const series: ComparatorSeries[] = [];
  const first = heading.row + 1 + ownRows.length;
  for (let row = first; row <= sheet.rows.last; row += 1) {
    const name = sheet.text(row, heading.col);
    if (endsComparatorRows(name)) break;
    const cells = years.map(({ col }) => col);
    if (
      name === "" &&
      sheet.formula(row, heading.col) === null &&
      cells.every((col) => sheet.text(row, col) === "" && sheet.formula(row, col) === null)
    )
      break;
    const values: Record<number, number | null> = {};
    for (const { col, year } of years) {
      const value = sheet.read(row, col, `${name || "comparator"} ${year}`, COMPARATOR_VALUES[spec.comparatorFormat], {
        blank: "null",
      });
      if (value) values[year] = value.value;
    }
    const typedName = sheet.read(row, heading.col, "comparator name", textInput, { blank: "null" })?.value ?? null;
    if (!typedName && Object.values(values).every((value) => value === null)) continue;
    const fallback = DEFAULT_COMPARATOR_NAMES[series.length] ?? `Comparator ${series.length + 1}`;
    if (!typedName)
      sheet.warn(
        `A comparator row of "${spec.heading}" on sheet '${sheet.name}' has figures but no name: it is called "${fallback}".`,
        row,
        heading.col,
      );
    series.push({ name: typedName || fallback, values });
  }
  edits.comparators[spec.comparators] = { value: series, ref: sheet.ref(first, heading.col) };
}

function careWarnings({ issues, periods, measures }: CareFigures, where: string): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  if (issues.length) {
    const first = issues[0];
    warnings.push({
      severity: "warning",
      message: `${issues.length} row${issues.length === 1 ? "" : "s"} of the 903 data could not be used and ${issues.length === 1 ? "was" : "were"} left out (first: ${first.file}, row ${first.row}: ${first.message}).`,
      where,
    });
  }
  if (measures.some((m) => m.population === null)) {
    const missing = periods.filter((_, i) => measures[i].population === null).map((p) => p.label);
    warnings.push({
      severity: "info",
      message: `No population aged 0-17 is given for ${missing.join(", ")}: enter it on the In care sheet (the latest year's is the Assumptions sheet's) and build again for rates per 10,000; until then those rates are left blank, so the charts show no point for them rather than a rate of 0.`,
      where,
    });
  }
  const unknownAge = measures[measures.length - 1].lookedAfter.ageUnknown;
  if (unknownAge > 0) {
    warnings.push({
      severity: "warning",
      message: `${unknownAge} children looked after at the latest date have no date of birth in the 903 data: they are counted in the totals but in no age group.`,
      where,
    });
  }
  const partial = periods.find((p) => !p.complete);
  if (partial) {
    warnings.push({
      severity: "info",
      message: `The 903 data end on ${formatDate(partial.period.end)}: the ${partial.label} column counts to that date, not to 31 March.`,
      where,
    });
  }
  return warnings;
}
