/**
 * How the add-in knows which sheets are its own, so that a rebuild replaces only those and never a
 * sheet the user made. The same two markers as the .xlsx host (src/xlsx/ownership.ts), written together:
 * 1. the worksheet custom property LacSufficiencySheet = the sheet's key (ExcelApi 1.12; it moves with
 *    the sheet when the user renames it);
 * 2. the workbook custom document property LacSufficiencySheet.<key> = the sheet's name (ExcelApi 1.7;
 *    kept by programs that drop worksheet properties).
 * A sheet carrying the worksheet property is owned, with that key. Only when no sheet carries one do the
 * document properties decide, by sheet name. When two sheets claim one key (the user copied one of
 * ours), the sheet the document property names wins, else the first in tab order; the others stay the
 * user's and are never replaced.
 */
import type { Diagnostic } from "../core/diagnostics";

export const OWNED_SHEET_PROPERTY = "LacSufficiencySheet";
export const OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX = `${OWNED_SHEET_PROPERTY}.`;

export function documentPropertyKey(sheetKey: string): string {
  return `${OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX}${sheetKey}`;
}

/** The sheet key a document property names, or null when the property is not one of ours. */
export function sheetKeyOfDocumentProperty(propertyKey: string): string | null {
  return propertyKey.startsWith(OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX) ? propertyKey.slice(OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX.length) : null;
}

export interface SheetMarkers {
  name: string;
  /** The worksheet property's value, or null when absent or not readable (ExcelApi below 1.12). */
  propertyKey: string | null;
}

export interface Ownership {
  /** Every sheet in tab order with the key it carries, or null for the user's sheets. */
  existing: { name: string; ownedKey: string | null }[];
  warnings: Diagnostic[];
}

/** Which sheets are ours. `documentNames`: sheet key -> sheet name, from our document properties. */
export function resolveOwnership(sheets: SheetMarkers[], documentNames: Map<string, string>): Ownership {
  let claims = sheets.flatMap((sheet, index) => (sheet.propertyKey ? [{ index, key: sheet.propertyKey }] : []));
  if (claims.length === 0) {
    claims = [...documentNames].flatMap(([key, name]) => {
      const index = sheets.findIndex((sheet) => sheet.name === name);
      return index >= 0 ? [{ index, key }] : [];
    });
  }
  const owned = new Map<number, string>();
  const warnings: Diagnostic[] = [];
  for (const key of new Set(claims.map((claim) => claim.key))) {
    const claimants = claims.filter((claim) => claim.key === key).sort((a, b) => a.index - b.index);
    const winner = claimants.find((claim) => sheets[claim.index].name === documentNames.get(key)) ?? claimants[0];
    owned.set(winner.index, key);
    for (const other of claimants.filter((claim) => claim !== winner)) {
      const name = sheets[other.index].name;
      warnings.push({
        severity: "warning",
        message: `Sheet '${name}' carries the add-in's marker for '${key}' as well as sheet '${sheets[winner.index].name}' (a copy?). It is kept as your own sheet and will not be replaced.`,
        where: `sheet '${name}'`,
      });
    }
  }
  return { existing: sheets.map((sheet, index) => ({ name: sheet.name, ownedKey: owned.get(index) ?? null })), warnings };
}
