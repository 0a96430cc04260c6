/**
 * What Excel hands a custom function, turned into what the core calculations take; and the core's
 * LacError turned into the Excel error the cell shows. Nothing here calculates a figure.
 *
 * What arrives (TOOLCHAIN.md): a range as rows of values (a single value as a 1x1 range); a blank cell
 * inside a range as 0 on desktop Excel and null on Excel on the web; an omitted optional argument as
 * null. Tests and HyperFormula call the same functions with bare values, so a bare value is read as a
 * 1x1 range too.
 */
import { describeNumber, requireSameCount } from "../core/args";
import { parseDate } from "../core/dates";
import { isLacError, LacError, type LacErrorCode } from "../core/errors";

export type Matrix = unknown[][];

/** A value the user left empty: null (web), undefined (omitted), or text of spaces only. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A range as rows of cells; a bare value becomes a 1x1 range. Ragged or empty ranges are #VALUE!. */
export function asMatrix(value: unknown, argument: string): Matrix {
  if (!Array.isArray(value)) return [[value]];
  const rows: unknown[][] = value.every(Array.isArray) ? (value as unknown[][]) : [value];
  const width = rows.length > 0 ? rows[0].length : 0;
  if (width === 0) throw new LacError("value", `${argument}: expected a range of cells, found an empty one`);
  if (rows.some((row) => row.length !== width)) {
    throw new LacError("value", `${argument}: expected a rectangular range, found rows of different lengths`);
  }
  return rows;
}

/** All cells of a range, row by row (Excel's order for ranges that are not a single column). */
function cellsOf(matrix: Matrix): unknown[] {
  if (matrix.length === 1) return matrix[0];
  // A plain loop: Array.prototype.flat is several times slower, and PROJECTION reads columns all day.
  const cells: unknown[] = [];
  for (const row of matrix) for (const cell of row) cells.push(cell);
  return cells;
}

/** "count" for a single cell; "count, row 3 of the range" and so on inside a range. */
function position(argument: string, rows: number, cols: number, row: number, col: number): string {
  if (rows === 1 && cols === 1) return argument;
  if (cols === 1) return `${argument}, row ${row + 1} of the range`;
  if (rows === 1) return `${argument}, column ${col + 1} of the range`;
  return `${argument}, row ${row + 1}, column ${col + 1} of the range`;
}

/** How a value a number was expected in reads in a message. */
function describeFound(value: unknown): string {
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    if (/^\s*[-+(]?\s*£?\s*[\d,]*\.?\d+\s*\)?\s*%?\s*$/.test(value)) {
      return `the text "${text}" (a number stored as text: retype it, or convert it with VALUE)`;
    }
    return `the text "${text}"`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return describeNumber(value);
  if (value instanceof Date) return "a date object";
  if (isErrorValue(value)) return `the error ${value.code}`;
  return `a value of type ${typeof value}`;
}

/**
 * A number from one cell: numbers as they are, a blank as 0 (as Excel's own arithmetic reads a blank
 * cell), anything else #VALUE! naming where it was found. `where` is only built when there is an error.
 */
export function numberOrBlankAsZero(value: unknown, where: () => string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (isBlank(value)) return 0;
  throw new LacError("value", `${where()}: expected a number, found ${describeFound(value)}`);
}

/** A single-value argument, read like a cell (blank = 0). A range of several cells is #VALUE!. */
export function readNumber(value: unknown, argument: string): number {
  return numberOrBlankAsZero(single(value, argument), () => argument);
}

/** An optional single-value argument: omitted or blank gives the fallback. */
export function readOptionalNumber<Fallback extends number | null>(
  value: unknown,
  argument: string,
  fallback: Fallback,
): number | Fallback {
  const cell = single(value, argument);
  return isBlank(cell) ? fallback : readNumber(cell, argument);
}

/**
 * A date from one cell: an Excel date (serial), or dd/mm/yyyy or ISO text. Returns null for a blank
 * cell, which desktop Excel passes as 0 (no date is serial 0).
 */
export function dateOrBlank(value: unknown, where: () => string): number | null {
  if (value === 0 || isBlank(value)) return null;
  try {
    return parseDate(value);
  } catch (error) {
    if (isLacError(error)) throw new LacError(error.code, `${where()}: ${error.message}`);
    throw error;
  }
}

/** A required single date argument; a blank is #VALUE!. */
export function readDate(value: unknown, argument: string): number {
  const serial = dateOrBlank(single(value, argument), () => argument);
  if (serial === null) throw new LacError("value", `${argument}: expected a date, found a blank cell`);
  return serial;
}

/** An optional single date argument; omitted or blank gives null. */
export function readOptionalDate(value: unknown, argument: string): number | null {
  return dateOrBlank(single(value, argument), () => argument);
}

