import { columnLetter, forEachFilledRow, gridWidth, isFilled, type SheetGrid } from "../../../core/grid";
import type { ColumnMapping, HistoryField, RecogniseOptions } from "../../../sources/recognise";
import { HISTORY_FIELD_NAMES } from "../../../sources/vocabulary";

/** How many budget lines the list shows before it says how many more there are. */
export const LINES_SHOWN = 200;

export const MONTHS = [
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
  "January",
  "February",
  "March",
];

export const HISTORY_FIELDS = Object.keys(HISTORY_FIELD_NAMES) as HistoryField[];
export const sentenceCase = (text: string) => text[0].toUpperCase() + text.slice(1);

export function headerText(grid: SheetGrid | undefined, row: number, col: number): string {
  if (!grid) return "";
  const value = grid.cells[row - grid.origin.row]?.[col - grid.origin.col];
  return value === null || value === undefined ? "" : String(value).trim();
}

/** Above this many columns, only the columns holding something are offered (a stray cell in XFD makes 16,384). */
const ALL_COLUMNS_UP_TO = 256;

export function columnChoices(grid: SheetGrid | undefined, headerRow: number): { col: number; text: string }[] {
  if (!grid) return [];
  const width = gridWidth(grid);
  let offsets = Array.from({ length: width }, (_, i) => i);
  if (width > ALL_COLUMNS_UP_TO) {
    const filled = new Uint8Array(width);
    forEachFilledRow(grid, (cells) =>
      cells.forEach((cell, i) => {
        if (isFilled(cell)) filled[i] = 1;
      }),
    );
    offsets = offsets.filter((i) => filled[i] === 1);
  }
  return offsets.map((i) => {
    const col = grid.origin.col + i;
    const header = headerText(grid, headerRow, col);
    return { col, text: header ? `${columnLetter(col)}: ${header}` : columnLetter(col) };
  });
}

export function withMapping(
  options: RecogniseOptions,
  sheet: string,
  change: (mapping: ColumnMapping) => ColumnMapping,
): RecogniseOptions {
  const current = options.columnMappings?.[sheet] ?? {};
  return { ...options, columnMappings: { ...options.columnMappings, [sheet]: change(current) } };
}

/** What a card is given: the sheet's cells and the choices it changes. */
export interface CardProps {
  grid: SheetGrid | undefined;
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}
