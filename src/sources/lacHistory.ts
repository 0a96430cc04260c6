/**
 * Recognises a count history: the sheet finance analysts keep of children looked after over time ("LAC
 * numbers", "CLA count", "Number of LAC"), one row per date or month with the count at that date. The
 * Needs projection runs from it, and each count keeps its cell so the workbook can link to it live.
 *
 * Rules: the header is the first row (of the first 30) with a date column and a count column (header
 * words in vocabulary.ts); without a chosen kind the sheet must also hold at least two rows under it
 * with a date and a count. Dates are read by core/dates.ts (date cells, serials, dd/mm/yyyy, and month
 * labels such as "Feb-17", which mean the month's last day); counts by numbers.ts parseAmount.
 * Every row that holds something is accounted for: a point, a bad row (warned, with sheet and row),
 * a total or note row, or a month not counted yet (dates after the latest count with no count beside
 * them, one message for them all). Points come out in date order; dates out of order or repeated are
 * warned about, never silently mended.
 */
import { formatDate, parseDate, parseDateOrMonth } from "../core/dates";
import { LacError, isLacError } from "../core/errors";
import type { Diagnostic } from "../core/diagnostics";
import {
  cellText,
  describeCell,
  isFilled,
  type Cell,
  type CellRef,
  type SheetGrid,
  type SourceCell,
} from "../core/grid";
import { tableColumns, type TableColumn } from "./tableColumns";
import { parseAmount } from "./numbers";
import type { RecogniseOptions } from "./recognise";
import {
  HISTORY_FIELD_NAMES,
  classifyHistoryHeader,
  isNoteLabel,
  isSummaryLabel,
  type HistoryField,
} from "./vocabulary";

/** Its absolute 0-based column and header. */
export type LacHistoryColumn = TableColumn;

export interface LacHistoryPoint {
  /** Excel serial. */
  date: number;
  count: number;
  /** Absolute 0-based row. */
  row: number;
  dateCell: SourceCell;
  countCell: SourceCell;
}

export interface LacHistory {
  sheet: string;
  /** Absolute 0-based header row. */
  headerRow: number;
  columns: Record<HistoryField, LacHistoryColumn>;
  /** In date order (rows with the same date keep the sheet's order). */
  points: LacHistoryPoint[];
  /** Every row with something in it that gave no point, and why. */
  badRows: { ref: CellRef; reason: string }[];
  warnings: Diagnostic[];
}

const HEADER_SEARCH_ROWS = 30;
const MAX_ROW_WARNINGS = 20;
/** Rows with a date and a count a sheet needs before it is taken for a history without being told. */
const MIN_POINTS_TO_RECOGNISE = 2;
/** A whole number in this range in a date column is a year written alone, not a date (2017 is 09/07/1905). */
const YEARS = { from: 1900, to: 2100 };

type HeaderColumns = Partial<Record<HistoryField, { col: number; header: string }>>;

function headerFields(cells: readonly Cell[]): HeaderColumns {
  const columns: HeaderColumns = {};
  cells.forEach((cell, col) => {
    if (typeof cell !== "string") return;
    const field = classifyHistoryHeader(cell);
    if (field && !columns[field]) columns[field] = { col, header: cell.trim() };
  });
  return columns;
}

/** The first header row (grid-relative) naming a date and a count column, or null. */
function findHeader(grid: SheetGrid): { row: number; columns: HeaderColumns } | null {
  const rows = Math.min(grid.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < rows; row += 1) {
    const columns = headerFields(grid.cells[row] ?? []);
    if (columns.date && columns.count) return { row, columns };
  }
  return null;
}

/**
 * Whether a sheet looks like a count history: a header naming a date and a count column with at least
 * two rows under it holding a date and a count. Recognition asks this before trying a budget table.
 */
export function looksLikeLacHistory(grid: SheetGrid): boolean {
  const found = findHeader(grid);
  if (!found) return false;
  const dateCol = found.columns.date?.col as number;
  const countCol = found.columns.count?.col as number;
  let points = 0;
  for (let r = found.row + 1; r < grid.cells.length && points < MIN_POINTS_TO_RECOGNISE; r += 1) {
    const cells = grid.cells[r] ?? [];
    if (readDate(cells[dateCol]) !== null && parseAmount(cells[countCol] ?? null) !== null) points += 1;
  }
  return points >= MIN_POINTS_TO_RECOGNISE;
}

/**
 * The count history of a sheet. Throws LacError("value") when it has no header naming a date and a
 * count column (the column mapping can name them) or no row with both.
 */