/** One of a few words (case and surrounding spaces ignored); omitted or blank gives the default. */
export function readChoice<Choice extends string>(
  value: unknown,
  argument: string,
  choices: readonly Choice[],
  fallback: Choice,
): Choice {
  const cell = single(value, argument);
  if (isBlank(cell)) return fallback;
  const listed = choices.map((choice) => `"${choice}"`).join(", ");
  if (typeof cell !== "string")
    throw new LacError("value", `${argument}: expected one of ${listed}, found ${describeFound(cell)}`);
  const word = cell.trim().toLowerCase();
  const chosen = choices.find((choice) => choice === word);
  if (chosen === undefined)
    throw new LacError("value", `${argument}: expected one of ${listed}, found "${cell.trim()}"`);
  return chosen;
}

/** The numbers of a single row or column (or one cell), blanks as 0; a block of several rows and columns is #VALUE!. */
export function readLine(value: unknown, argument: string): number[] {
  const matrix = asMatrix(value, argument);
  const rows = matrix.length;
  const cols = matrix[0].length;
  if (rows > 1 && cols > 1) {
    throw new LacError("value", `${argument}: expected a single row or column, found ${rows} rows x ${cols} columns`);
  }
  return cellsOf(matrix).map((cell, i) =>
    numberOrBlankAsZero(cell, () => position(argument, rows, cols, cols === 1 ? i : 0, cols === 1 ? 0 : i)),
  );
}

/** Two ranges read as pairs, cell by cell in reading order, with where each cell sits for messages. */
export interface PairedRanges {
  first: unknown[];
  second: unknown[];
  whereFirst: (index: number) => string;
  whereSecond: (index: number) => string;
}

/** Pairs the cells of two ranges of any shapes; different numbers of cells is #N/A. */
export function pairedRanges(first: unknown, firstName: string, second: unknown, secondName: string): PairedRanges {
  const firstMatrix = asMatrix(first, firstName);
  const secondMatrix = asMatrix(second, secondName);
  const firstCells = cellsOf(firstMatrix);
  const secondCells = cellsOf(secondMatrix);
  requireSameCount(firstName, firstCells.length, secondName, secondCells.length);
  return {
    first: firstCells,
    second: secondCells,
    whereFirst: (index) => positionOfIndex(firstName, firstMatrix, index),
    whereSecond: (index) => positionOfIndex(secondName, secondMatrix, index),
  };
}

function positionOfIndex(argument: string, matrix: Matrix, index: number): string {
  const cols = matrix[0].length;
  return position(argument, matrix.length, cols, Math.floor(index / cols), index % cols);
}

/** The known points of a trend, and how many rows of the ranges were left out. */
export interface KnownPairs {
  counts: number[];
  dates: number[];
  skipped: number;
}

/**
 * The (count, date) pairs of two known ranges, read as Excel's FORECAST.LINEAR reads its ranges: a pair
 * with a blank, text or TRUE/FALSE on either side is left out. Desktop Excel passes a blank cell as 0,
 * so a pair that is 0 on both sides is an empty row and is left out too. Ranges with different numbers
 * of cells are #N/A; fewer than two usable pairs is #DIV/0!, as in Excel.
 */
