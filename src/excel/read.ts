/// <reference types="office-js" />
/**
 * Reads the workbook for recognition: the used range of every sheet as a SheetGrid (the user's apart from
 * the add-in's own; hidden sheets only when asked), and every sheet's name with the key it carries if it
 * is ours. Two syncs whatever the size: one for the sheet list, defined names, document properties,
 * structure protection and date system, one for the used ranges' addresses and sizes and the worksheet
 * properties, one for the values (with the formulas of the add-in's own sheets, so the inputs read back
 * from them are never a link's or a sum's result, and the visible rows, to count hidden ones). A used
 * range too big to ask for at once (A1:XFD1048576 holds 17 billion cells) is read by its filled areas,
 * in blocks of rows, a few more syncs. Office.js gives a date cell as its serial number; the number formats
 * are read with the values so that the user's date cells come as JavaScript Dates, as the file host gives them
 * (a monthly profile headed by real dates, "Apr-24", is then read the same in both hosts). Dates on the
 * add-in's own sheets stay serials, given in the 1900 system also in a 1904 workbook, as everything past the
 * hosts expects.
 */
import { nameOfDocumentProperty } from "../workbook/definedNames";
import { ExcelActionError } from "./errors";
import { parseA1, SparseGridBuilder, type Cell, type SheetGrid } from "../core/grid";
import type { Diagnostic } from "../core/diagnostics";
import { isDateFormat, jsDateFromSerial, MAX_SERIAL, serialFromDateSystem } from "../core/dates";
import type { Capabilities } from "./host";
import {
  OWNED_SHEET_PROPERTY,
  type Ownership,
  resolveOwnership,
  sheetKeyOfDocumentProperty,
} from "../workbook/ownership";
import { queueWorkbookFacts } from "./workbookFacts";

export interface ExistingSheet {
  name: string;
  ownedKey: string | null;
}

export interface WorkbookSnapshot {
  /** Every sheet that is not the add-in's own and is read (hidden ones only when asked), in tab order. */
  grids: SheetGrid[];
  /** The add-in's own sheets, with their formulas, for the inputs a user keeps on them. */
  ownedGrids: SheetGrid[];
  /** Every sheet, in tab order. */
  existing: ExistingSheet[];
  /** E.g. a copy of one of the add-in's sheets, kept as the user's; hidden sheets left out; hidden rows read. */
  warnings: Diagnostic[];
  /** The user's hidden sheets that were not read. */
  hiddenSheets: string[];
  /** The workbook counts in the 1904 date system: the grids' dates are given in the 1900 system all the same. */
  date1904: boolean;
  structureProtected: boolean;
}

export interface ReadOptions {
  /** Read the user's hidden sheets too; by default they are listed but not read. */
  includeHidden?: boolean;
}

/** What the first sync sees. */
export interface SheetListing {
  sheets: Excel.Worksheet[];
  names: { name: string; formula: string; comment: string }[];
  /** Our document properties: sheet key -> sheet name. */
  documentNames: Map<string, string>;
  /** The defined names the last build recorded as its own: written name -> the name it stands for; null when none is recorded. */
  recordedNames: Map<string, string> | null;
}

/** First sync: the sheet list, the defined names and the add-in's document properties. */
export async function listSheets(context: Excel.RequestContext): Promise<SheetListing> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  const names = context.workbook.names;
  names.load("items/name,items/formula,items/comment");
  const properties = context.workbook.properties.custom;
  properties.load("items/key,items/value");
  await context.sync();
  const documentNames = new Map<string, string>();
  const recordedNames = new Map<string, string>();
  for (const property of properties.items) {
    const key = sheetKeyOfDocumentProperty(property.key);
    if (key) documentNames.set(key, String(property.value));
    const name = nameOfDocumentProperty(property.key);
    if (name !== null) recordedNames.set(name, String(property.value));
  }
  return {
    sheets: worksheets.items,
    names: names.items.map((item) => ({
      name: item.name,
      formula: String(item.formula ?? ""),
      comment: item.comment ?? "",
    })),
    documentNames,
    recordedNames: recordedNames.size ? recordedNames : null,
  };
}

