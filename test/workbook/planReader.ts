/**
 * Reading a plan back the way a person reads the sheet: by the labels and headers it shows, so tests
 * do not depend on where the builder put a table.
 */
import type { PlanCell, SheetPlan, WorkbookPlan } from "../../src/workbook/plan";

export function sheetByKey(plan: WorkbookPlan, key: string): SheetPlan {
  const sheet = plan.sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`the plan has no sheet '${key}' (it has ${plan.sheets.map((s) => s.key).join(", ")})`);
  return sheet;
}

/** The sheet's cells as a sparse grid (rows and columns from 0). */
export function cellGrid(sheet: SheetPlan): (PlanCell | null)[][] {
  const grid: (PlanCell | null)[][] = [];
  for (const block of sheet.blocks) {
    block.cells.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell === null) return;
        const row = (grid[block.row + r] ??= []);
        row[block.col + c] = cell;
      }),
    );
  }
  return grid;
}

/** The first row whose first cell shows `label`; throws naming the sheet when there is none. */
export function rowLabelled(sheet: SheetPlan, label: string, fromRow = 0): { row: number; cells: (PlanCell | null)[] } {
  const grid = cellGrid(sheet);
  for (let row = fromRow; row < grid.length; row += 1) {
    if (grid[row]?.[0]?.value === label) return { row, cells: Array.from(grid[row], (cell) => cell ?? null) };
  }
  throw new Error(`no row labelled '${label}' on sheet '${sheet.name}'`);
}

/**
 * The table whose header row starts with `firstHeader`: its rows, up to the first row with an empty
 * first cell, as records by header text.
 */
export function tableRows(sheet: SheetPlan, firstHeader: string): Record<string, PlanCell | null>[] {
  const grid = cellGrid(sheet);
  const { row: headerRow } = rowLabelled(sheet, firstHeader);
  const names = Array.from(grid[headerRow], (cell) => (typeof cell?.value === "string" ? cell.value : ""));
  const rows: Record<string, PlanCell | null>[] = [];
  for (let row = headerRow + 1; grid[row]?.[0] != null; row += 1) {
    rows.push(Object.fromEntries(names.map((name, col) => [name, grid[row][col] ?? null])));
  }
  return rows;
}
