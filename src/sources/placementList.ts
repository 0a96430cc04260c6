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
  const typeCol = col("placementType") as number;
  const costCol = col("weeklyCost") as number;
  const idCol = col("id");
  const providerCol = col("provider");
  const startCol = col("startDate");
  const endCol = col("endDate");
  const categories = new Map<string, PlacementCategory | null>();
  const unknownTypes = new Map<string, { rows: number; first: number }>();
  let totalRows = 0;

  for (let r = firstRow; r < grid.cells.length; r += 1) {
    const cells = grid.cells[r] ?? [];
    if (!cells.some(isFilled)) continue;
    const row = r + origin.row;
    const bad = (reason: string, c: number) =>
      list.badRows.push({ ref: { sheet: grid.name, row, col: c + origin.col }, reason });
    const placementType = cellText(cells[typeCol]);
    if (totalKind(placementType) !== null) {
      totalRows += 1;
      continue;
    }
    if (placementType === "") {
      bad("no placement type", typeCol);
      continue;
    }
    const weeklyCostGbp = parseAmount(cells[costCol]);
    if (weeklyCostGbp === null || weeklyCostGbp < 0) {
      bad(
        isFilled(cells[costCol])
          ? `weekly cost '${cellText(cells[costCol])}' is not an amount of £0 or more`
          : "no weekly cost",
        costCol,
      );
      continue;
    }
    let startDate: number | null;
    let endDate: number | null;
    try {
      startDate = startCol === null ? null : dateOf(cells[startCol], "start date");
    } catch (error) {
      bad(reasonOf(error), startCol as number);
      continue;
    }
    try {
      endDate = endCol === null ? null : dateOf(cells[endCol], "end date");
    } catch (error) {
      bad(reasonOf(error), endCol as number);
      continue;
    }
    if (startDate !== null && endDate !== null && endDate < startDate) {
      bad("the end date is before the start date", endCol as number);
      continue;
    }

    if (!categories.has(placementType)) {
      const chosen = options.labelCategories?.[placementType];
      categories.set(placementType, chosen === "excluded" ? null : (chosen ?? categoriseLabel(placementType)));
    }
    const known = categories.get(placementType) ?? null;
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
      startDate,
      endDate,
      weeklyCostGbp,
      row,
    });
  }

  for (const { ref, reason } of list.badRows.slice(0, MAX_ROW_WARNINGS)) {
    list.warnings.push({
      severity: "warning",
      message: `row ${ref.row + 1} of sheet '${grid.name}' was left out: ${reason}`,
      where: `row ${ref.row + 1} of sheet '${grid.name}'`,
    });
  }
  if (list.badRows.length > MAX_ROW_WARNINGS) {
    list.warnings.push({
      severity: "warning",
      message: `${list.badRows.length - MAX_ROW_WARNINGS} more rows of sheet '${grid.name}' were left out (${list.badRows.length} in all)`,
    });
  }
  for (const [placementType, { rows, first }] of unknownTypes) {
    list.warnings.push({
      severity: "warning",
      message: `placement type '${placementType}' on sheet '${grid.name}' (${rows} row${rows === 1 ? "" : "s"}, first row ${first + 1}) is not one the add-in knows; kept under Other (choose its category to move it)`,
      where: `row ${first + 1} of sheet '${grid.name}'`,
    });
  }
  if (totalRows > 0) {
    list.warnings.push({
      severity: "info",
      message: `${totalRows} total row${totalRows === 1 ? "" : "s"} on sheet '${grid.name}' ${totalRows === 1 ? "was" : "were"} not read as placements`,
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