/**
 * Queues the read of each sheet's worksheet property (when the host has them) and returns a function
 * that, after the next sync, says which sheets are ours.
 */
export function queueOwnership(listing: SheetListing, capabilities: Capabilities): () => Ownership {
  const properties = listing.sheets.map((sheet) => {
    if (!capabilities.customProperties) return null;
    const property = sheet.customProperties.getItemOrNullObject(OWNED_SHEET_PROPERTY);
    property.load("value");
    return property;
  });
  return () =>
    resolveOwnership(
      listing.sheets.map((sheet, i) => {
        const property = properties[i];
        return { name: sheet.name, propertyKey: property && !property.isNullObject ? String(property.value) : null };
      }),
      listing.documentNames,
    );
}

/** "'P10 Spend'!B3:F20" -> { row: 2, col: 1 }. */
export function originOfAddress(address: string): { row: number; col: number } {
  const cells = address.slice(address.lastIndexOf("!") + 1);
  const origin = parseA1(cells.split(":")[0]);
  if (!origin) throw new Error(`Excel gave a used range address the add-in cannot read: "${address}".`);
  return origin;
}

/** Numbers shown as dates, from the workbook's 1904 serials to the 1900 serials of core/dates. */
function datesFrom1904(values: unknown[][], formats: unknown[][]): unknown[][] {
  return values.map((row, r) =>
    row.map((value, c) => {
      const format = formats[r]?.[c];
      return typeof value === "number" && typeof format === "string" && isDateFormat(format)
        ? serialFromDateSystem(value, true)
        : value;
    }),
  );
}

/** A user's cell as the file host gives it: a number shown as a date is that date. */
function userCell(value: unknown, format: unknown, date1904: boolean): unknown {
  if (typeof value !== "number" || typeof format !== "string" || !isDateFormat(format)) return value;
  const serial = serialFromDateSystem(value, date1904);
  return serial >= 1 && serial <= MAX_SERIAL ? jsDateFromSerial(serial) : value;
}

function userCells(values: unknown[][], formats: unknown[][], date1904: boolean): unknown[][] {
  return values.map((row, r) => row.map((value, c) => userCell(value, formats[r]?.[c], date1904)));
}

function hiddenSheetsWarning(names: string[]): Diagnostic[] {
  if (names.length === 0) return [];
  const one = names.length === 1;
  return [
    {
      severity: "info",
      message: `Hidden sheet${one ? "" : "s"} ${names.map((name) => `'${name}'`).join(", ")} ${one ? "was" : "were"} not read: a hidden copy of last month's sheet would count twice. To read ${one ? "it" : "them"}, tick "Read hidden sheets" in step 1 (Sources).`,
    },
  ];
}

function hiddenRowsWarning(sheet: string, hidden: number): Diagnostic {
  const one = hidden === 1;
  return {
    severity: "warning",
    message: `Sheet '${sheet}' has ${hidden} hidden row${one ? "" : "s"} in its used range, read like the others: unhide ${one ? "it" : "them"} to check ${one ? "it belongs" : "they belong"} in the figures.`,
    where: `sheet '${sheet}'`,
  };
}

/**
 * Cells asked of Excel in one request: a used range up to this size is read whole, a bigger one in blocks.
 * Each cell comes with its number format as well as its value, so a request carries about what 250,000
 * values alone would.
 */
export const BLOCK_CELLS = 125_000;
/** Filled cells read from one sheet at most, so that a pane (and Excel) is not asked for more than it can hold. */
export const MAX_SHEET_CELLS = 5_000_000;

interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function areaOf(range: { address: string; rowCount: number; columnCount: number }): Area {
  const { row, col } = originOfAddress(range.address);
  return { row, col, rows: range.rowCount, cols: range.columnCount };
}

