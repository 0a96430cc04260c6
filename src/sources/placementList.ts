/**
 * Recognises a placement list: one row per placement with a placement type and a weekly cost, and
 * usually an id, a provider, a start date and a (planned) end date. From it come the placements open
 * at the period end by category, their average weekly cost, and the commitment-based outturn
 * (core/finance.ts commitmentOutturn, called here, not re-implemented).
 *
 * Rules: the header is the first row (of the first 30) naming at least a placement type, a weekly cost
 * and a start or end date. Rows run to the end of the used range; blank rows and rows whose type says
 * "Total" are skipped. A row that cannot be read (no type, a weekly cost that is not an amount or is
 * negative, a date that is not a date, an end before the start) is left out of the figures and
 * listed in `badRows` with its sheet and row, never silently. A placement is open at a date when it
 * started on or before it and has no end date or ends after it.
 */
import type { PlacementCategory } from "../core/categories";
import { parseDate } from "../core/dates";
import { commitmentOutturn } from "../core/finance";
import { LacError, isLacError } from "../core/errors";
import type { Diagnostic } from "../core/diagnostics";
import { cellText, isFilled, type Cell, type CellRef, type SheetGrid } from "../core/grid";
import { tableColumns, type TableColumn } from "./tableColumns";
import { parseAmount } from "./numbers";
import type { RecogniseOptions } from "./recognise";
import {
  PLACEMENT_FIELD_NAMES,
  categoriseLabel,
  classifyPlacementHeader,
  totalKind,
  type PlacementField,
} from "./vocabulary";

/** Its absolute 0-based column and header. */
export type PlacementColumn = TableColumn;

export interface Placement {
  /** The id as the sheet writes it, or "row 12" when the list has no id column or the cell is blank. */
  id: string;
  category: PlacementCategory;
  /** The placement type as the sheet writes it. */
  placementType: string;
  provider: string | null;
  /** Excel serials. */
  startDate: number | null;
  endDate: number | null;
  weeklyCostGbp: number;
  /** Absolute 0-based row. */
  row: number;
}

export interface PlacementList {
  sheet: string;
  /** Absolute 0-based header row. */
  headerRow: number;
  columns: Partial<Record<PlacementField, PlacementColumn>>;
  /** Absolute 0-based first and last rows after the header (for formulas over whole columns). */
  dataRows: { first: number; last: number };
  placements: Placement[];
  /** Every row left out, with the reason. */
  badRows: { ref: CellRef; reason: string }[];
  warnings: Diagnostic[];
}

const HEADER_SEARCH_ROWS = 30;
const MAX_ROW_WARNINGS = 20;
const REQUIRED: readonly PlacementField[] = ["placementType", "weeklyCost"];

/** The header row (grid-relative) and its columns (grid-relative), or null when the sheet is no placement list. */
export function findPlacementHeader(
  grid: SheetGrid,
): { row: number; columns: Partial<Record<PlacementField, { col: number; header: string }>> } | null {
  const rows = Math.min(grid.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < rows; row += 1) {
    const columns = headerFields(grid.cells[row] ?? []);
    if (REQUIRED.every((field) => columns[field]) && (columns.startDate || columns.endDate)) return { row, columns };
  }
  return null;
}

function headerFields(cells: Cell[]): Partial<Record<PlacementField, { col: number; header: string }>> {
  const columns: Partial<Record<PlacementField, { col: number; header: string }>> = {};
  cells.forEach((cell, col) => {
    if (typeof cell !== "string") return;
    const field = classifyPlacementHeader(cell);
    if (field && !columns[field]) columns[field] = { col, header: cell.trim() };
  });
  return columns;
}

export function recognisePlacementList(grid: SheetGrid, options: RecogniseOptions = {}): PlacementList {
  const { origin } = grid;
  const chosen = options.columnMappings?.[grid.name]?.placementColumns ?? {};
  const chosenHeaderRow = options.columnMappings?.[grid.name]?.headerRow;
  const found =
    chosenHeaderRow !== undefined
      ? { row: chosenHeaderRow - origin.row, columns: headerFields(grid.cells[chosenHeaderRow - origin.row] ?? []) }
      : findPlacementHeader(grid);
  if (!found) {
    throw new LacError(
      "value",
      `found no placement list header on sheet '${grid.name}' (expected a row naming at least a placement type, a weekly cost and a start or end date in the first ${HEADER_SEARCH_ROWS} rows)`,
    );
  }

  const columns = tableColumns(grid, found, chosen, {
    what: "placement list",
    required: REQUIRED,
    names: PLACEMENT_FIELD_NAMES,
  });

  const list: PlacementList = {
    sheet: grid.name,
    headerRow: found.row + origin.row,
    columns,
    dataRows: { first: found.row + origin.row + 1, last: origin.row + grid.cells.length - 1 },
    placements: [],
    badRows: [],
    warnings: [],
  };
  readPlacements(grid, found.row + 1, list, options);
  return list;
}

