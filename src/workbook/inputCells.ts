/**
 * Reading back the input cells of the add-in's own sheets, as the user left them in Excel, so that a
 * rebuild keeps what was typed there. Each sheet's reader (beside its writer) finds its cells by the
 * labels and headers the writer puts on the sheet, so a row the user inserted moves nothing.
 *
 * A cell reads as one of three things: blank, a value, or a formula. A formula the add-in wrote there
 * (a link, a sum) is not the user's value; a formula the user typed counts by its result, with a note
 * that the formula itself is not kept. A value that cannot be read is left out with a warning naming
 * the cell, so the value the build would otherwise use stands.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../core/categories";
import { parseDate } from "../core/dates";
import { isLacError } from "../core/errors";
import { parseAmount, parsePercentage } from "../sources/numbers";
import { a1, type Cell, type CellRef, cellText, describeCell, isFilled, type SheetGrid } from "../core/grid";
import { categoriseLabel } from "../sources/vocabulary";
import type { Diagnostic } from "../core/diagnostics";

/** A value read from a cell of one of the add-in's sheets, and the cell. */
export interface SheetValue<T> {
  value: T;
  ref: CellRef;
}

/** How one kind of input is read: what it must be, how text is parsed, and what a blank means. */
export interface InputKind<T> {
  /** "a number of children above 0", for "expected ..., found ...". */
  expected: string;
  /** The value of a real number, or null when it is not one of these. */
  fromNumber: (value: number) => T | null;
  /** The value of text the user typed, or null when it is not one of these. */
  fromText: (text: string) => T | null;
}

/** Whether a formula the add-in itself writes in a cell (a link, a sum): such a cell keeps what the build gives it. */
export type BuiltFormula = (formula: string) => boolean;

const NOTHING_BUILT: BuiltFormula = () => false;

