/// <reference types="office-js" />
/**
 * Loads a table (the SSDA903 history the Import 903 step stitched) into a sheet of the user's, so that
 * the builder, the add-in's functions and the user's own formulas can read it. The sheet is the user's
 * data, not one of the add-in's sheets: it carries no marker and a rebuild never touches it.
 *
 * Text is written as text (never read as a number, date or formula), numbers as numbers with the
 * table's number format for their column. A new sheet gets a free name. Replacing the sheet the last
 * import wrote (only when the user chose to) keeps the sheet itself, so the user's formulas that point
 * at it still do: the table is written to a scratch sheet first, and only once all of it is there are
 * the old sheet's cells cleared and the new ones copied in, in one request. A failure before that leaves
 * the old sheet as it was.
 */
import { blockPayload, sliceByBytes } from "./cells";
import { columnWidthPoints, DEFAULT_MAX_REQUEST_BYTES } from "./apply";
import { ExcelActionError } from "./errors";
import { protectedStructureError, queueWorkbookFacts } from "./workbookFacts";
import { isDateFormat, serialInDateSystem } from "../core/dates";
import { columnLetter } from "../core/grid";
import type { PlanCell } from "../workbook/plan";
import { maxOf } from "../core/arrays";

/** Where the document remembers the sheet the last import wrote (workbook settings, ExcelApi 1.4). */
export const LAST_IMPORT_KEY = "LacSufficiency.lastImport";

/** Rows of text and numbers, the first the column names. */
export interface DataTable {
  rows: (string | number)[][];
  /** By 0-based column: the number format of the values below the first row ("dd/mm/yyyy" for date serials). */
  columnFormats?: Record<number, string>;
  /** By 0-based column: a width in characters of the default font, where the default would be too narrow. */
  columnWidths?: Record<number, number>;
}

/** A new sheet named from `newSheet` (a free name), or the contents of the sheet `replace` replaced. */
export type ImportTarget = { newSheet: string } | { replace: string };

export interface ImportResult {
  sheet: string;
  /** Data rows written (not counting the column names). */
  rows: number;
  replaced: boolean;
  syncs: number;
}

/** A name not yet taken: "903 Episodes", else "903 Episodes (2)", ... (Excel compares without case). */
export function freeSheetName(base: string, taken: string[]): string {
  const lowered = new Set(taken.map((name) => name.toLowerCase()));
  if (!lowered.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!lowered.has(candidate.toLowerCase())) return candidate;
  }
}

/** The sheet the last import wrote, when the workbook still has a sheet of that name; else null. */
export async function lastImportedSheet(context: Excel.RequestContext): Promise<string | null> {
  const setting = context.workbook.settings.getItemOrNullObject(LAST_IMPORT_KEY);
  setting.load("value");
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  if (setting.isNullObject) return null;
  const recorded = (setting.value as { sheet?: unknown } | null)?.sheet;
  if (typeof recorded !== "string") return null;
  return worksheets.items.find((sheet) => sheet.name.toLowerCase() === recorded.toLowerCase())?.name ?? null;
}

/** `date1904`: the workbook's date system, in which date serials (1900 system in the table) are written. */
function tableCells(table: DataTable, date1904: boolean): (PlanCell | null)[][] {
  const width = maxOf(
    table.rows.map((row) => row.length),
    0,
  );
  return table.rows.map((row, r) =>
    Array.from({ length: width }, (_, c) => {
      const value = row[c];
      if (value === undefined || value === "") return null;
      if (r === 0) return { value, style: "header" as const };
      const format = typeof value === "number" ? table.columnFormats?.[c] : undefined;
      if (!format) return { value };
      return {
        value: typeof value === "number" && isDateFormat(format) ? serialInDateSystem(value, date1904) : value,
        format,
      };
    }),
  );
}

/** Writes the table into `sheet` from A1, in as few requests as the size limit allows; returns the syncs made. */
async function writeTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  sheetName: string,
  table: DataTable,
  maxBytes: number,
  date1904: boolean,
): Promise<number> {
  const cells = tableCells(table, date1904);
  const width = cells[0]?.length ?? 0;
  if (width === 0) return 0;
  let syncs = 0;
  for (const slice of sliceByBytes(blockPayload({ row: 0, col: 0, cells }, sheetName), maxBytes)) {
    context.workbook.application.suspendScreenUpdatingUntilNextSync();
    const range = sheet.getRangeByIndexes(slice.row, slice.col, slice.rows, slice.cols);
    range.formulas = slice.formulas;
    if (slice.numberFormats) range.numberFormat = slice.numberFormats;
    if (slice.row === 0) sheet.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
    await context.sync();
    syncs += 1;
  }
  return syncs;
}

function finishSheet(sheet: Excel.Worksheet, table: DataTable): void {
  if (table.rows.length > 0) sheet.freezePanes.freezeRows(1);
  for (const [col, characters] of Object.entries(table.columnWidths ?? {})) {
    const letter = columnLetter(Number(col));
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(characters);
  }
  sheet.activate();
}

export async function writeDataSheet(
  context: Excel.RequestContext,
  table: DataTable,
  target: ImportTarget,
  maxBytes = DEFAULT_MAX_REQUEST_BYTES,
): Promise<ImportResult> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const facts = queueWorkbookFacts(context);
  await context.sync();
  const { structureProtected, date1904 } = facts();
  if (structureProtected) throw protectedStructureError();
  const taken = worksheets.items.map((s) => s.name);
  const rows = Math.max(0, table.rows.length - 1);
  const replacing =
    "replace" in target ? taken.find((name) => name.toLowerCase() === target.replace.toLowerCase()) : undefined;
  if ("replace" in target && replacing === undefined) {
    throw new ExcelActionError(
      `replacing the sheet '${target.replace}'`,
      `The sheet '${target.replace}' that the last import wrote is no longer in this workbook.`,
      "Load the files into a new sheet instead.",
      null,
    );
  }
  const name = freeSheetName("replace" in target ? target.replace : target.newSheet, taken);
  const fresh = worksheets.add(name);
  let syncs = 1;
  try {
    syncs += await writeTable(context, fresh, name, table, maxBytes, date1904);
  } catch (error) {
    fresh.delete();
    await context.sync().catch(() => undefined);
    throw error;
  }
  const width = maxOf(
    table.rows.map((row) => row.length),
    0,
  );
  let sheet = fresh;
  if (replacing !== undefined) {
    sheet = worksheets.getItem(replacing);
    sheet.getRange().clear("All");
    if (width > 0 && table.rows.length > 0)
      sheet
        .getRangeByIndexes(0, 0, table.rows.length, width)
        .copyFrom(fresh.getRangeByIndexes(0, 0, table.rows.length, width), "All");
    fresh.delete();
  }
  finishSheet(sheet, table);
  context.workbook.settings.add(LAST_IMPORT_KEY, { sheet: replacing ?? name });
  await context.sync();
  return { sheet: replacing ?? name, rows, replaced: replacing !== undefined, syncs: syncs + 1 };
}
