/**
 * The defined names the add-in owns. Every name it writes starts with "LAC_", but so may a name of the
 * user's: a name is the add-in's only when its build recorded it, in a workbook document property
 * `LacSufficiencyName.<name>` (the value: the name the plan asked for). A user's name that a build would
 * write is kept; the add-in's is written under another name ("LAC_Population0to17_2"), its formulas use
 * that one, and a warning says so. Workbooks built before names were recorded have no record: there a
 * name is the add-in's when it is one the plan writes and it refers to one of the add-in's own sheets.
 */
import type { WorkbookPlan } from "./plan";
import type { Diagnostic } from "../core/diagnostics";

export const OWNED_NAME_DOCUMENT_PROPERTY_PREFIX = "LacSufficiencyName.";

/** The document property recording that the add-in wrote the name. */
export function nameDocumentProperty(name: string): string {
  return `${OWNED_NAME_DOCUMENT_PROPERTY_PREFIX}${name}`;
}

/** The name a document property records, or null when it is not such a record. */
export function nameOfDocumentProperty(propertyKey: string): string | null {
  return propertyKey.startsWith(OWNED_NAME_DOCUMENT_PROPERTY_PREFIX)
    ? propertyKey.slice(OWNED_NAME_DOCUMENT_PROPERTY_PREFIX.length)
    : null;
}

/** Whether a formula refers to a cell of the sheet: 'Spend notes'!A1 refers to "Spend notes", not to "Spend". */
export function refersToSheet(formula: string, sheetName: string): boolean {
  const quoted = `'${sheetName.replace(/'/g, "''")}'!`.toLowerCase();
  const text = formula.toLowerCase();
  if (text.includes(quoted)) return true;
  const plain = `${sheetName.toLowerCase()}!`;
  for (let at = text.indexOf(plain); at >= 0; at = text.indexOf(plain, at + 1)) {
    if (at === 0 || !/[\w.']/.test(text[at - 1])) return true;
  }
  return false;
}

/** A workbook-level defined name as the host found it. */
export interface ExistingName {
  name: string;
  /** What it refers to ("'P10 Summary'!$B$5"), with or without the leading "=". */
  formula: string;
}

export interface NamePlacement {
  /** The plan with its names (and the formulas using them) under the names they are written as. */
  plan: WorkbookPlan;
  /** The existing names that are the add-in's, to be replaced or removed. */
  replace: ExistingName[];
  /** Written name -> the name the plan asked for, for the record. */
  written: Map<string, string>;
  warnings: Diagnostic[];
}

const lower = (text: string): string => text.toLowerCase();

/**
 * Decides which existing names are the add-in's and the name each of the plan's is written as.
 * `recorded`: the names the record lists (null when the workbook has no record at all); `ownedSheets`:
 * the names of the add-in's sheets from the previous build.
 */
export function placeDefinedNames(
  plan: WorkbookPlan,
  existing: readonly ExistingName[],
  recorded: ReadonlySet<string> | null,
  ownedSheets: readonly string[],
): NamePlacement {
  const planned = new Set(plan.names.map((name) => lower(name.name)));
  const recordedLower = recorded === null ? null : new Set([...recorded].map(lower));
  const isOurs = (name: ExistingName): boolean =>
    recordedLower !== null
      ? recordedLower.has(lower(name.name))
      : planned.has(lower(name.name)) && ownedSheets.some((sheet) => refersToSheet(name.formula, sheet));
  const replace = existing.filter(isOurs);
  const taken = new Set(existing.filter((name) => !isOurs(name)).map((name) => lower(name.name)));
  for (const name of planned) taken.add(name);

  const renamed = new Map<string, string>();
  const warnings: Diagnostic[] = [];
  for (const name of plan.names) {
    if (!existing.some((other) => lower(other.name) === lower(name.name) && !isOurs(other))) continue;
    let n = 2;
    while (taken.has(lower(`${name.name}_${n}`))) n += 1;
    const chosen = `${name.name}_${n}`;
    taken.add(lower(chosen));
    renamed.set(lower(name.name), chosen);
    warnings.push({
      severity: "warning",
      message: `Your workbook already has a name '${name.name}' of its own, which is kept as it is; the add-in's ${name.name} is written as '${chosen}', and the add-in's formulas use that name.`,
      where: `name '${chosen}'`,
    });
  }
  const written = new Map(plan.names.map((name) => [renamed.get(lower(name.name)) ?? name.name, name.name]));
  if (renamed.size === 0) return { plan, replace, written, warnings };
  return {
    plan: {
      ...plan,
      names: plan.names.map((name) => ({ ...name, name: renamed.get(lower(name.name)) ?? name.name })),
      sheets: plan.sheets.map((sheet) => ({
        ...sheet,
        blocks: sheet.blocks.map((block) => ({
          ...block,
          cells: block.cells.map((row) =>
            row.map((cell) =>
              cell?.formula === undefined ? cell : { ...cell, formula: renameInFormula(cell.formula, renamed) },
            ),
          ),
        })),
      })),
    },
    replace,
    written,
    warnings,
  };
}

/**
 * The formula with each name of `renamed` (lower case -> new name) replaced where it stands as a name:
 * not inside a text ("..."), a quoted sheet name ('...'), a longer name (LAC_PeriodEnd for LAC_Period),
 * a sheet prefix (Name!A1) or a function call (Name(...)).
 */
export function renameInFormula(formula: string, renamed: ReadonlyMap<string, string>): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A text or a quoted sheet name, with its doubled quotes, copied as it is.
      let end = i + 1;
      while (end < formula.length && !(formula[end] === ch && formula[end + 1] !== ch))
        end += formula[end] === ch ? 2 : 1;
      out += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const token = /^[A-Za-z_\\][\w.?\\]*/.exec(formula.slice(i, i + 256));
    if (token && (i === 0 || !/[\w.$]/.test(formula[i - 1]))) {
      const word = token[0];
      const next = formula[i + word.length];
      const replacement = renamed.get(lower(word));
      out += replacement !== undefined && next !== "(" && next !== "!" ? replacement : word;
      i += word.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