export function recogniseLacHistory(grid: SheetGrid, options: RecogniseOptions = {}): LacHistory {
  const { origin } = grid;
  const mapping = options.columnMappings?.[grid.name];
  const chosenHeaderRow = mapping?.headerRow;
  const found =
    chosenHeaderRow !== undefined
      ? { row: chosenHeaderRow - origin.row, columns: headerFields(grid.cells[chosenHeaderRow - origin.row] ?? []) }
      : findHeader(grid);
  if (!found) {
    throw new LacError(
      "value",
      `found no count history header on sheet '${grid.name}' (expected a row naming a date or month column and a count column such as 'Children looked after', 'LAC' or 'CLA' in the first ${HEADER_SEARCH_ROWS} rows)`,
    );
  }
  const columns = tableColumns(grid, found, mapping?.historyColumns ?? {}, {
    what: "count history",
    required: ["date", "count"],
    names: HISTORY_FIELD_NAMES,
  });

  const history: LacHistory = {
    sheet: grid.name,
    headerRow: found.row + origin.row,
    columns: columns as Record<HistoryField, LacHistoryColumn>,
    points: [],
    badRows: [],
    warnings: [],
  };
  readRows(grid, found.row + 1, history);
  if (history.points.length === 0) {
    const first = history.badRows[0];
    throw new LacError(
      "value",
      `found the count history header on sheet '${grid.name}' (row ${history.headerRow + 1}: '${history.columns.date.header}', '${history.columns.count.header}') but no row under it with a date and a count${first ? ` (row ${first.ref.row + 1}: ${first.reason})` : ""}`,
    );
  }
  warnAboutOrder(history);
  return history;
}

/** A date cell's serial; null when it holds no date (blank, a word, a year on its own). */
function readDate(cell: Cell): number | null {
  try {
    return readHistoryDate(cell);
  } catch (error) {
    if (isLacError(error)) return null;
    throw error;
  }
}

function readRows(grid: SheetGrid, firstRow: number, history: LacHistory): void {
  const { origin } = grid;
  const dateCol = history.columns.date.col - origin.col;
  const countCol = history.columns.count.col - origin.col;
  const refAt = (row: number, col: number): CellRef => ({ sheet: grid.name, row, col: col + origin.col });
  const bad = (row: number, col: number, reason: string) => history.badRows.push({ ref: refAt(row, col), reason });
  const notCounts: number[] = [];
  /** Rows with a date and no count, kept until a later count shows they are gaps, not months to come. */
  let uncounted: { row: number; date: number }[] = [];
  const fractions: { row: number; count: number }[] = [];

  for (let r = firstRow; r < grid.cells.length; r += 1) {
    const cells = grid.cells[r] ?? [];
    const row = r + origin.row;
    const dateValue = cells[dateCol];
    const countValue = cells[countCol];
    if (!isFilled(dateValue) && !isFilled(countValue)) continue;
    if (typeof dateValue === "string" && (isSummaryLabel(dateValue) || isNoteLabel(dateValue))) {
      notCounts.push(row);
      continue;
    }

    let date: number | null;
    try {
      date = readHistoryDate(dateValue);
    } catch (error) {
      if (!isLacError(error)) throw error;
      if (!isFilled(countValue) && typeof dateValue === "string") {
        notCounts.push(row);
        continue;
      }
      bad(row, dateCol, `date: ${error.message}`);
      continue;
    }
    if (date === null) {
      bad(row, dateCol, `no date beside the count '${shown(countValue)}'`);
      continue;
    }
    if (!isFilled(countValue)) {
      uncounted.push({ row, date });
      continue;
    }
    const count = parseAmount(countValue);
    if (count === null || count < 0) {
      bad(row, countCol, `count '${shown(countValue)}' is not a number of children (0 or more)`);
      continue;
    }
    for (const gap of uncounted) bad(gap.row, countCol, `no count for ${formatDate(gap.date)}`);
    uncounted = [];
    if (!Number.isInteger(count)) fractions.push({ row, count });
    history.points.push({
      date,
      count,
      row,
      dateCell: sourceCell(refAt(row, dateCol), dateValue),
      countCell: sourceCell(refAt(row, countCol), countValue),
    });
  }

  history.badRows.sort((a, b) => a.ref.row - b.ref.row);
  warnHistoryRows(grid.name, history, { fractions, uncounted, notCounts }, (row) => refAt(row, countCol));
}

/**
 * The warnings of a count history: each row left out (the first few one by one), counts that are not
 * whole, dated rows still waiting for a count, and rows holding a total, note or heading.
 */