function readPlacements(grid: SheetGrid, firstRow: number, list: PlacementList, options: RecogniseOptions): void {
  const { origin } = grid;
  const col = (field: PlacementField): number | null =>
    list.columns[field] ? list.columns[field].col - origin.col : null;
  const cols: PlacementColumns = {
    type: col("placementType") as number,
    cost: col("weeklyCost") as number,
    start: col("startDate"),
    end: col("endDate"),
  };
  const idCol = col("id");
  const providerCol = col("provider");
  const categoryOf = placementCategories(options);
  const unknownTypes = new Map<string, { rows: number; first: number }>();
  let totalRows = 0;

  for (let r = firstRow; r < grid.cells.length; r += 1) {
    const cells = grid.cells[r] ?? [];
    if (!cells.some(isFilled)) continue;
    const row = r + origin.row;
    const placementType = cellText(cells[cols.type]);
    if (totalKind(placementType) !== null) {
      totalRows += 1;
      continue;
    }
    const read = readPlacementRow(cells, placementType, cols);
    if ("reason" in read) {
      list.badRows.push({ ref: { sheet: grid.name, row, col: read.col + origin.col }, reason: read.reason });
      continue;
    }
    const known = categoryOf(placementType);
    if (known === null) {
      const entry = unknownTypes.get(placementType) ?? { rows: 0, first: row };
      entry.rows += 1;
      unknownTypes.set(placementType, entry);
    }
    const id = idCol === null ? "" : cellText(cells[idCol]);
    const provider = providerCol === null ? "" : cellText(cells[providerCol]);
    list.placements.push({
      id: id === "" ? `row ${row + 1}` : id,
      category: known ?? "other",
      placementType,
      provider: provider === "" ? null : provider,
      startDate: read.startDate,
      endDate: read.endDate,
      weeklyCostGbp: read.weeklyCostGbp,
      row,
    });
  }
  warnLeftOut(grid.name, list, unknownTypes, totalRows);
}

/** The columns (within the grid) a placement row must or may have. */
interface PlacementColumns {
  type: number;
  cost: number;
  start: number | null;
  end: number | null;
}

/**
 * A placement row's weekly cost and dates, or why the row cannot be read and in which column:
 * no type, no cost or a negative one, a date that is not a date, or an end before the start.
 */
function readPlacementRow(
  cells: readonly Cell[],
  placementType: string,
  cols: PlacementColumns,
): { weeklyCostGbp: number; startDate: number | null; endDate: number | null } | { reason: string; col: number } {
  if (placementType === "") return { reason: "no placement type", col: cols.type };
  const weeklyCostGbp = parseAmount(cells[cols.cost]);
  if (weeklyCostGbp === null || weeklyCostGbp < 0) {
    return {
      reason: isFilled(cells[cols.cost])
        ? `weekly cost '${cellText(cells[cols.cost])}' is not an amount of £0 or more`
        : "no weekly cost",
      col: cols.cost,
    };
  }
  let startDate: number | null;
  let endDate: number | null;
  try {
    startDate = cols.start === null ? null : dateOf(cells[cols.start], "start date");
  } catch (error) {
    return { reason: reasonOf(error), col: cols.start as number };
  }
  try {
    endDate = cols.end === null ? null : dateOf(cells[cols.end], "end date");
  } catch (error) {
    return { reason: reasonOf(error), col: cols.end as number };
  }
  if (startDate !== null && endDate !== null && endDate < startDate)
    return { reason: "the end date is before the start date", col: cols.end as number };
  return { weeklyCostGbp, startDate, endDate };
}

/**
 * Each placement type's category, worked out once per type: the user's choice first, else what the
 * words say; null when it is left out by choice or not known.
 */
function placementCategories(options: RecogniseOptions): (placementType: string) => PlacementCategory | null {
  const categories = new Map<string, PlacementCategory | null>();
  return (placementType) => {
    if (!categories.has(placementType)) {
      const chosen = options.labelCategories?.[placementType];
      categories.set(placementType, chosen === "excluded" ? null : (chosen ?? categoriseLabel(placementType)));
    }
    return categories.get(placementType) ?? null;
  };
}

