/**
 * How the add-in knows which sheets are its own, so that a rebuild replaces only those and never a
 * sheet the user made. The marker is shared with the .xlsx host (interfaces.md, H5 "OWNERSHIP MARKER"):
 * a workbook-scoped defined name LAC_Sheet_<key> referring to the sheet. Defined names follow a sheet
 * when it is renamed and are not copied with it, so a user's copy of one of our sheets stays theirs.
 * Inside Excel the worksheet custom property LacSufficiencySheet = key is written too (ExcelApi 1.12);
 * it decides only for a key no defined name claims (a workbook whose names were removed by hand).
 */
import { quoteSheetName } from "../sources/grid";

export const MARKER_NAME_PREFIX = "LAC_Sheet_";
export const OWNED_SHEET_PROPERTY = "LacSufficiencySheet";

export function markerName(key: string): string {
  return `${MARKER_NAME_PREFIX}${key}`;
}

/** The key a marker name carries, or null when the name is not a marker. */
export function markerKey(definedName: string): string | null {
  return definedName.toUpperCase().startsWith(MARKER_NAME_PREFIX.toUpperCase())
    ? definedName.slice(MARKER_NAME_PREFIX.length)
    : null;
}

/** The reference a marker name is given: the sheet's top-left cell. */
export function markerReference(sheetName: string): string {
  return `=${quoteSheetName(sheetName)}!$A$1`;
}

/**
 * The sheet a defined name's formula refers to ("='P10 Spend'!$A$1" -> "P10 Spend"), or null for a
 * formula that is not a plain reference to one sheet (a constant, a #REF! left by a deleted sheet).
 */
export function sheetOfReference(formula: string): string | null {
  const text = formula.trim().replace(/^=/, "");
  const quoted = /^'((?:[^']|'')+)'!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^'!:=]+)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(text);
  return plain ? plain[1] : null;
}

export interface SheetMarkers {
  name: string;
  /** The custom property's value, or null when absent or not readable (ExcelApi below 1.12). */
  propertyKey: string | null;
}

/**
 * Which key each sheet carries, in the order given. A defined-name marker wins; a custom property
 * counts only for a key that no defined name claims, and only for the first sheet that carries it
 * (later ones are copies the user made).
 */
export function resolveOwnership(
  sheets: SheetMarkers[],
  nameMarkers: { key: string; sheet: string }[],
): { name: string; ownedKey: string | null }[] {
  const byName = new Map<string, string>();
  const claimedKeys = new Set<string>();
  for (const marker of nameMarkers) {
    const sheet = sheets.find((s) => s.name.toLowerCase() === marker.sheet.toLowerCase());
    if (!sheet || byName.has(sheet.name) || claimedKeys.has(marker.key)) continue;
    byName.set(sheet.name, marker.key);
    claimedKeys.add(marker.key);
  }
  return sheets.map((sheet) => {
    const named = byName.get(sheet.name);
    if (named) return { name: sheet.name, ownedKey: named };
    if (sheet.propertyKey && !claimedKeys.has(sheet.propertyKey)) {
      claimedKeys.add(sheet.propertyKey);
      return { name: sheet.name, ownedKey: sheet.propertyKey };
    }
    return { name: sheet.name, ownedKey: null };
  });
}
