/**
 * The plan's dates in the date system of the workbook it is written into. A plan holds 1900-system
 * serials (core/dates); a workbook in the 1904 system reads every date cell 1,462 days (four years and a
 * day) later unless the serials are shifted. Formulas need nothing: DATE, EDATE and EOMONTH give serials
 * in the workbook's own system, and differences of dates are the same in both.
 */
import { isDateFormat, serialInDateSystem } from "../core/dates";
import type { PlanCell, WorkbookPlan } from "./plan";

function cellInDateSystem(cell: PlanCell | null): PlanCell | null {
  if (!cell || typeof cell.value !== "number" || !cell.format || !isDateFormat(cell.format)) return cell;
  return { ...cell, value: serialInDateSystem(cell.value, true) };
}

/** The plan as a workbook in `date1904` holds it; the same plan for the 1900 system. Summary and warnings are unchanged. */
export function planInDateSystem(plan: WorkbookPlan, date1904: boolean): WorkbookPlan {
  if (!date1904) return plan;
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((block) => ({ ...block, cells: block.cells.map((row) => row.map(cellInDateSystem)) })),
    })),
  };
}
