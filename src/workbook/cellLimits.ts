/**
 * Numbers no workbook cell can hold. Figures near Excel's largest number (1E+308) in the sources make
 * the build's sums overflow to Infinity; both hosts refuse such a plan before writing, saying where,
 * instead of failing half-way (Excel rejects the request) or writing a file Excel calls corrupt.
 */
import { a1 } from "../core/grid";
import type { WorkbookPlan } from "./plan";

/** "cell B6 of sheet 'Summary'" for each cell of the plan whose number is Infinity or NaN. */
export function unholdableCells(plan: WorkbookPlan): string[] {
  const found: string[] = [];
  for (const sheet of plan.sheets) {
    for (const block of sheet.blocks) {
      block.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (typeof cell?.value === "number" && !Number.isFinite(cell.value))
            found.push(`cell ${a1(block.row + r, block.col + c)} of sheet '${sheet.name}'`);
        }),
      );
    }
  }
  return found;
}

/** What to tell the user about those cells: where, and what to look for in the sources. */
export function unholdableMessage(cells: string[]): { message: string; whatToDo: string } {
  const more = cells.length > 1 ? ` and ${cells.length - 1} more` : "";
  return {
    message: `Expected figures a workbook can hold, but the sources hold numbers so large that the build's sums overflow: ${cells[0]}${more} would be infinite.`,
    whatToDo:
      "Look in the budget and placement sheets for figures shown with an exponent (such as 1E+308) and correct them, then build again.",
  };
}
