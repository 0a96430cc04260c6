/**
 * What comes in: the values of a sheet's used range, as Excel (`range.values`) or ExcelJS gives them.
 * A `SheetGrid` remembers where its range starts, so that everything recognised in it can be pointed
 * back to an absolute cell address (live formulas reference the user's own cells).
 * Rows and columns are 0-based everywhere in code; A1 text is made only for formulas and messages.
 */
export type Cell = string | number | boolean | Date | null | undefined;
/**
 * A sheet's rows from the grid's origin. Only rows holding something need exist: a missing row is
 * undefined, rows differ in length, and a row may have holes (undefined cells) where it is far wider than
 * it is filled. So a sheet holding only A1 and XFD1048576 costs two short rows, not 17 billion cells.
 * Read rows with `rowCells`, walk them with `forEachFilledRow`, and take the width from `gridWidth`.
 */
export type Grid = (Cell[] | undefined)[];

export interface SheetGrid {
  /** The sheet's name as the workbook shows it. */
  name: string;
  /** Absolute position of cells[0][0] on the sheet (0-based; the used range may not start at A1). */
  origin: { row: number; col: number };
  cells: Grid;
  /**
   * Each cell's formula ("=SUM(B5:B9)") where it holds one, else null, parallel to `cells`. Hosts read
   * these for the add-in's own sheets only, where a formula must not be taken for a value the user
   * typed; absent when not read.
   */
  formulas?: ((string | null)[] | undefined)[];
}

const NO_CELLS: readonly Cell[] = Object.freeze([]);

/** Row `row` of the grid (0-based from its origin); an empty row where the sheet has nothing there. */
export function rowCells(grid: SheetGrid, row: number): readonly Cell[] {
  return grid.cells[row] ?? NO_CELLS;
}

/** Above this many rows, a grid's rows are found by their keys rather than by walking every index. */
const WALKED_ROWS = 65_536;

/** Calls `visit` for each row the grid holds, in order, skipping the rows it lacks. */
export function forEachFilledRow(grid: SheetGrid, visit: (cells: Cell[], row: number) => void): void {
  eachPresent(grid.cells, visit);
}

function eachPresent<T>(rows: (T | undefined)[], visit: (line: T, row: number) => void): void {
  if (rows.length <= WALKED_ROWS) {
    rows.forEach((line, row) => {
      if (line) visit(line, row);
    });
    return;
  }
  // A sparse array a million rows long with two rows in it: forEach would still test every index,
  // Object.keys lists only the rows present, in ascending order.
  for (const key of Object.keys(rows)) {
    const row = Number(key);
    const line = rows[row];
    if (Number.isInteger(row) && line) visit(line, row);
  }
}

/** The number of columns from the grid's origin to its rightmost cell. */
export function gridWidth(grid: SheetGrid): number {
  let width = 0;
  forEachFilledRow(grid, (cells) => {
    if (cells.length > width) width = cells.length;
  });
  return width;
}

/**
 * Builds a grid from cells given row by row, left to right, keeping it sparse: a long run of blank rows
 * or cells is left as holes instead of being filled with nulls. Short gaps are filled, so an ordinary
 * sheet still gives the full rectangle of its used range, as Excel's `range.values` does.
 */
export class SparseGridBuilder {
  private readonly cells: Grid = [];
  private readonly formulas: ((string | null)[] | undefined)[] | undefined;

  constructor(withFormulas = false) {
    if (withFormulas) this.formulas = [];
  }

  /** Sets a cell, 0-based from the grid's origin. Cells must come in row order, then column order. */
  set(row: number, col: number, value: Cell, formula: string | null = null): void {
    const cells = (this.cells[row] ??= []);
    fillTo(cells, col, null);
    cells[col] = value;
    if (this.formulas) {
      const formulas = (this.formulas[row] ??= []);
      fillTo(formulas, col, null);
      formulas[col] = formula;
    }
  }

  /** The grid of `rows` rows and `width` columns from `origin`, its short gaps filled with nulls. */
  finish(name: string, origin: { row: number; col: number }, rows: number, width: number): SheetGrid {
    const filledRows: number[] = [];
    eachPresent(this.cells, (_, row) => filledRows.push(row));
    const grid: SheetGrid = { name, origin, cells: pad(this.cells, filledRows, rows, width) };
    if (this.formulas) grid.formulas = pad(this.formulas, filledRows, rows, width);
    return grid;
  }
}

function pad<T>(
  grid: (T | null)[][] | ((T | null)[] | undefined)[],
  filledRows: number[],
  rows: number,
  width: number,
): ((T | null)[] | undefined)[] {
  const out = grid as ((T | null)[] | undefined)[];
  if (width <= MAX_FILLED_GAP) {
    let previous = -1;
    for (const row of [...filledRows, rows]) {
      if (row - previous - 1 <= MAX_FILLED_GAP) for (let blank = previous + 1; blank < row; blank += 1) out[blank] = [];
      previous = row;
    }
  }
  eachPresent(out, (cells) => fillTo(cells, width, null));
  out.length = rows;
  return out;
}

/** Blanks that short are filled in, so that ordinary rows stay plain dense arrays. */
const MAX_FILLED_GAP = 256;

function fillTo<T>(row: T[], col: number, blank: T): void {
  if (col - row.length > MAX_FILLED_GAP) return;
  while (row.length < col) row.push(blank);
}

/** Whether a cell holds anything: not blank and not only white space. */
export function isFilled(cell: Cell): boolean {
  return cell !== null && cell !== undefined && !(typeof cell === "string" && cell.trim() === "");
}

/** A cell as label text, trimmed: "" for a blank or a date (a date is never a label). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined || cell instanceof Date) return "";
  return String(cell).trim();
}

/** An absolute cell on a named sheet, 0-based. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/**
 * The user's cell a figure was read from. A cell holding a real number (or a date, which Excel holds as
 * a number) may be referenced by a live formula; a cell holding text may not (a formula is never built
 * from a user's text), so the figure parsed from `text` is written as a value instead.
 */
export interface SourceCell {
  ref: CellRef;
  cellIsNumber: boolean;
  /** The text the figure was parsed from, when the cell holds text. */
  text?: string;
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 0-based column of letters ("A" -> 0, "AA" -> 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "C5" for row 4, col 2; "$C$5" when absolute. */
export function a1(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetter(col)}${d}${row + 1}`;
}

/** "B2:D9" for a block of cells. */
export function a1Range(row: number, col: number, rows: number, cols: number, absolute = false): string {
  const start = a1(row, col, absolute);
  if (rows === 1 && cols === 1) return start;
  return `${start}:${a1(row + rows - 1, col + cols - 1, absolute)}`;
}

/** Parses "C5" or "$C$5" into 0-based row and col; null if it is not a single A1 address. */
export function parseA1(address: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return null;
  return { row: Number(match[2]) - 1, col: columnIndex(match[1]) };
}

/**
 * A sheet name as a formula must write it: quoted when it holds anything but letters, digits and
 * underscores (or could be read as a cell address), with apostrophes doubled.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'P10 Summary'!$C$5", the reference a formula on another sheet uses. */
export function sheetRef(sheet: string, row: number, col: number, rows = 1, cols = 1, absolute = true): string {
  return `${quoteSheetName(sheet)}!${a1Range(row, col, rows, cols, absolute)}`;
}

/** "cell C5 of sheet 'P10 Summary'", for messages. */
export function describeCell(ref: CellRef): string {
  return `cell ${a1(ref.row, ref.col)} of sheet '${ref.sheet}'`;
}
