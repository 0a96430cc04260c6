/**
 * Reads an .xlsx file into the grids recognition works on: for each of the user's worksheets (found
 * through the workbook's relationships, whatever their part names; hidden ones only when chosen), the values
 * of its used range as Excel's `range.values` would give them (a formula cell gives its cached result,
 * rich text its plain text, an error cell its error text such as "#N/A", a date cell a JavaScript Date,
 * a merged area its value in the top-left cell only).
 */
import type { SheetGrid } from "../core/grid";
import type { Diagnostic } from "../core/diagnostics";
import { readWorksheetValues } from "./workbookValues";
import { CliError, EXIT } from "./errors";
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

export interface ReadOptions {
  /** Read only these of the user's sheets (by name, as Excel matches names: case aside), hidden or not. */
  sheets?: string[];
  /** Read hidden sheets too. Without it (or `sheets`), hidden sheets are listed but not read. */
  includeHidden?: boolean;
}

/** The user's sheets to read, and the hidden ones left out. Throws a CliError naming an unknown sheet of `chosen`. */
function chooseSheets(
  userSheets: SheetEntry[],
  options: ReadOptions,
  where: string,
): { read: SheetEntry[]; hiddenLeftOut: SheetEntry[] } {
  if (options.sheets?.length) {
    const wanted = options.sheets.map((name) => {
      const sheet = userSheets.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase());
      if (!sheet) {
        throw new CliError(
          `Expected --sheets to name sheets of ${where}, but it has no sheet '${name}'. Its sheets are ${userSheets.map((entry) => `'${entry.name}'`).join(", ")}.`,
          EXIT.usage,
        );
      }
      return sheet;
    });
    return { read: userSheets.filter((entry) => wanted.includes(entry)), hiddenLeftOut: [] };
  }
  const read = userSheets.filter((entry) => entry.state === "visible" || options.includeHidden);
  return { read, hiddenLeftOut: userSheets.filter((entry) => !read.includes(entry)) };
}

/** Rows hidden in Excel that hold values: read like the others, but the user should know. */
function hiddenRowsWarning(name: string, hidden: number): Diagnostic | null {
  if (hidden === 0) return null;
  return {
    severity: "warning",
    message: `Sheet '${name}' has ${hidden} hidden row${hidden === 1 ? "" : "s"} with values, read like the others: unhide ${hidden === 1 ? "it" : "them"} in Excel to check ${hidden === 1 ? "it belongs" : "they belong"} in the figures.`,
    where: `sheet '${name}'`,
  };
}

function hiddenSheetsWarning(leftOut: SheetEntry[]): Diagnostic[] {
  if (leftOut.length === 0) return [];
  const names = leftOut
    .map((entry) => `'${entry.name}'${entry.state === "veryHidden" ? " (very hidden)" : ""}`)
    .join(", ");
  return [
    {
      severity: "info",
      message: `Hidden sheet${leftOut.length === 1 ? "" : "s"} ${names} ${leftOut.length === 1 ? "was" : "were"} not read: a hidden copy of last month's sheet would count twice. To read ${leftOut.length === 1 ? "it" : "them"}, build with --include-hidden, or name the sheets to read with --sheets.`,
    },
  ];
}

export async function readWorkbookGrids(source: WorkbookSource, options: ReadOptions = {}): Promise<WorkbookGrids> {
  const { bytes, pkg } = await openWorkbookPackage(source);
  const where = describeSource(source);
  const workbookPart = await readWorkbookPart(pkg);
  const lost = workbookPart.sheets.find((entry) => !workbookPart.relationships.some((rel) => rel.id === entry.relId));
  if (lost) {
    throw new CliError(
      `Expected to find sheet '${lost.name}' of ${where} through the workbook's relationships, but none is listed for it. Opening it in Excel and saving it again may repair it.`,
    );
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
  const values = await readWorksheetValues(
    pkg,
    workbookPart,
    [...read.map((entry) => ({ entry })), ...owned.map((entry) => ({ entry, formulas: true }))],
    where,
    bytes,
  );
  const userValues = values.slice(0, read.length);
  const grids = userValues.map((sheet) => sheet.grid);
  const ownedGrids = values.slice(read.length).map((sheet) => sheet.grid);
  const existing = workbookPart.sheets.map((entry) => ({
    name: entry.name,
    ownedKey: ownership.ownedKeys.get(entry.name) ?? null,
  }));
  const rowWarnings = userValues.flatMap(
    (sheet) => hiddenRowsWarning(sheet.grid.name, sheet.hiddenRowsWithValues) ?? [],
  );
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