/** A link to one cell of another sheet ("='Unit costs'!$C$7"), as the add-in writes for a figure it follows. */
export const isLinkFormula: BuiltFormula = (formula) =>
  /^=(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!\$?[A-Z]{1,3}\$?\d+$/.test(formula);

const CATEGORY_BY_LABEL = new Map(
  Object.entries(CATEGORY_LABELS).map(([category, label]) => [label.toLowerCase(), category as PlacementCategory]),
);

/** The placement category a cell names: its label as the add-in writes it, or any name the vocabulary knows. */
export function categoryNamed(text: string): PlacementCategory | null {
  return CATEGORY_BY_LABEL.get(text.trim().toLowerCase()) ?? categoriseLabel(text);
}

/** An add-in sheet as read back: its cells by absolute position, with the warnings of what could not be read. */
export class InputSheet {
  readonly warnings: Diagnostic[] = [];

  constructor(readonly grid: SheetGrid) {}

  get name(): string {
    return this.grid.name;
  }

  /** First and last absolute rows of the grid. */
  get rows(): { first: number; last: number } {
    return { first: this.grid.origin.row, last: this.grid.origin.row + this.grid.cells.length - 1 };
  }

  value(row: number, col: number): Cell {
    return this.grid.cells[row - this.grid.origin.row]?.[col - this.grid.origin.col] ?? null;
  }

  /** The cell's formula ("=SUM(C5:C9)") when it holds one; null for a value or a blank. */
  formula(row: number, col: number): string | null {
    const formula = this.grid.formulas?.[row - this.grid.origin.row]?.[col - this.grid.origin.col] ?? null;
    // Text the user typed that begins with "=" is a value, not a formula (Excel shows it as typed).
    return formula !== null && formula.startsWith("=") && formula !== this.value(row, col) ? formula : null;
  }

  text(row: number, col: number): string {
    return this.formula(row, col) === null ? cellText(this.value(row, col)) : "";
  }

  ref(row: number, col: number): CellRef {
    return { sheet: this.name, row, col };
  }

  /** The first row (absolute) at or after `from` whose cell in `col` shows exactly `text`, or null. */
  findRow(text: string, col: number, from = this.rows.first): number | null {
    for (let row = Math.max(from, this.rows.first); row <= this.rows.last; row += 1) {
      if (this.text(row, col) === text) return row;
    }
    return null;
  }

  /** The first row at or after `from` whose cell in some column shows `text`: its row and column. */
  find(text: string, from = this.rows.first): { row: number; col: number } | null {
    for (let row = Math.max(from, this.rows.first); row <= this.rows.last; row += 1) {
      const col = this.columnIn(row, text);
      if (col !== null) return { row, col };
    }
    return null;
  }

  /** The column of a row whose cell shows `text` (or, with `startsWith`, begins with it), or null. */
  columnIn(row: number, text: string, startsWith = false): number | null {
    const width = this.grid.cells[row - this.grid.origin.row]?.length ?? 0;
    for (let col = this.grid.origin.col; col < this.grid.origin.col + width; col += 1) {
      const shown = this.text(row, col);
      if (shown === text || (startsWith && shown.startsWith(text))) return col;
    }
    return null;
  }

  warn(message: string, row: number, col: number, severity: Diagnostic["severity"] = "warning"): void {
    this.warnings.push({ severity, message, where: describeCell(this.ref(row, col)) });
  }

  /**
   * The input at a cell: its value, null for a blank when blanks are allowed, or undefined when the
   * cell holds the add-in's own formula or something that cannot be read (with a warning naming it).
   */
  read<T>(
    row: number,
    col: number,
    label: string,
    kind: InputKind<T>,
    options: { blank: "null" | "keep"; built?: BuiltFormula },
  ): SheetValue<T | null> | undefined {
    const where = `${describeCell(this.ref(row, col))} (${label})`;
    const formula = this.formula(row, col);
    const cell = this.value(row, col);
    if (formula !== null) {
      if ((options.built ?? NOTHING_BUILT)(formula)) return undefined;
      const value =
        typeof cell === "number" ? kind.fromNumber(cell) : typeof cell === "string" ? kind.fromText(cell) : null;
      if (value === null) {
        this.warn(
          `${where}: expected ${kind.expected}, found the formula ${formula}, whose result could not be read; not read back, so the value the build would otherwise use stands.`,
          row,
          col,
        );
        return undefined;
      }
      this.warn(
        `${where} holds the formula ${formula}: its result ${String(cell)} is kept as a value; the formula itself is not.`,
        row,
        col,
        "info",
      );
      return { value, ref: this.ref(row, col) };
    }
    if (!isFilled(cell)) {
      if (options.blank === "null") return { value: null, ref: this.ref(row, col) };
      this.warn(
        `${where}: expected ${kind.expected}, found a blank cell; not read back, so the value the build would otherwise use stands.`,
        row,
        col,
      );
      return undefined;
    }
    const value =
      typeof cell === "number"
        ? kind.fromNumber(cell)
        : cell instanceof Date
          ? kind.fromNumber(parseDate(cell) ?? NaN)
          : typeof cell === "string"
            ? kind.fromText(cell)
            : null;
    if (value === null) {
      this.warn(
        `${where}: expected ${kind.expected}, found ${describeFound(cell)}; not read back, so the value the build would otherwise use stands.`,
        row,
        col,
      );
      return undefined;
    }
    return { value, ref: this.ref(row, col) };
  }
}

function describeFound(cell: Cell): string {
  if (typeof cell === "string") return `"${cell}"`;
  if (cell instanceof Date) return `the date ${cell.toISOString().slice(0, 10)}`;
  return String(cell);
}

/** A number that passes a check, from a real number or number text ("54,098", "£30,451,000"). */
export function numberInput(expected: string, check: (n: number) => boolean): InputKind<number> {
  const checked = (n: number | null): number | null => (n !== null && Number.isFinite(n) && check(n) ? n : null);
  return { expected, fromNumber: checked, fromText: (text) => checked(parseAmount(text)) };
}

/** A rate or share: 0.05 as a number, or text "5%" (parsed as Excel reads a % cell). */
export function percentInput(expected: string, check: (n: number) => boolean): InputKind<number> {
  const checked = (n: number | null): number | null => (n !== null && Number.isFinite(n) && check(n) ? n : null);
  return { expected, fromNumber: checked, fromText: (text) => checked(parsePercentage(text)) };
}

/** A date: an Excel serial, or text as dd/mm/yyyy or ISO. */
export const dateInput: InputKind<number> = {
  expected: "a date as dd/mm/yyyy",
  fromNumber: (n) => (Number.isInteger(n) && n >= 1 ? n : null),
  fromText: (text) => {
    try {
      return parseDate(text);
    } catch (error) {
      if (isLacError(error)) return null;
      throw error;
    }
  },
};

/** Text as typed (a number typed in a text cell is read as its digits). */
export const textInput: InputKind<string> = {
  expected: "text",
  fromNumber: (n) => String(n),
  fromText: (text) => text.trim(),
};

/** "A19:B31", the cells a table of inputs covers, for messages and sources. */
export function cellRange(from: CellRef, to: CellRef): string {
  return from.row === to.row && from.col === to.col
    ? a1(from.row, from.col)
    : `${a1(from.row, from.col)}:${a1(to.row, to.col)}`;
}