/** Blocks of whole rows of an area, each of at most BLOCK_CELLS cells (at least one row). */
function blocksOf(area: Area): Area[] {
  const rowsPerBlock = Math.max(1, Math.floor(BLOCK_CELLS / Math.max(1, area.cols)));
  const blocks: Area[] = [];
  for (let first = 0; first < area.rows; first += rowsPerBlock)
    blocks.push({ ...area, row: area.row + first, rows: Math.min(rowsPerBlock, area.rows - first) });
  return blocks;
}

/**
 * A sheet whose used range is too big to read at once: its cells holding constants or formulas, found
 * by Excel as rectangular areas, each read in blocks of rows. The grid is sparse, starting at the first
 * filled row and column.
 */
async function readFilledAreas(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  used: Excel.Range,
  date1904: boolean,
): Promise<SheetGrid> {
  const kinds = (["Constants", "Formulas"] as const).map((kind) => {
    const areas = used.getSpecialCellsOrNullObject(kind);
    areas.load("areas/items/address,areas/items/rowCount,areas/items/columnCount");
    return areas;
  });
  await context.sync();
  const areas = kinds.flatMap((found) => (found.isNullObject ? [] : found.areas.items.map(areaOf)));
  let filled = 0;
  for (const area of areas) filled += area.rows * area.cols;
  if (filled > MAX_SHEET_CELLS) {
    throw new ExcelActionError(
      "reading the workbook",
      `Expected at most ${MAX_SHEET_CELLS.toLocaleString("en-GB")} filled cells on a sheet, but sheet '${sheet.name}' holds ${filled.toLocaleString("en-GB")} (its used range is ${used.address.slice(used.address.lastIndexOf("!") + 1)}).`,
      "Delete the rows and columns not needed, or copy the budget table onto a sheet of its own, and build again.",
      null,
    );
  }
  let top = Infinity;
  let left = Infinity;
  for (const area of areas) {
    top = Math.min(top, area.row);
    left = Math.min(left, area.col);
  }
  const builder = new SparseGridBuilder();
  let bottom = top;
  let right = left;
  // Blocks are read a batch at a time, each batch one request of at most about BLOCK_CELLS cells.
  const blocks = areas.flatMap(blocksOf).sort((a, b) => a.row - b.row || a.col - b.col);
  for (let next = 0; next < blocks.length;) {
    const batch: { block: Area; range: Excel.Range }[] = [];
    let cells = 0;
    while (
      next < blocks.length &&
      (batch.length === 0 || cells + blocks[next].rows * blocks[next].cols <= BLOCK_CELLS)
    ) {
      const block = blocks[next];
      const range = sheet.getRangeByIndexes(block.row, block.col, block.rows, block.cols);
      range.load("values,numberFormat");
      batch.push({ block, range });
      cells += block.rows * block.cols;
      next += 1;
    }
    await context.sync();
    for (const { block, range } of batch) {
      const formats = range.numberFormat as unknown[][];
      (range.values as Cell[][]).forEach((line, r) =>
        line.forEach((value, c) => {
          if (value === "" || value === null || value === undefined) return;
          builder.set(block.row + r - top, block.col + c - left, userCell(value, formats[r]?.[c], date1904) as Cell);
          bottom = Math.max(bottom, block.row + r);
          right = Math.max(right, block.col + c);
        }),
      );
    }
  }
  if (areas.length === 0) return { name: sheet.name, origin: { row: 0, col: 0 }, cells: [] };
  return builder.finish(sheet.name, { row: top, col: left }, bottom - top + 1, right - left + 1);
}

