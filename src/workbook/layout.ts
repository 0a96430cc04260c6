/**
 * Where cells go, computed once. A sheet builder places a table with a `TableLayout` and then writes
 * formulas that point at it through the same object, so a cell's position is never written down twice
 * (move a table and every formula that reads it moves with it).
 */
import { a1, a1Range, quoteSheetName } from "../core/grid";
import type { CellBlock, ChartPlan, PlanCell, RangeRef, SheetPlan, TablePlan } from "./plan";
import { maxOf } from "../core/arrays";

/** A cell of a sheet (of the plan, or a user's sheet). */
export interface Pos {
  sheet: string;
  row: number;
  col: number;
}

/** A figure on a sheet: where it is and the engine's value of it (null for a blank cell). */
export interface Figure {
  pos: Pos;
  value: number | null;
}

/** How a formula on sheet `from` refers to a cell: "C5" on the same sheet, "'Spend'!$C$5" from another. */
export function ref(pos: Pos, from: string): string {
  return pos.sheet === from ? a1(pos.row, pos.col) : `${quoteSheetName(pos.sheet)}!${a1(pos.row, pos.col, true)}`;
}

/** The same for a rectangle: "C5:C9" on its own sheet, "'Spend'!$C$5:$C$9" from another. */
export function rangeRef(range: RangeRef, from: string): string {
  return range.sheet === from
    ? a1Range(range.row, range.col, range.rows, range.cols)
    : `${quoteSheetName(range.sheet)}!${a1Range(range.row, range.col, range.rows, range.cols, true)}`;
}

/** The cells of one sheet of the plan, placed top to bottom. */
export class SheetWriter {
  private readonly blocks: CellBlock[] = [];
  private readonly tables: TablePlan[] = [];
  private readonly charts: ChartPlan[] = [];
  private nextRow = 0;

  constructor(
    readonly key: string,
    readonly name: string,
  ) {}

  /** Takes the next `rows` free rows (and a blank row after them); returns the first. */
  reserve(rows: number, gapAfter = 1): number {
    const top = this.nextRow;
    this.nextRow += rows + gapAfter;
    return top;
  }

  /** Writes a rectangle of cells; short rows are padded with empty cells. */
  write(row: number, col: number, cells: (PlanCell | null)[][]): void {
    if (cells.length === 0) return;
    const width = maxOf(
      cells.map((r) => r.length),
      0,
    );
    this.blocks.push({
      row,
      col,
      cells: cells.map((r) => (r.length === width ? r : [...r, ...new Array<null>(width - r.length).fill(null)])),
    });
  }

  /** Writes rows at the next free rows; returns the first row. */
  append(cells: (PlanCell | null)[][], gapAfter = 1): number {
    const top = this.reserve(cells.length, gapAfter);
    this.write(top, 0, cells);
    return top;
  }

  pos(row: number, col: number): Pos {
    return { sheet: this.name, row, col };
  }

  addTable(table: TablePlan): void {
    this.tables.push(table);
  }

  addChart(chart: ChartPlan): void {
    this.charts.push(chart);
  }

  /** Moves the next free row below every chart added so far (and a blank row), so nothing is written under a chart. */
  belowCharts(): void {
    this.nextRow = maxOf(
      this.charts.map((chart) => chart.anchor.row + chart.anchor.rows + 1),
      this.nextRow,
    );
  }

  plan(extra: Pick<SheetPlan, "columnWidths" | "freeze" | "tabColor"> = {}): SheetPlan {
    return {
      key: this.key,
      name: this.name,
      blocks: this.blocks,
      ...extra,
      ...(this.tables.length ? { tables: this.tables } : {}),
      ...(this.charts.length ? { charts: this.charts } : {}),
    };
  }
}

/**
 * A table of named columns: a header row at `top`, then `rowCount` data rows, then (when asked for) a
 * total row. Columns are given in the order they appear from `left`.
 */
export class TableLayout<K extends string> {
  readonly firstRow: number;
  private readonly index: ReadonlyMap<K, number>;

  constructor(
    readonly sheet: string,
    readonly top: number,
    readonly left: number,
    readonly columns: readonly K[],
    readonly rowCount: number,
  ) {
    this.firstRow = top + 1;
    this.index = new Map(columns.map((key, i) => [key, i]));
  }

  /** The row after the data rows (where a total row goes). */
  get totalRow(): number {
    return this.firstRow + this.rowCount;
  }

  has(key: K): boolean {
    return this.index.has(key);
  }

  col(key: K): number {
    const index = this.index.get(key);
    if (index === undefined) throw new Error(`table on sheet '${this.sheet}' has no column '${key}'`);
    return this.left + index;
  }

  /** The cell of data row i (0-based) in a column. */
  cell(i: number, key: K): Pos {
    return { sheet: this.sheet, row: this.firstRow + i, col: this.col(key) };
  }

  /** The A1 address of data row i in a column, for formulas on the table's own sheet ("C7"). */
  address(i: number, key: K): string {
    return a1(this.firstRow + i, this.col(key));
  }

  /** The A1 range of a column's data rows, for formulas on the table's own sheet ("C7:C13"). */
  columnAddress(key: K): string {
    if (this.rowCount === 0)
      throw new Error(`table on sheet '${this.sheet}' has no rows: column '${key}' has no range to refer to`);
    return a1Range(this.firstRow, this.col(key), this.rowCount, 1);
  }

  totalCell(key: K): Pos {
    return { sheet: this.sheet, row: this.totalRow, col: this.col(key) };
  }

  /** The data rows of a column. */
  column(key: K): RangeRef {
    return { sheet: this.sheet, row: this.firstRow, col: this.col(key), rows: this.rowCount, cols: 1 };
  }

  /** One row of cells in column order, from cells given by column key (missing keys stay empty). */
  row(cells: Partial<Record<K, PlanCell | null>>): (PlanCell | null)[] {
    return this.columns.map((key) => cells[key] ?? null);
  }

  /** The Excel table over the header and data rows. */
  tablePlan(name: string): TablePlan {
    return { name, row: this.top, col: this.left, rows: this.rowCount + 1, cols: this.columns.length };
  }
}
