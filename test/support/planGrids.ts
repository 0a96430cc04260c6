/**
 * A built plan as a host reads it back before a rebuild: each of the add-in's sheets as a SheetGrid
 * (formula cells hold the engine's value, as Excel or a saved file would give their results) with its
 * formulas beside, and a way to type into a cell as a user would in Excel.
 */
import { parseA1, type Cell, type SheetGrid } from "../../src/core/grid";
import type { ExistingSheet } from "../../src/workbook/names";
import type { WorkbookPlan } from "../../src/workbook/plan";

export class PlanGrids {
  private readonly sheets: { key: string; grid: SheetGrid & { formulas: (string | null)[][] } }[];

  constructor(plan: WorkbookPlan) {
    this.sheets = plan.sheets.map((sheet) => {
      const grid: SheetGrid & { formulas: (string | null)[][] } = {
        name: sheet.name,
        origin: { row: 0, col: 0 },
        cells: [],
        formulas: [],
      };
      for (const block of sheet.blocks) {
        block.cells.forEach((cells, r) =>
          cells.forEach((cell, c) => {
            if (cell === null) return;
            const value = cell.value === undefined || cell.value === "" ? null : cell.value;
            this.put(grid, block.row + r, block.col + c, value, cell.formula === undefined ? null : `=${cell.formula}`);
          }),
        );
      }
      return { key: sheet.key, grid };
    });
  }

  /** The add-in's sheets as both hosts hand them over: `ownedGrids` and `existing` of a workbook snapshot. */
  get workbook(): { ownedGrids: SheetGrid[]; existing: ExistingSheet[] } {
    return {
      ownedGrids: this.sheets.map((s) => s.grid),
      existing: this.sheets.map((s) => ({ name: s.grid.name, ownedKey: s.key })),
    };
  }

  grid(key: string): SheetGrid & { formulas: (string | null)[][] } {
    const sheet = this.sheets.find((s) => s.key === key);
    if (!sheet) throw new Error(`no sheet '${key}' in the plan`);
    return sheet.grid;
  }

  /** The cell showing `text` on a sheet (0-based), the first from the top. */
  find(key: string, text: string): { row: number; col: number } {
    const grid = this.grid(key);
    for (let row = 0; row < grid.cells.length; row += 1) {
      const col = (grid.cells[row] ?? []).findIndex((cell) => cell === text);
      if (col >= 0) return { row, col };
    }
    throw new Error(`no cell '${text}' on sheet '${grid.name}'`);
  }

  value(key: string, address: string): Cell {
    const { row, col } = at(address);
    return this.grid(key).cells[row]?.[col] ?? null;
  }

  /** Types a value into a cell ("B9"), as a user would: a formula there is replaced. */
  type(key: string, address: string, value: Cell): this {
    const { row, col } = at(address);
    this.put(this.grid(key), row, col, value, null);
    return this;
  }

  /** Types a formula, whose result (as Excel would show it) is `result`. */
  typeFormula(key: string, address: string, formula: string, result: Cell): this {
    const { row, col } = at(address);
    this.put(this.grid(key), row, col, result, formula);
    return this;
  }

  private put(
    grid: SheetGrid & { formulas: NonNullable<SheetGrid["formulas"]> },
    row: number,
    col: number,
    value: Cell,
    formula: string | null,
  ): void {
    while (grid.cells.length <= row) grid.cells.push([]);
    while (grid.formulas.length <= row) grid.formulas.push([]);
    const cells = (grid.cells[row] ??= []);
    const formulas = (grid.formulas[row] ??= []);
    cells[col] = value;
    formulas[col] = formula;
    for (let c = 0; c < col; c += 1) {
      cells[c] ??= null;
      formulas[c] ??= null;
    }
  }
}

function at(address: string): { row: number; col: number } {
  const position = parseA1(address);
  if (!position) throw new Error(`'${address}' is not a cell address`);
  return position;
}