export function knownPairs(knownCounts: unknown, knownDates: unknown): KnownPairs {
  const ranges = pairedRanges(knownCounts, "known_counts", knownDates, "known_dates");
  const pairs: KnownPairs = { counts: [], dates: [], skipped: 0 };
  ranges.first.forEach((count, i) => {
    const date = ranges.second[i];
    const usable = isFiniteNumber(count) && isFiniteNumber(date) && !(count === 0 && date === 0);
    if (!usable) {
      pairs.skipped += 1;
      return;
    }
    pairs.counts.push(count);
    pairs.dates.push(date);
  });
  if (pairs.counts.length < 2) {
    const left = pairs.skipped > 0 ? `; ${pairs.skipped} left out (a blank or text on either side, or 0 in both)` : "";
    throw new LacError(
      "div0",
      `a trend needs at least 2 rows with a number in both known_counts and known_dates, found ${pairs.counts.length}${left}`,
    );
  }
  return pairs;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The one value of a single-value argument; a 1x1 range is unwrapped, a bigger one is #VALUE!. */
function single(value: unknown, argument: string): unknown {
  if (!Array.isArray(value)) return value;
  const matrix = asMatrix(value, argument);
  if (matrix.length === 1 && matrix[0].length === 1) return matrix[0][0];
  throw new LacError(
    "value",
    `${argument}: expected a single value, found a range of ${matrix.length} rows x ${matrix[0].length} columns`,
  );
}

/**
 * Applies a calculation cell by cell to ranges of the same shape, or a range and a single value
 * (which is repeated, as Excel broadcasts a single value over a range). Each cell's error stays in its
 * own cell, as in Excel's own array arithmetic; ranges of different shapes are #N/A.
 */
export function elementwise(
  a: unknown,
  aName: string,
  b: unknown,
  bName: string,
  calculate: (a: number, b: number) => number,
  functionName: string,
): Matrix {
  const left = asMatrix(a, aName);
  const right = asMatrix(b, bName);
  const rows = Math.max(left.length, right.length);
  const cols = Math.max(left[0].length, right[0].length);
  const fits = (m: Matrix): boolean =>
    (m.length === rows && m[0].length === cols) || (m.length === 1 && m[0].length === 1);
  if (!fits(left) || !fits(right)) {
    throw new LacError(
      "na",
      `${aName} is ${shape(left)}, ${bName} is ${shape(right)}: give ranges of the same size, or a single value for one of them`,
    );
  }
  const leftSingle = left.length === 1 && left[0].length === 1;
  const rightSingle = right.length === 1 && right[0].length === 1;
  const result: Matrix = new Array<unknown[]>(rows);
  for (let r = 0; r < rows; r += 1) {
    const leftRow = leftSingle ? left[0] : left[r];
    const rightRow = rightSingle ? right[0] : right[r];
    const out = new Array<unknown>(cols);
    for (let c = 0; c < cols; c += 1) {
      const leftCell = leftRow[leftSingle ? 0 : c];
      const rightCell = rightRow[rightSingle ? 0 : c];
      try {
        // Plain numbers skip the general reader, and no closure captures r or c here (that would
        // allocate on every cell): a 1000 x 1000 range must stay well under 100 ms.
        const x =
          typeof leftCell === "number" && Number.isFinite(leftCell)
            ? leftCell
            : cellNumber(leftCell, aName, left, r, c);
        const y =
          typeof rightCell === "number" && Number.isFinite(rightCell)
            ? rightCell
            : cellNumber(rightCell, bName, right, r, c);
        out[c] = calculate(x, y);
      } catch (error) {
        out[c] = excelError(error, functionName);
      }
    }
    result[r] = out;
  }
  return result;
}

/** A cell of a range read as a number (blank = 0), its place named on error; a 1x1 range is one value. */
function cellNumber(value: unknown, argument: string, matrix: Matrix, row: number, col: number): number {
  return numberOrBlankAsZero(value, () => position(argument, matrix.length, matrix[0].length, row, col));
}

/** Applies a calculation to every cell of a range, keeping its shape; each cell's error stays in its cell. */
export function cellwise(
  value: unknown,
  argument: string,
  calculate: (cell: unknown, where: () => string) => number | string,
  functionName: string,
): Matrix {
  const matrix = asMatrix(value, argument);
  const rows = matrix.length;
  const cols = matrix[0].length;
  return matrix.map((row, r) =>
    row.map((cell, c) => {
      try {
        return calculate(cell, () => position(argument, rows, cols, r, c));
      } catch (error) {
        return excelError(error, functionName);
      }
    }),
  );
}

function shape(matrix: Matrix): string {
  const rows = matrix.length;
  const cols = matrix[0].length;
  if (rows === 1 && cols === 1) return "a single cell";
  return `${rows} row${rows === 1 ? "" : "s"} x ${cols} column${cols === 1 ? "" : "s"}`;
}

/** A spilling function's result: its figures, or the whole function's error as a single error cell. */
export function spill(functionName: string, translate: () => Matrix): Matrix {
  try {
    return translate();
  } catch (error) {
    return [[excelError(error, functionName)]];
  }
}

/** A single-figure function's result: the figure or the error. */
export function figure(functionName: string, translate: () => number): number | CustomFunctions.Error {
  try {
    return translate();
  } catch (error) {
    return excelError(error, functionName);
  }
}

/**
 * The Excel error for a failure. A LacError keeps its code and message. Anything else is a defect of
 * this add-in: it still reaches the cell as #VALUE! with words to report, never as an uncaught
 * exception (which Excel shows as a bare #VALUE!). Excel shows custom messages for #VALUE! and #N/A
 * only; for #DIV/0! and #NUM! it shows its own text, and the message travels with the error object.
 */
function excelError(error: unknown, functionName: string): CustomFunctions.Error {
  if (isLacError(error)) return new CustomFunctions.Error(excelErrorCode(error.code), error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `${functionName} failed unexpectedly (${detail}); please report this with the formula and its inputs`,
  );
}

function excelErrorCode(code: LacErrorCode): CustomFunctions.ErrorCode {
  switch (code) {
    case "value":
      return CustomFunctions.ErrorCode.invalidValue;
    case "div0":
      return CustomFunctions.ErrorCode.divisionByZero;
    case "num":
      return CustomFunctions.ErrorCode.invalidNumber;
    case "na":
      return CustomFunctions.ErrorCode.notAvailable;
  }
}

/** An error value handed in from a cell (Excel's or another engine's error object). */
function isErrorValue(value: unknown): value is { code: string } {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}
