/**
 * Turns the plan's cell blocks into what Office.js writes in one call each: a 2-D array for
 * `Range.formulas` (constants and formulas together), a 2-D array for `Range.numberFormat`, and the
 * rectangles of each style. Pure, so the rules are tested without Excel.
 */
import type { CellBlock, CellStyle, PlanCell } from "../workbook/plan";

export type FormulaInput = string | number | boolean;

export interface StyleRect {
  style: CellStyle;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface BlockPayload {
  row: number;
  col: number;
  rows: number;
  cols: number;
  formulas: FormulaInput[][];
  /** Null when no cell of the block has a format (nothing to send). */
  numberFormats: string[][] | null;
  styles: StyleRect[];
  /** Estimated size of the request this block adds, in bytes of JSON. */
  bytes: number;
}

const GENERAL = "General";

/**
 * What `Range.formulas` is given for one cell. Every string constant gets Excel's text prefix, the
 * apostrophe a person types to keep "=A1", "+44", "-", "@home", "007" or "Apr-24" as the text it is:
 * text from a user's sheet is never turned into a formula, a number or a date. The apostrophe is not
 * part of the cell's value. An empty string leaves the cell empty.
 */
export function formulaInput(cell: PlanCell | null, where: () => string): FormulaInput {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value === "" ? "" : `'${value}`;
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`The workbook plan has ${value} at ${where()}; only finite numbers can be written to a cell.`);
  }
  return value;
}

function styleRects(block: CellBlock): StyleRect[] {
  // Runs of one style along each row, then runs of identical spans merged down the rows.
  const open = new Map<string, StyleRect>();
  const done: StyleRect[] = [];
  block.cells.forEach((cells, r) => {
    const row = block.row + r;
    const seen = new Set<string>();
    let c = 0;
    while (c < cells.length) {
      const style = cells[c]?.style;
      if (!style) {
        c += 1;
        continue;
      }
      let end = c;
      while (end + 1 < cells.length && cells[end + 1]?.style === style) end += 1;
      const key = `${style}|${block.col + c}|${end - c + 1}`;
      const rect = open.get(key);
      if (rect && rect.row + rect.rows === row) rect.rows += 1;
      else {
        if (rect) done.push(rect);
        open.set(key, { style, row, col: block.col + c, rows: 1, cols: end - c + 1 });
      }
      seen.add(key);
      c = end + 1;
    }
    for (const [key, rect] of open) {
      if (!seen.has(key)) {
        done.push(rect);
        open.delete(key);
      }
    }
  });
  return [...done, ...open.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

function estimateBytes(formulas: FormulaInput[][], numberFormats: string[][] | null): number {
  let bytes = 0;
  for (const row of formulas) for (const item of row) bytes += (typeof item === "string" ? item.length + 3 : 12) + 1;
  if (numberFormats) for (const row of numberFormats) for (const format of row) bytes += format.length + 4;
  return bytes;
}

export function blockPayload(block: CellBlock, sheetName: string): BlockPayload {
  const rows = block.cells.length;
  const cols = rows ? block.cells[0].length : 0;
  block.cells.forEach((row, r) => {
    if (row.length !== cols) {
      throw new Error(
        `The workbook plan for sheet '${sheetName}' has a block at row ${block.row + 1} whose row ${r + 1} has ${row.length} cells, not ${cols}.`,
      );
    }
  });
  const formulas = block.cells.map((row, r) =>
    row.map((cell, c) =>
      formulaInput(cell, () => `row ${block.row + r + 1}, column ${block.col + c + 1} of sheet '${sheetName}'`),
    ),
  );
  const anyFormat = block.cells.some((row) => row.some((cell) => cell?.format));
  const numberFormats = anyFormat ? block.cells.map((row) => row.map((cell) => cell?.format ?? GENERAL)) : null;
  return {
    row: block.row,
    col: block.col,
    rows,
    cols,
    formulas,
    numberFormats,
    styles: styleRects(block),
    bytes: estimateBytes(formulas, numberFormats),
  };
}

/**
 * Splits a block into slices of whole rows whose requests stay under maxBytes (Excel on the web
 * refuses requests over 5 MB). A block under the limit comes back whole.
 */
export function sliceByBytes(payload: BlockPayload, maxBytes: number): BlockPayload[] {
  if (payload.bytes <= maxBytes || payload.rows <= 1) return [payload];
  const slices: BlockPayload[] = [];
  let start = 0;
  while (start < payload.rows) {
    let end = start;
    let bytes = 0;
    while (end < payload.rows) {
      const rowBytes = estimateBytes(
        [payload.formulas[end]],
        payload.numberFormats ? [payload.numberFormats[end]] : null,
      );
      if (end > start && bytes + rowBytes > maxBytes) break;
      bytes += rowBytes;
      end += 1;
    }
    const row = payload.row + start;
    const rows = end - start;
    slices.push({
      row,
      col: payload.col,
      rows,
      cols: payload.cols,
      formulas: payload.formulas.slice(start, end),
      numberFormats: payload.numberFormats ? payload.numberFormats.slice(start, end) : null,
      styles: payload.styles
        .filter((s) => s.row < row + rows && s.row + s.rows > row)
        .map((s) => {
          const top = Math.max(s.row, row);
          const bottom = Math.min(s.row + s.rows, row + rows);
          return { ...s, row: top, rows: bottom - top };
        }),
      bytes,
    });
    start = end;
  }
  return slices;
}
