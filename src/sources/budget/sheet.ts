/**
 * A sheet under recognition and the shapes found in it (header columns, blocks, tables), shared by the
 * modules that read budget monitoring tables.
 */
import {
  cellText,
  columnLetter,
  describeCell,
  forEachFilledRow,
  isFilled,
  type Cell,
  type CellRef,
  type SheetGrid,
} from "../../core/grid";
import { parseAmount, type Units } from "../numbers";
import type { RecogniseOptions } from "../recognise";
import { BUDGET_MEASURES, type BudgetMeasure, type MonthBand } from "../vocabulary";

export const MAX_HEADER_ROWS = 3;
export const MAX_BLANKS_UNDER_HEADER = 2;
export const SAMPLE_ROWS = 30;
/** Rows read to choose the label column: enough to see a table's kind of labels, few enough for big sheets. */
export const LABEL_SAMPLE_ROWS = 200;
/** A label that names a placement type outweighs any number of other texts; a label header outweighs the sample's texts. */
export const CATEGORY_SCORE = 1000;
export const LABEL_HEADER_SCORE = 500;
/** Measures that do not add up down a table, so totals are not checked for them. */
export const NOT_ADDITIVE: ReadonlySet<BudgetMeasure> = new Set<BudgetMeasure>(["averageWeeklyCost"]);

interface RowFacts {
  /** Grid columns of non-empty cells. */
  filled: number[];
  amountCols: Set<number>;
}

export interface HeaderColumn {
  col: number; // grid-relative
  header: string;
  headerRow: number; // grid-relative row of the header's first cell
  measure: BudgetMeasure | null;
  units: Omit<Units, "source"> | "millions" | null;
  /** A figure summed over these columns (a monthly profile's months) rather than read from `col`. */
  sumOf?: number[];
}

/** A month column of a monthly profile (grid-relative). */
export interface MonthColumn {
  col: number;
  period: number;
  /** From the header's own words or the band heading over it; null when neither says. */
  band: MonthBand | null;
}

export interface HeaderBlock {
  top: number;
  bottom: number;
  firstDataRow: number;
  columns: HeaderColumn[];
}

export interface Table {
  block: HeaderBlock;
  end: number;
  /** The table's last row holding amounts. */
  lastDataRow: number;
  measures: Partial<Record<BudgetMeasure, HeaderColumn>>;
  labelCol: number | null;
  /** A second description column (a ledger export's account name), read with the label column. */
  detailCol: number | null;
  /** The month columns of a monthly profile, or null. */
  months: MonthColumn[] | null;
  extraColumns: HeaderColumn[];
  duplicates: string[];
}

/** A sheet under recognition: its cells and what is known about each row. */
export class Sheet {
  readonly rows: RowFacts[];

  constructor(readonly grid: SheetGrid) {
    // Every row has facts, a sparse grid's missing rows the shared blank ones, without visiting each of them.
    this.rows = new Array<RowFacts>(grid.cells.length).fill(BLANK_ROW);
    forEachFilledRow(grid, (cells, row) => {
      this.rows[row] = describeRow(cells);
    });
  }

  get name(): string {
    return this.grid.name;
  }

  cell(row: number, col: number): Cell {
    return this.grid.cells[row]?.[col];
  }

  ref(row: number, col: number): CellRef {
    if ((this.grid as TurnedGrid).turned)
      return { sheet: this.grid.name, row: col + this.grid.origin.row, col: row + this.grid.origin.col };
    return { sheet: this.grid.name, row: row + this.grid.origin.row, col: col + this.grid.origin.col };
  }

  where(row: number, col: number): string {
    return describeCell(this.ref(row, col));
  }

  /** "C" for a grid column, as the user sees it ("row 7" in a table turned on its side). */
  columnName(col: number): string {
    if ((this.grid as TurnedGrid).turned) return `row ${col + this.grid.origin.row + 1}`;
    return columnLetter(col + this.grid.origin.col);
  }

  isTexty(row: number): boolean {
    const facts = this.rows[row];
    return facts.filled.length > 0 && facts.amountCols.size === 0;
  }

  isBlank(row: number): boolean {
    return this.rows[row].filled.length === 0;
  }

  text(row: number, col: number): string {
    return cellText(this.cell(row, col));
  }
}

/** Shared by every missing row of a sparse grid, so that a sheet with far-apart cells costs nothing. */
const BLANK_ROW: RowFacts = { filled: [], amountCols: new Set() };

function describeRow(cells: Cell[] | undefined): RowFacts {
  const filled: number[] = [];
  const amountCols = new Set<number>();
  if (!cells) return { filled, amountCols };
  for (let col = 0; col < cells.length; col += 1) {
    const cell = cells[col];
    if (!isFilled(cell)) continue;
    filled.push(col);
    if (parseAmount(cell) !== null) amountCols.add(col);
  }
  return { filled, amountCols };
}

/** A grid turned on its side (rows become columns), remembering it, so that references point at the user's real cells. */
export interface TurnedGrid extends SheetGrid {
  turned?: true;
}

/** A text that may state the units, period or year, and where it is, in words. */
export interface TitleText {
  text: string;
  where: string;
}

/**
 * Options inside the budget monitoring reader. A table standing beside others is read on its own columns, and is also
 * given the titles above its neighbours (read after its own), since a sheet's title may stand over any
 * of them.
 */
export type TableOptions = RecogniseOptions & { neighbourTitles?: TitleText[] };

export function isComplete(table: Table): table is Table & { labelCol: number } {
  return (
    table.labelCol !== null && table.measures.actualToDate !== undefined && table.measures.forecastOutturn !== undefined
  );
}

export function range(from: number, to: number): number[] {
  const rows: number[] = [];
  for (let row = from; row <= to; row += 1) rows.push(row);
  return rows;
}

export function measureEntries<T>(record: Partial<Record<BudgetMeasure, T>>): [BudgetMeasure, T][] {
  return BUDGET_MEASURES.filter((m) => record[m] !== undefined).map((m) => [m, record[m] as T]);
}
