/**
 * Reads an .xlsx file into the grids recognition works on: for each of the user's worksheets, the values
 * of its used range as Excel's `range.values` would give them (a formula cell gives its cached result,
 * rich text its plain text, an error cell its error text such as "#N/A", a date cell a JavaScript Date,
 * a merged area its value in the top-left cell only).
 */
import ExcelJS from "exceljs";
import { SparseGridBuilder, type Cell, type SheetGrid } from "../sources/grid";
import type { PlanWarning } from "../workbook/plan";
import { CliError } from "./errors";
import { readOwnership } from "./ownership";
import { refuseOversizedWorkbook } from "./sheetSize";
import { describeSource, openWorkbookPackage, type WorkbookSource } from "./workbookFile";
import { readWorkbookPart } from "./workbookPart";

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
  warnings: PlanWarning[];
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
  if ("hyperlink" in value) return plainValue(value.text as ExcelJS.CellValue);
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

export async function readWorkbookGrids(source: WorkbookSource): Promise<WorkbookGrids> {
  const { bytes, pkg } = await openWorkbookPackage(source);
  const workbookPart = await readWorkbookPart(pkg);
  const ownership = await readOwnership(pkg, workbookPart.sheets);
  await refuseOversizedWorkbook(pkg, workbookPart.sheets, describeSource(source), new Set(ownership.ownedKeys.keys()));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_WORKSHEET_NODES });
  } catch (error) {
    throw new CliError(`Could not read the cells of ${describeSource(source)}: ${(error as Error).message}. Opening it in Excel and saving it again may repair it.`);
  }
  const grids = workbook.worksheets.filter((worksheet) => !ownership.ownedKeys.has(worksheet.name)).map((worksheet) => gridOf(worksheet));
  const ownedGrids = workbook.worksheets.filter((worksheet) => ownership.ownedKeys.has(worksheet.name)).map((worksheet) => gridOf(worksheet, { formulas: true }));
  const existing = workbookPart.sheets.map((entry) => ({ name: entry.name, ownedKey: ownership.ownedKeys.get(entry.name) ?? null }));
  return { grids, existing, ownedGrids, warnings: ownership.warnings };
}
