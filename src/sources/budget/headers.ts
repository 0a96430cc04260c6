/**
 * Finding header blocks: the rows of text directly above a table's first row of amounts.
 */
import { LacError } from "../../core/errors";
import { cellText, type Cell } from "../../core/grid";
import { unitsInText } from "../numbers";
import type { ColumnMapping } from "../recognise";
import { classifyHeader } from "../vocabulary";
import { minOf } from "../../core/arrays";
import {
  MAX_HEADER_ROWS,
  MAX_BLANKS_UNDER_HEADER,
  SAMPLE_ROWS,
  type HeaderColumn,
  type HeaderBlock,
  Sheet,
  range,
} from "./sheet";

export function findHeaderBlocks(sheet: Sheet): HeaderBlock[] {
  const blocks: HeaderBlock[] = [];
  const count = sheet.rows.length;
  let row = 0;
  while (row < count) {
    if (!sheet.isTexty(row)) {
      row += 1;
      continue;
    }
    let last = row;
    while (last + 1 < count && sheet.isTexty(last + 1)) last += 1;
    let data = last + 1;
    while (data < count && data - last - 1 < MAX_BLANKS_UNDER_HEADER && sheet.isBlank(data)) data += 1;
    if (data < count && sheet.rows[data].amountCols.size > 0) {
      const block = evaluateBlock(sheet, Math.max(row, last - MAX_HEADER_ROWS + 1), last, data);
      if (block) blocks.push(block);
    }
    row = last + 1;
  }
  return blocks;
}

/** Drops rows at the top of a block that hold text only in its first column: titles, not headers. */
function trimTitles(sheet: Sheet, top: number, bottom: number): number {
  let first = top;
  while (first < bottom) {
    const leftmost = minOf(
      range(first, bottom).map((row) => sheet.rows[row].filled[0] ?? Infinity),
      Infinity,
    );
    if (!sheet.rows[first].filled.every((col) => col === leftmost)) break;
    first += 1;
  }
  return first;
}

function headerColumns(sheet: Sheet, top: number, bottom: number): HeaderColumn[] {
  const byCol = new Map<number, { parts: string[]; headerRow: number }>();
  for (let row = top; row <= bottom; row += 1) {
    for (const col of sheet.rows[row].filled) {
      const text = headerText(sheet.cell(row, col));
      if (text === "") continue;
      const entry = byCol.get(col) ?? { parts: [], headerRow: row };
      entry.parts.push(text);
      byCol.set(col, entry);
    }
  }
  return [...byCol.entries()]
    .sort(([a], [b]) => a - b)
    .map(([col, { parts, headerRow }]) => {
      const header = parts.join(" ").replace(/\s+/g, " ");
      return { col, header, headerRow, measure: classifyHeader(header), units: unitsInText(header) };
    });
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A header cell as text: a date (a month column headed by a real date) reads "Apr 2024". */
function headerText(cell: Cell): string {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? "" : `${MONTH_NAMES[cell.getUTCMonth()]} ${cell.getUTCFullYear()}`;
  return cellText(cell);
}

export function hasAmountsBelow(sheet: Sheet, col: number, firstDataRow: number, end: number): boolean {
  for (let row = firstDataRow; row < Math.min(end, firstDataRow + SAMPLE_ROWS); row += 1) {
    if (sheet.rows[row].amountCols.has(col)) return true;
  }
  return false;
}

/**
 * The block's columns, or null when no column that names a measure has amounts under it. A table
 * naming one measure only in its title or label column ("Average Costs" over a single "£" column)
 * gives that measure to its one column of amounts.
 */
function evaluateBlock(sheet: Sheet, runTop: number, bottom: number, firstDataRow: number): HeaderBlock | null {
  const top = trimTitles(sheet, runTop, bottom);
  const columns = headerColumns(sheet, top, bottom);
  const end = sheet.rows.length;
  if (columns.some((c) => c.measure !== null && hasAmountsBelow(sheet, c.col, firstDataRow, end))) {
    return { top, bottom, firstDataRow, columns };
  }
  const named = headerColumns(sheet, runTop, bottom).filter((c) => c.measure !== null);
  const unnamedAmounts = columns.filter((c) => c.measure === null && hasAmountsBelow(sheet, c.col, firstDataRow, end));
  if (named.length !== 1 || unnamedAmounts.length !== 1) return null;
  const [title] = named;
  const [amounts] = unnamedAmounts;
  const merged = { ...amounts, header: `${title.header} ${amounts.header}`, measure: title.measure };
  return { top: runTop, bottom, firstDataRow, columns: columns.map((c) => (c === amounts ? merged : c)) };
}

/**
 * When no header is found but the user chose columns: the row above the first amount in those columns
 * is taken as the header row.
 */
export function blockAboveMappedColumns(sheet: Sheet, mapping: ColumnMapping | undefined): HeaderBlock[] {
  const cols = Object.values(mapping?.columns ?? {})
    .filter((col): col is number => typeof col === "number")
    .map((col) => col - sheet.grid.origin.col);
  const first = sheet.rows.findIndex((facts) => cols.some((col) => facts.amountCols.has(col)));
  if (first < 0) return [];
  const top = Math.max(0, first - 1);
  return [{ top, bottom: top, firstDataRow: first, columns: first > 0 ? headerColumns(sheet, top, top) : [] }];
}

export function mappedBlock(sheet: Sheet, headerRow: number): HeaderBlock {
  if (headerRow < 0 || headerRow >= sheet.rows.length) {
    throw new LacError(
      "value",
      `the chosen header row ${headerRow + sheet.grid.origin.row + 1} is outside the used range of sheet '${sheet.name}' (rows ${sheet.grid.origin.row + 1}-${sheet.grid.origin.row + sheet.rows.length})`,
    );
  }
  return {
    top: headerRow,
    bottom: headerRow,
    firstDataRow: headerRow + 1,
    columns: headerColumns(sheet, headerRow, headerRow),
  };
}
