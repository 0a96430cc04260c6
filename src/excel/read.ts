/// <reference types="office-js" />
/**
 * Reads the workbook for recognition: the used range of every sheet as a SheetGrid (the user's apart from
 * the add-in's own; hidden sheets only when asked), and every sheet's name with the key it carries if it
 * is ours. Two syncs whatever the size: one for the sheet list, defined names, document properties,
 * structure protection and date system, one for all the used ranges and worksheet properties; a third
 * when the workbook has the add-in's sheets, for their formulas (so the inputs read back from them are
 * never a link's or a sum's result), or hidden rows to count. Dates of a 1904 workbook are given as
 * 1900-system serials, as everything past the hosts expects.
 */
import { parseA1, type SheetGrid } from "../sources/grid";
import type { PlanWarning } from "../workbook/plan";
import { isDateFormat, serialFromDateSystem } from "../core/dates";
import type { Capabilities } from "./host";
import { OWNED_SHEET_PROPERTY, type Ownership, resolveOwnership, sheetKeyOfDocumentProperty } from "./ownership";
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
  warnings: PlanWarning[];
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
  for (const property of properties.items) {
    const key = sheetKeyOfDocumentProperty(property.key);
    if (key) documentNames.set(key, String(property.value));
  }
  return {
    sheets: worksheets.items,
    names: names.items.map((item) => ({ name: item.name, formula: String(item.formula ?? ""), comment: item.comment ?? "" })),
    documentNames,
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
      return typeof value === "number" && typeof format === "string" && isDateFormat(format) ? serialFromDateSystem(value, true) : value;
    }),
  );
}

function hiddenSheetsWarning(names: string[]): PlanWarning[] {
  if (names.length === 0) return [];
  const one = names.length === 1;
  return [
    {
      severity: "info",
      message: `Hidden sheet${one ? "" : "s"} ${names.map((name) => `'${name}'`).join(", ")} ${one ? "was" : "were"} not read: a hidden copy of last month's sheet would count twice. To read ${one ? "it" : "them"}, tick "Read hidden sheets" in step 1 (Sources).`,
    },
  ];
}

function hiddenRowsWarning(sheet: string, hidden: number): PlanWarning {
  const one = hidden === 1;
  return {
    severity: "warning",
    message: `Sheet '${sheet}' has ${hidden} hidden row${one ? "" : "s"} in its used range, read like the others: unhide ${one ? "it" : "them"} to check ${one ? "it belongs" : "they belong"} in the figures.`,
    where: `sheet '${sheet}'`,
  };
}

export async function readWorkbook(context: Excel.RequestContext, capabilities: Capabilities, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const facts = queueWorkbookFacts(context);
  const listing = await listSheets(context);
  const { date1904, structureProtected } = facts();
  const ownership = queueOwnership(listing, capabilities);
  // A hidden sheet is read when asked for, or when it may be one of the add-in's own (named in its document properties).
  const ourNames = new Set([...listing.documentNames.values()]);
  const read = listing.sheets.map((sheet) => sheet.visibility === "Visible" || options.includeHidden === true || ourNames.has(sheet.name));
  const usedRanges = listing.sheets.map((sheet, i) => {
    if (!read[i]) return null;
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(`address,values,rowHidden${date1904 ? ",numberFormat" : ""}`);
    return used;
  });
  await context.sync();

  const { existing, warnings } = ownership();
  const grids: SheetGrid[] = [];
  const ownedGrids: SheetGrid[] = [];
  const owned: { used: Excel.Range; grid: SheetGrid }[] = [];
  const hiddenSheets: string[] = [];
  const withHiddenRows: { name: string; used: Excel.Range; view: Excel.RangeView }[] = [];
  usedRanges.forEach((used, i) => {
    const name = existing[i].name;
    if (!used) {
      if (!existing[i].ownedKey) hiddenSheets.push(name);
      return;
    }
    const values = used.isNullObject ? [] : date1904 ? datesFrom1904(used.values, used.numberFormat) : used.values;
    const grid: SheetGrid = used.isNullObject ? { name, origin: { row: 0, col: 0 }, cells: [] } : { name, origin: originOfAddress(used.address), cells: values as SheetGrid["cells"] };
    if (!existing[i].ownedKey) {
      grids.push(grid);
      // rowHidden is false when no row is hidden, true when all are, null when some are.
      if (!used.isNullObject && used.rowHidden !== false) withHiddenRows.push({ name, used, view: used.getVisibleView() });
    } else {
      ownedGrids.push(grid);
      if (!used.isNullObject) owned.push({ used, grid });
    }
  });
  for (const { view } of withHiddenRows) view.load("rowCount");
  if (owned.length || withHiddenRows.length) {
    for (const { used } of owned) used.load("formulas");
    await context.sync();
    for (const { used, grid } of owned) {
      grid.formulas = used.formulas.map((row) => row.map((cell: unknown) => (typeof cell === "string" && cell.startsWith("=") ? cell : null)));
    }
  }
  const rowWarnings = withHiddenRows.flatMap(({ name, used, view }) => {
    const hidden = used.values.length - view.rowCount;
    return hidden > 0 ? [hiddenRowsWarning(name, hidden)] : [];
  });
  return { grids, ownedGrids, existing, warnings: [...warnings, ...hiddenSheetsWarning(hiddenSheets), ...rowWarnings], hiddenSheets, date1904, structureProtected };
}
