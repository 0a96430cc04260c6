/**
 * Reads an .xlsx file into the grids recognition works on: for each of the user's worksheets (found
 * through the workbook's relationships, whatever their part names; hidden ones only when chosen), the values
 * of its used range as Excel's `range.values` would give them (a formula cell gives its cached result,
 * rich text its plain text, an error cell its error text such as "#N/A", a date cell a JavaScript Date,
 * a merged area its value in the top-left cell only).
 */
import ExcelJS from "exceljs";
import { SparseGridBuilder, type Cell, type SheetGrid } from "../core/grid";
import type { Diagnostic } from "../core/diagnostics";
import { cellsPackage } from "./cellsPackage";
import { CliError, EXIT, isCliError } from "./errors";
import { readOwnership } from "./ownership";
import { refuseOversizedWorkbook } from "./sheetSize";
import { describeSource, openWorkbookPackage, type WorkbookSource } from "./workbookFile";
import { readWorkbookPart, type SheetEntry } from "./workbookPart";

export interface ExistingSheet {
  name: string;
  /** The key of the add-in's own sheet from a previous build ("spend"), or null for the user's sheets. */
  ownedKey: string | null;
}

export interface WorkbookGrids {
  /** The user's worksheets in tab order. The add-in's own sheets are left out: a build replaces them. */
  grids: SheetGrid[];
  /** Every sheet in tab order (chart sheets included), for choosing names that do not clash. */
  existing: ExistingSheet[];
  /** The add-in's own sheets from a previous build, with their formulas, for the inputs a user keeps on them. */
  ownedGrids: SheetGrid[];
  warnings: Diagnostic[];
  /** The user's hidden sheets that were not read (see ReadOptions). */
  hiddenLeftOut: string[];
  /** The workbook counts dates in the 1904 date system: what it is given must be too. */
  date1904: boolean;
  /** Sheets cannot be added: a build must refuse it before writing. */
  structureProtected: boolean;
}

/** Worksheet parts ExcelJS need not parse to give cell values and merges. */
const IGNORED_WORKSHEET_NODES = [
  "sheetPr",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "autoFilter",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "pageMargins",
  "pageSetup",
  "printOptions",
  "headerFooter",
  "rowBreaks",
  "drawing",
  "picture",
  "tableParts",
  "extLst",
];

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    return typeof result === "object" && !(result instanceof Date) ? result.error : result;
  }
  if ("hyperlink" in value) return plainValue(value.text);
  return null;
}

function isEmpty(value: Cell): boolean {
  return value === null || value === undefined || value === "";
}

/**
 * A worksheet's used range as Excel's `range.values` gives it; with `formulas`, also each formula cell's
 * formula (as `range.formulas` shows it), for reading back the add-in's own sheets.
 */
export function gridOf(worksheet: ExcelJS.Worksheet, options: { formulas?: boolean } = {}): SheetGrid {
  const values: { row: number; col: number; value: Cell; formula: string | null }[] = [];
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const value = plainValue(cell.value);
      const formula = options.formulas && cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : null;
      if (isEmpty(value) && formula === null) return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      values.push({ row: r, col: c, value, formula });
      minRow = Math.min(minRow, r);
      minCol = Math.min(minCol, c);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    });
  });
  if (values.length === 0) return { name: worksheet.name, origin: { row: 0, col: 0 }, cells: [] };
  // Sparse, so that a sheet with a stray cell far away costs that cell, not the rectangle up to it.
  const builder = new SparseGridBuilder(options.formulas);
  for (const { row, col, value, formula } of values) builder.set(row - minRow, col - minCol, value, formula);
  return builder.finish(worksheet.name, { row: minRow, col: minCol }, maxRow - minRow + 1, maxCol - minCol + 1);
}

export interface ReadOptions {
  /** Read only these of the user's sheets (by name, as Excel matches names: case aside), hidden or not. */
  sheets?: string[];
  /** Read hidden sheets too. Without it (or `sheets`), hidden sheets are listed but not read. */
  includeHidden?: boolean;
}