/** Warnings for the rows left out (the first few one by one), the placement types not known, and total rows. */
function warnLeftOut(
  sheet: string,
  list: PlacementList,
  unknownTypes: Map<string, { rows: number; first: number }>,
  totalRows: number,
): void {
  for (const { ref, reason } of list.badRows.slice(0, MAX_ROW_WARNINGS)) {
    list.warnings.push({
      severity: "warning",
      message: `row ${ref.row + 1} of sheet '${sheet}' was left out: ${reason}`,
      where: `row ${ref.row + 1} of sheet '${sheet}'`,
    });
  }
  if (list.badRows.length > MAX_ROW_WARNINGS) {
    list.warnings.push({
      severity: "warning",
      message: `${list.badRows.length - MAX_ROW_WARNINGS} more rows of sheet '${sheet}' were left out (${list.badRows.length} in all)`,
    });
  }
  for (const [placementType, { rows, first }] of unknownTypes) {
    list.warnings.push({
      severity: "warning",
      message: `placement type '${placementType}' on sheet '${sheet}' (${rows} row${rows === 1 ? "" : "s"}, first row ${first + 1}) is not one the add-in knows; kept under Other (choose its category to move it)`,
      where: `row ${first + 1} of sheet '${sheet}'`,
    });
  }
  if (totalRows > 0) {
    list.warnings.push({
      severity: "info",
      message: `${totalRows} total row${totalRows === 1 ? "" : "s"} on sheet '${sheet}' ${totalRows === 1 ? "was" : "were"} not read as placements`,
    });
  }
}

function dateOf(cell: Cell, what: string): number | null {
  try {
    return parseDate(cell);
  } catch (error) {
    if (isLacError(error)) throw new LacError("value", `${what}: ${error.message}`);
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (isLacError(error)) return error.message;
  throw error;
}

// ---------------------------------------------------------------------------------------------------
// Figures at a date

/** Whether a placement is open at the end of a day (started by then; not ended by then). */
export function isOpenAt(placement: Placement, serial: number): boolean {
  return (
    (placement.startDate === null || placement.startDate <= serial) &&
    (placement.endDate === null || placement.endDate > serial)
  );
}

export interface CategoryPlacements {
  /** Placements open at the date. */
  current: number;
  /** Their weekly costs added up, in £ per week. */
  weeklyCostGbp: number;
  /** £ per placement per week (weeklyCostGbp / current); null when none is open. */
  averageWeeklyCostGbp: number | null;
}

/** Open placements at a date (usually the period end), by category. */
export function placementsByCategory(
  list: PlacementList,
  serial: number,
): Partial<Record<PlacementCategory, CategoryPlacements>> {
  const result: Partial<Record<PlacementCategory, CategoryPlacements>> = {};
  for (const placement of list.placements) {
    if (!isOpenAt(placement, serial)) continue;
    const entry = result[placement.category] ?? { current: 0, weeklyCostGbp: 0, averageWeeklyCostGbp: null };
    entry.current += 1;
    entry.weeklyCostGbp += placement.weeklyCostGbp;
    result[placement.category] = entry;
  }
  for (const entry of Object.values(result)) entry.averageWeeklyCostGbp = entry.weeklyCostGbp / entry.current;
  return result;
}

/**
 * What commitmentOutturn needs for one category: the placements open at the period end, with their
 * weekly cost and planned end date.
 */
export function commitmentInputs(
  list: PlacementList,
  category: PlacementCategory,
  periodEndSerial: number,
): { weeklyCostGbp: number; endDate: number | null }[] {
  return list.placements
    .filter((placement) => placement.category === category && isOpenAt(placement, periodEndSerial))
    .map(({ weeklyCostGbp, endDate }) => ({ weeklyCostGbp, endDate }));
}

/**
 * The commitment-based forecast outturn of each category given its actual to date: actual to date plus
 * the weekly cost of each placement open at the period end, to its planned end or 31 March
 * (core/finance.ts commitmentOutturn). Categories without an actual to date are not forecast.
 */
export function commitmentOutturns(
  list: PlacementList,
  actualToDateGbp: Partial<Record<PlacementCategory, number>>,
  periodEndSerial: number,
): Partial<Record<PlacementCategory, number>> {
  const result: Partial<Record<PlacementCategory, number>> = {};
  for (const [category, actual] of Object.entries(actualToDateGbp) as [PlacementCategory, number][]) {
    result[category] = commitmentOutturn(actual, periodEndSerial, commitmentInputs(list, category, periodEndSerial));
  }
  return result;
}
