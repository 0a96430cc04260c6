/**
 * The rules both hosts (the task pane through Office.js, the command line through the file's package)
 * follow for what is the add-in's in a workbook: which sheets are its own, and which names a sheet of
 * its may take. Each host only reads and writes the markers; what they mean is decided here, once.
 * (Which defined names are the add-in's, and the formulas that refer to a sheet of its, are decided in
 * definedNames.ts, beside this.)
 *
 * How the add-in knows which sheets are its own, so that a rebuild replaces only those and never a
 * sheet the user made. Two markers, written together:
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
  return propertyKey.startsWith(OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX)
    ? propertyKey.slice(OWNED_SHEET_DOCUMENT_PROPERTY_PREFIX.length)
    : null;
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
  return {
    existing: sheets.map((sheet, index) => ({ name: sheet.name, ownedKey: owned.get(index) ?? null })),
    warnings,
  };
}

/** The characters Excel refuses in a sheet name. */
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/;

/**
 * Whether Excel accepts a sheet name: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending
 * with an apostrophe, and not "History" (which Excel keeps for itself), in any case.
 */
export function isAllowedSheetName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 31 &&
    !FORBIDDEN_IN_SHEET_NAME.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}