export async function readWorkbook(
  context: Excel.RequestContext,
  capabilities: Capabilities,
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  const facts = queueWorkbookFacts(context);
  const listing = await listSheets(context);
  const { date1904, structureProtected } = facts();
  const ownership = queueOwnership(listing, capabilities);
  const usedRanges = queueUsedRanges(listing, options);
  await context.sync();

  const { existing, warnings } = ownership();
  const sheets = queueContents(usedRanges, existing, date1904);
  await context.sync();

  const grids: SheetGrid[] = [];
  const ownedGrids: SheetGrid[] = [];
  const hiddenSheets: string[] = [];
  const rowWarnings: Diagnostic[] = [];
  for (const [i, sheet] of sheets.entries()) {
    const { name, ownedKey } = existing[i];
    const used = sheet.used;
    if (!used) {
      if (!ownedKey) hiddenSheets.push(name);
      continue;
    }
    const grid = await gridOf(context, listing.sheets[i], name, sheet, date1904);
    if (!ownedKey) {
      grids.push(grid);
      const hidden = sheet.view ? used.rowCount - sheet.view.rowCount : 0;
      if (hidden > 0) rowWarnings.push(hiddenRowsWarning(name, hidden));
    } else {
      ownedGrids.push(grid);
      if (!used.isNullObject) grid.formulas = formulasOnly(used.formulas);
    }
  }
  return {
    grids,
    ownedGrids,
    existing,
    warnings: [...warnings, ...hiddenSheetsWarning(hiddenSheets), ...rowWarnings],
    hiddenSheets,
    date1904,
    structureProtected,
  };
}

/** Each sheet's used range, to read, or null for a hidden sheet left unread. */
function queueUsedRanges(listing: SheetListing, options: ReadOptions): (Excel.Range | null)[] {
  // A hidden sheet is read when asked for, or when it may be one of the add-in's own (named in its document properties).
  const ourNames = new Set([...listing.documentNames.values()]);
  return listing.sheets.map((sheet) => {
    const read = sheet.visibility === "Visible" || options.includeHidden === true || ourNames.has(sheet.name);
    if (!read) return null;
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,rowCount,columnCount,rowHidden");
    return used;
  });
}

/** A sheet's used range, whether it was read whole, whether it is the add-in's, and its visible rows. */
interface SheetRead {
  used: Excel.Range | null;
  whole: boolean;
  owned: boolean;
  view: Excel.RangeView | null;
}

/** Queues the values of each used range that fits one request, and the visible view of one with hidden rows. */
function queueContents(usedRanges: (Excel.Range | null)[], existing: ExistingSheet[], date1904: boolean): SheetRead[] {
  // The add-in's own sheets are read whole, with their formulas; the user's when they fit one request.
  const whole = usedRanges.map((used, i) => {
    if (!used || used.isNullObject) return false;
    if (existing[i].ownedKey) used.load(`values,formulas${date1904 ? ",numberFormat" : ""}`);
    else if (used.rowCount * used.columnCount <= BLOCK_CELLS) used.load("values,numberFormat");
    else return false;
    return true;
  });
  // rowHidden is false when no row is hidden, true when all are, null when some are.
  const views = usedRanges.map((used, i) => {
    if (!used || used.isNullObject || existing[i].ownedKey || used.rowHidden === false) return null;
    const view = used.getVisibleView();
    view.load("rowCount");
    return view;
  });
  return usedRanges.map((used, i) => ({ used, whole: whole[i], owned: Boolean(existing[i].ownedKey), view: views[i] }));
}

/** The grid of a read sheet: empty, its values as read whole, or its filled areas read in blocks. */
async function gridOf(
  context: Excel.RequestContext,
  worksheet: Excel.Worksheet,
  name: string,
  { used, whole, owned }: SheetRead,
  date1904: boolean,
): Promise<SheetGrid> {
  if (!used || used.isNullObject) return { name, origin: { row: 0, col: 0 }, cells: [] };
  if (whole && owned)
    return {
      name,
      origin: originOfAddress(used.address),
      cells: (date1904 ? datesFrom1904(used.values, used.numberFormat) : used.values) as SheetGrid["cells"],
    };
  if (whole)
    return {
      name,
      origin: originOfAddress(used.address),
      cells: userCells(used.values, used.numberFormat, date1904) as SheetGrid["cells"],
    };
  return readFilledAreas(context, worksheet, used, date1904);
}

/** The formulas of an add-in's sheet, null where a cell holds a value. */
function formulasOnly(formulas: unknown[][]): (string | null)[][] {
  return formulas.map((row) =>
    row.map((cell: unknown) => (typeof cell === "string" && cell.startsWith("=") ? cell : null)),
  );
}
