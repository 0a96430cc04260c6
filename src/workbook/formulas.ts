/**
 * The formula cells of a plan, listed for checking (tests evaluate each one and compare it with the
 * engine's value) and for telling the user which cells need the add-in loaded.
 */
import { a1 } from "../core/grid";
import type { CellValue, WorkbookPlan } from "./plan";

export interface FormulaCell {
  sheet: string;
  row: number;
  col: number;
  /** "C5" */
  address: string;
  formula: string;
  /** The engine's value of the formula. */
  value: CellValue | null;
}

/** The plan's formula cells; with `keep`, only those whose formula it keeps (a Spend sheet can hold 450,000 links). */
export function formulaCells(plan: Pick<WorkbookPlan, "sheets">, keep?: (formula: string) => boolean): FormulaCell[] {
  const cells: FormulaCell[] = [];
  for (const sheet of plan.sheets) {
    for (const block of sheet.blocks) {
      block.cells.forEach((rowCells, r) =>
        rowCells.forEach((cell, c) => {
          if (cell?.formula === undefined || (keep && !keep(cell.formula))) return;
          const row = block.row + r;
          const col = block.col + c;
          cells.push({
            sheet: sheet.name,
            row,
            col,
            address: a1(row, col),
            formula: cell.formula,
            value: cell.value ?? null,
          });
        }),
      );
    }
  }
  return cells;
}

/** Whether a formula calls one of the add-in's own functions (LAC.RATE, LAC.STABILITY, ...). */
export function usesAddInFunction(formula: string): boolean {
  if (!/LAC\./i.test(formula)) return false;
  return /(^|[^A-Za-z0-9_.])LAC\.[A-Z0-9.]+\s*\(/i.test(withoutStrings(formula));
}

/** The formula with its string literals and quoted sheet names blanked, so neither is read as a call. */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
}
