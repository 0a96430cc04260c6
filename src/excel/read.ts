/**
 * Reads the workbook for recognition: the used range of every sheet that is not the add-in's own, as a
 * SheetGrid, and every sheet's name with the key it carries if it is ours. Two syncs whatever the size:
 * one for the sheet list and defined names, one for all the used ranges and custom properties.
 */
import { parseA1, type SheetGrid } from "../sources/grid";
import type { Capabilities } from "./host";
import { markerKey, OWNED_SHEET_PROPERTY, resolveOwnership, sheetOfReference } from "./ownership";

export interface ExistingSheet {
  name: string;
  ownedKey: string | null;
}

export interface WorkbookSnapshot {
  /** Every sheet that is not the add-in's own, in tab order. */
  grids: SheetGrid[];
  /** Every sheet, in tab order. */
  existing: ExistingSheet[];
}

/** Sheets, defined names and markers as the first sync sees them. */
export interface SheetListing {
  sheets: Excel.Worksheet[];
  names: { name: string; formula: string }[];
  nameMarkers: { key: string; sheet: string }[];
}

/** First sync: the sheet list and the workbook's defined names (ownership markers among them). */
export async function listSheets(context: Excel.RequestContext): Promise<SheetListing> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  await context.sync();
  const definedNames = names.items.map((item) => ({ name: item.name, formula: String(item.formula ?? "") }));
  const nameMarkers: { key: string; sheet: string }[] = [];
  for (const item of definedNames) {
    const key = markerKey(item.name);
    const sheet = key ? sheetOfReference(item.formula) : null;
    if (key && sheet) nameMarkers.push({ key, sheet });
  }
  return { sheets: worksheets.items, names: definedNames, nameMarkers };
}

/** "'P10 Spend'!B3:F20" -> { row: 2, col: 1 }. */
export function originOfAddress(address: string): { row: number; col: number } {
  const cells = address.slice(address.lastIndexOf("!") + 1);
  const origin = parseA1(cells.split(":")[0]);
  if (!origin) throw new Error(`Excel gave a used range address the add-in cannot read: "${address}".`);
  return origin;
}

export async function readWorkbook(context: Excel.RequestContext, capabilities: Capabilities): Promise<WorkbookSnapshot> {
  const listing = await listSheets(context);
  const markedByName = new Set(listing.nameMarkers.map((m) => m.sheet.toLowerCase()));
  const reads = listing.sheets.map((sheet) => {
    const ours = markedByName.has(sheet.name.toLowerCase());
    const used = ours ? null : sheet.getUsedRangeOrNullObject(true);
    used?.load("address,values");
    const property = capabilities.customProperties ? sheet.customProperties.getItemOrNullObject(OWNED_SHEET_PROPERTY) : null;
    property?.load("value");
    return { name: sheet.name, used, property };
  });
  await context.sync();

  const existing = resolveOwnership(
    reads.map((read) => ({
      name: read.name,
      propertyKey: read.property && !read.property.isNullObject ? String(read.property.value) : null,
    })),
    listing.nameMarkers,
  );
  const grids: SheetGrid[] = [];
  reads.forEach((read, i) => {
    if (existing[i].ownedKey || !read.used) return;
    if (read.used.isNullObject) grids.push({ name: read.name, origin: { row: 0, col: 0 }, cells: [] });
    else grids.push({ name: read.name, origin: originOfAddress(read.used.address), cells: read.used.values });
  });
  return { grids, existing };
}
