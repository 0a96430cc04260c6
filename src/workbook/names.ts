/**
 * The add-in's sheets and workbook names. Its sheets are known by a stable key ("spend"); the name a
 * sheet is written under is resolved against the sheets already in the user's workbook, because a
 * user's own sheet that happens to be called "Spend" must never be overwritten.
 */
import type { Diagnostic } from "../core/diagnostics";

export interface SheetSpec {
  key: string;
  /** The name the sheet gets when nothing in the workbook is called that already. */
  name: string;
}

/** The sufficiency workbook's own sheets, in tab order. */
export const CORE_SHEETS = [
  { key: "summary", name: "Summary" },
  { key: "assumptions", name: "Assumptions" },
  { key: "spend", name: "Spend" },
  { key: "unitCosts", name: "Unit costs" },
  { key: "needs", name: "Needs projection" },
  { key: "costProjection", name: "Cost projection" },
] as const satisfies readonly SheetSpec[];

/** A sheet already in the workbook; ownedKey is the add-in's key when the add-in wrote it, else null. */
export interface ExistingSheet {
  name: string;
  ownedKey: string | null;
}

/** Excel's limit on the length of a sheet name. */
const MAX_SHEET_NAME = 31;

/**
 * The name each sheet is written under. A sheet the add-in wrote before (same key) is reused under
 * its current name, even if the user renamed it. A wanted name taken by any other sheet (Excel
 * compares names without case) becomes "LAC <name>", else "<name> (2)", "(3)"..., with a warning.
 */
export function resolveSheetNames(
  existing: readonly ExistingSheet[],
  sheets: readonly SheetSpec[] = CORE_SHEETS,
): { names: Record<string, string>; renamed: Diagnostic[] } {
  const taken = new Set<string>();
  const ownedName = new Map<string, string>();
  for (const sheet of existing) {
    if (
      sheet.ownedKey !== null &&
      sheets.some((spec) => spec.key === sheet.ownedKey) &&
      !ownedName.has(sheet.ownedKey)
    ) {
      ownedName.set(sheet.ownedKey, sheet.name);
    } else {
      taken.add(sheet.name.toLowerCase());
    }
  }
  for (const name of ownedName.values()) taken.add(name.toLowerCase());

  const names: Record<string, string> = {};
  const renamed: Diagnostic[] = [];
  for (const spec of sheets) {
    const reused = ownedName.get(spec.key);
    if (reused !== undefined) {
      names[spec.key] = reused;
      continue;
    }
    const name = freeName(spec.name, taken);
    taken.add(name.toLowerCase());
    names[spec.key] = name;
    if (name !== spec.name) {
      renamed.push({
        severity: "info",
        message: `Your workbook already has a sheet called '${spec.name}', which is left as it is; the add-in's ${spec.name} sheet is written as '${name}'.`,
        where: `sheet '${name}'`,
      });
    }
  }
  return { names, renamed };
}

function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const isFree = (name: string): boolean => name.length <= MAX_SHEET_NAME && !taken.has(name.toLowerCase());
  if (isFree(wanted)) return wanted;
  if (isFree(`LAC ${wanted}`)) return `LAC ${wanted}`;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const name = `${wanted.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (isFree(name)) return name;
  }
}

/**
 * Workbook names of the assumption cells, so formulas read `=B7/LAC_Population0to17*10000`. Every
 * name the add-in writes starts with "LAC_" (hosts replace exactly those on a rebuild).
 */
export const ASSUMPTION_NAMES = {
  financialYear: "LAC_FinancialYear",
  period: "LAC_Period",
  periodEnd: "LAC_PeriodEnd",
  weeksPerYear: "LAC_WeeksPerYear",
  population0to17: "LAC_Population0to17",
  projectionTargetDate: "LAC_ProjectionTargetDate",
  projectionMethod: "LAC_ProjectionMethod",
  projectedCountGiven: "LAC_ProjectedCountGiven",
  currentCost: "LAC_CurrentCost",
  historyDates: "LAC_HistoryDates",
  historyCounts: "LAC_HistoryCounts",
} as const;