/** The user's sheets to read, and the hidden ones left out. Throws a CliError naming an unknown sheet of `chosen`. */
function chooseSheets(userSheets: SheetEntry[], options: ReadOptions, where: string): { read: SheetEntry[]; hiddenLeftOut: SheetEntry[] } {
  if (options.sheets?.length) {
    const wanted = options.sheets.map((name) => {
      const sheet = userSheets.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase());
      if (!sheet) {
        throw new CliError(`Expected --sheets to name sheets of ${where}, but it has no sheet '${name}'. Its sheets are ${userSheets.map((entry) => `'${entry.name}'`).join(", ")}.`, EXIT.usage);
      }
      return sheet;
    });
    return { read: userSheets.filter((entry) => wanted.includes(entry)), hiddenLeftOut: [] };
  }
  const read = userSheets.filter((entry) => entry.state === "visible" || options.includeHidden);
  return { read, hiddenLeftOut: userSheets.filter((entry) => !read.includes(entry)) };
}

/** Rows hidden in Excel that hold values: read like the others, but the user should know. */
function hiddenRowsWarning(worksheet: ExcelJS.Worksheet): Diagnostic | null {
  let hidden = 0;
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    if (row.hidden) hidden += 1;
  });
  if (hidden === 0) return null;
  return {
    severity: "warning",
    message: `Sheet '${worksheet.name}' has ${hidden} hidden row${hidden === 1 ? "" : "s"} with values, read like the others: unhide ${hidden === 1 ? "it" : "them"} in Excel to check ${hidden === 1 ? "it belongs" : "they belong"} in the figures.`,
    where: `sheet '${worksheet.name}'`,
  };
}

function hiddenSheetsWarning(leftOut: SheetEntry[]): Diagnostic[] {
  if (leftOut.length === 0) return [];
  const names = leftOut.map((entry) => `'${entry.name}'${entry.state === "veryHidden" ? " (very hidden)" : ""}`).join(", ");
  return [
    {
      severity: "info",
      message: `Hidden sheet${leftOut.length === 1 ? "" : "s"} ${names} ${leftOut.length === 1 ? "was" : "were"} not read: a hidden copy of last month's sheet would count twice. To read ${leftOut.length === 1 ? "it" : "them"}, build with --include-hidden, or name the sheets to read with --sheets.`,
    },
  ];
}

export async function readWorkbookGrids(source: WorkbookSource, options: ReadOptions = {}): Promise<WorkbookGrids> {
  const { pkg } = await openWorkbookPackage(source);
  const where = describeSource(source);
  const workbookPart = await readWorkbookPart(pkg);
  const lost = workbookPart.sheets.find((entry) => !workbookPart.relationships.some((rel) => rel.id === entry.relId));
  if (lost) {
    throw new CliError(`Expected to find sheet '${lost.name}' of ${where} through the workbook's relationships, but none is listed for it. Opening it in Excel and saving it again may repair it.`);
  }
  const ownership = await readOwnership(pkg, workbookPart.sheets);
  await refuseOversizedWorkbook(pkg, workbookPart.sheets, where, new Set(ownership.ownedKeys.keys()));
  const worksheets = workbookPart.sheets.filter((entry) => entry.isWorksheet);
  const owned = worksheets.filter((entry) => ownership.ownedKeys.has(entry.name));
  const { read, hiddenLeftOut } = chooseSheets(
    worksheets.filter((entry) => !ownership.ownedKeys.has(entry.name)),
    options,
    where,
  );
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = await cellsPackage(pkg, workbookPart, [...read, ...owned], where);
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_WORKSHEET_NODES });
  } catch (error) {
    if (isCliError(error)) throw error;
    throw new CliError(`Could not read the cells of ${where}: ${(error as Error).message}. Opening it in Excel and saving it again may repair it.`);
  }
  const userWorksheets = workbook.worksheets.slice(0, read.length);
  const grids = userWorksheets.map((worksheet) => gridOf(worksheet));
  const ownedGrids = workbook.worksheets.slice(read.length).map((worksheet) => gridOf(worksheet, { formulas: true }));
  const existing = workbookPart.sheets.map((entry) => ({ name: entry.name, ownedKey: ownership.ownedKeys.get(entry.name) ?? null }));
  const rowWarnings = userWorksheets.flatMap((worksheet) => hiddenRowsWarning(worksheet) ?? []);
  return {
    grids,
    existing,
    ownedGrids,
    warnings: [...ownership.warnings, ...hiddenSheetsWarning(hiddenLeftOut), ...rowWarnings],
    hiddenLeftOut: hiddenLeftOut.map((entry) => entry.name),
    date1904: workbookPart.date1904,
    structureProtected: workbookPart.structureProtected,
  };
}
