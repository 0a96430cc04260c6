/// <reference types="office-js" />
/**
 * Reads the workbook for recognition: the used range of every sheet as a SheetGrid (the user's apart from
 * the add-in's own), and every sheet's name with the key it carries if it is ours. Two syncs whatever the size:
 * one for the sheet list, defined names and document properties, one for all the used ranges and
 * worksheet properties; a third when the workbook has the add-in's sheets, for their formulas (so the
 * inputs read back from them are never a link's or a sum's result).
 */
import { parseA1, type SheetGrid } from "../sources/grid";
import type { PlanWarning } from "../workbook/plan";
import type { Capabilities } from "./host";
import { OWNED_SHEET_PROPERTY, type Ownership, resolveOwnership, sheetKeyOfDocumentProperty } from "./ownership";

export interface ExistingSheet {
  name: string;
  ownedKey: string | null;
}

export interface WorkbookSnapshot {
  /** Every sheet that is not the add-in's own, in tab order. */
  grids: SheetGrid[];
  /** The add-in's own sheets, with their formulas, for the inputs a user keeps on them. */
  ownedGrids: SheetGrid[];
  /** Every sheet, in tab order. */
  existing: ExistingSheet[];
  /** E.g. a copy of one of the add-in's sheets, kept as the user's. */
  warnings: PlanWarning[];
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
  worksheets.load("items/name");
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

export async function readWorkbook(context: Excel.RequestContext, capabilities: Capabilities): Promise<WorkbookSnapshot> {
  const listing = await listSheets(context);
  const ownership = queueOwnership(listing, capabilities);
  const usedRanges = listing.sheets.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,values");
    return used;
  });
  await context.sync();

  const { existing, warnings } = ownership();
  const grids: SheetGrid[] = [];
  const ownedGrids: SheetGrid[] = [];
  const owned: { used: Excel.Range; grid: SheetGrid }[] = [];
  usedRanges.forEach((used, i) => {
    const name = existing[i].name;
    const grid: SheetGrid = used.isNullObject ? { name, origin: { row: 0, col: 0 }, cells: [] } : { name, origin: originOfAddress(used.address), cells: used.values };
    if (!existing[i].ownedKey) grids.push(grid);
    else {
      ownedGrids.push(grid);
      if (!used.isNullObject) owned.push({ used, grid });
    }
  });
  if (owned.length) {
    for (const { used } of owned) used.load("formulas");
    await context.sync();
    for (const { used, grid } of owned) {
      grid.formulas = used.formulas.map((row) => row.map((cell: unknown) => (typeof cell === "string" && cell.startsWith("=") ? cell : null)));
    }
  }
  return { grids, ownedGrids, existing, warnings };
}