function warnHistoryRows(
  sheet: string,
  history: LacHistory,
  rows: {
    fractions: { row: number; count: number }[];
    uncounted: { row: number; date: number }[];
    notCounts: number[];
  },
  countRef: (row: number) => CellRef,
): void {
  const { fractions, uncounted, notCounts } = rows;
  const where = `sheet '${sheet}'`;
  for (const { ref, reason } of history.badRows.slice(0, MAX_ROW_WARNINGS)) {
    history.warnings.push({
      severity: "warning",
      message: `row ${ref.row + 1} of ${where} was left out of the count history: ${reason}`,
      where: describeCell(ref),
    });
  }
  if (history.badRows.length > MAX_ROW_WARNINGS) {
    history.warnings.push({
      severity: "warning",
      message: `${history.badRows.length - MAX_ROW_WARNINGS} more rows of ${where} were left out of the count history (${history.badRows.length} in all)`,
      where,
    });
  }
  for (const { row, count } of fractions) {
    history.warnings.push({
      severity: "warning",
      message: `the count ${count} in row ${row + 1} of ${where} is not a whole number of children; it is used as it is`,
      where: describeCell(countRef(row)),
    });
  }
  if (uncounted.length > 0) {
    const [first, last] = [uncounted[0], uncounted[uncounted.length - 1]];
    history.warnings.push({
      severity: "info",
      message: `${uncounted.length} row${uncounted.length === 1 ? "" : "s"} of ${where} after the latest count (rows ${first.row + 1}-${last.row + 1}, ${formatDate(first.date)} to ${formatDate(last.date)}) ${uncounted.length === 1 ? "has" : "have"} a date but no count yet: not used until counted`,
      where,
    });
  }
  if (notCounts.length > 0) {
    history.warnings.push({
      severity: "info",
      message: `${notCounts.length} row${notCounts.length === 1 ? "" : "s"} of ${where} (${rowList(notCounts)}) ${notCounts.length === 1 ? "holds" : "hold"} a total, a note or a heading in the date column, not a count`,
      where,
    });
  }
}

/** A date cell of a history: a date, a serial, dd/mm/yyyy or a month label; a year alone is refused. */
function readHistoryDate(cell: Cell): number | null {
  if (typeof cell === "number" && Number.isInteger(cell) && cell >= YEARS.from && cell <= YEARS.to) {
    throw new LacError(
      "value",
      `found ${cell}, a year on its own, which Excel would read as ${formatDate(cell)}; write the date of the count (31/03/${cell}) or its month (Mar-${String(cell % 100).padStart(2, "0")})`,
    );
  }
  return parseDateOrMonth(cell);
}

function warnAboutOrder(history: LacHistory): void {
  const where = `sheet '${history.sheet}'`;
  const { points } = history;
  const descending = points.findIndex((point, i) => i > 0 && point.date < points[i - 1].date);
  if (descending > 0) {
    const [before, after] = [points[descending - 1], points[descending]];
    history.warnings.push({
      severity: "warning",
      message: `the dates of the count history on ${where} are not in order (row ${after.row + 1}, ${formatDate(after.date)}, comes after row ${before.row + 1}, ${formatDate(before.date)}): the counts are used in date order`,
      where: describeCell(after.dateCell.ref),
    });
  }
  points.sort((a, b) => a.date - b.date || a.row - b.row);
  for (let i = 1; i < points.length; i += 1) {
    const [first, second] = [points[i - 1], points[i]];
    if (first.date !== second.date) continue;
    history.warnings.push({
      severity: "warning",
      message: `rows ${first.row + 1} and ${second.row + 1} of ${where} are both dated ${formatDate(first.date)} (counts ${first.count} and ${second.count}): both are used; delete the one that is wrong`,
      where: describeCell(second.dateCell.ref),
    });
  }
}

function sourceCell(ref: CellRef, cell: Cell): SourceCell {
  if (typeof cell === "number" || cell instanceof Date) return { ref, cellIsNumber: true };
  return { ref, cellIsNumber: false, text: cellText(cell) };
}

/** A cell as a message quotes it: its text, or a date cell as dd/mm/yyyy. */
function shown(cell: Cell): string {
  return cell instanceof Date ? formatDate(parseDate(cell) as number) : cellText(cell);
}

/** "rows 70, 72 and 75", at most five named. */
function rowList(rows: readonly number[]): string {
  const named = rows.slice(0, 5).map((row) => row + 1);
  const more = rows.length > named.length ? ` and ${rows.length - named.length} more` : "";
  if (named.length === 1) return `row ${named[0]}`;
  return `rows ${named.slice(0, -1).join(", ")}${more ? `, ${named[named.length - 1]}${more}` : ` and ${named[named.length - 1]}`}`;
}
