/**
 * Recognises budget monitoring summaries in a sheet's used range: the header (found even below title
 * rows, across two or three header rows, with a units row under it), the line-label column, the columns
 * by header synonyms, the units, the period and financial year, each cost line with its placement
 * category, and subtotal and total rows (kept apart from the lines and reconciled against them).
 *
 * Layout rules, stated once:
 * - A header block is the last one to three rows of text directly above the first row of amounts
 *   (up to two blank rows between). Rows holding text only in the block's first column are titles,
 *   not headers. Text of a merged header cell sits in its top-left cell only, so each column's header
 *   is its cells in the block read top to bottom ("Forecast" over "21/22" = "Forecast 21/22").
 * - A table runs from its header to the next header block or to a note row ("Source: ...", "Note",
 *   "* ..."); rows with a label but no amounts (group headings, spacer text) and blank rows are skipped.
 * - A table must have an actual-to-date and a forecast outturn column (the two figures the Spend
 *   sheet shows) and a column of labels. A table on the same sheet that has only other measures
 *   (the published strategy's "Average Costs" under its spend table) adds them to the main table's lines of the
 *   same label.
 * - Money columns take the units their own header states, else the table's (from any header cell,
 *   the title rows or the sheet name), else £. Numbers of placements are never scaled; average
 *   weekly costs are scaled only when their own header says £000.
 * - A row whose label says total is a total, or a subtotal when more rows of the table follow it. A row with
 *   amounts and no label is a total or subtotal when it matches the lines above it. Totals are checked
 *   against their lines to within half a unit per line (the rounding of typed figures).
 * - Tables side by side, parted by a column blank from top to bottom, are read as tables of their own
 *   when each part holds a whole table; otherwise the columns are read as one table.
 *
 * This file finds the tables of a sheet (upright, side by side or turned on their side); the modules of
 * ./budget read them: sheet (the sheet and the shapes found in it), headers (header blocks), shape (measures,
 * label and ledger description columns), months (monthly profiles), read (lines and totals), unitsPeriod,
 * supplementary (a table of other measures joined on) and messages (when nothing can be read).
 */
import type { PlacementCategory } from "../core/categories";
import type { LineOutcome } from "./lineClassifier";
import type { Question } from "./questions";
import { LacError } from "../core/errors";
import type { Diagnostic } from "../core/diagnostics";
import {
  describeCell,
  forEachFilledRow,
  gridWidth,
  isFilled,
  type Cell,
  type CellRef,
  type SheetGrid,
  type SourceCell,
} from "../core/grid";
import type { Units } from "./numbers";
import type { ColumnMapping, RecogniseOptions } from "./recognise";
import type { BudgetMeasure, MonthBand, RowKind } from "./vocabulary";
import { minOf } from "../core/arrays";
import {
  type Table,
  Sheet,
  type TurnedGrid,
  type TitleText,
  type TableOptions,
  isComplete,
  range,
} from "./budget/sheet";
import { findHeaderBlocks, blockAboveMappedColumns, mappedBlock } from "./budget/headers";
import { readTableShape } from "./budget/shape";
import { readTable } from "./budget/read";
import { addSupplementaryTable } from "./budget/supplementary";
import { nothingFound, missingColumns } from "./budget/messages";

export type { BudgetMeasure, RowKind } from "./vocabulary";
export { categoryOverrideKey, lineChoiceMessage } from "./budget/read";

/** An amount and the user's cell it came from (a formula may reference it, times `multiplier`, when `cellIsNumber`). */
export interface SourcedAmount extends SourceCell {
  /** In £ after the units (or a count, for placements). */
  value: number;
  /** What the cell's figure was multiplied by: 1000 for a £000 column, 1 otherwise. */
  multiplier: 1 | 1000;
  /**
   * When the figure is the sum of several of the user's cells (the actual months of a monthly profile),
   * those cells, in sheet order; `ref` is the first. A formula sums them when every one holds a number.
   */
  parts?: SourceCell[];
}

/** What the user chose a line to be: a category, or not a placement cost. */
export type LineChoice = PlacementCategory | "excluded";

export interface BudgetLine {
  /** The label as the sheet writes it ("" for an unlabelled total); "cost centre / account" in a ledger export. */
  label: string;
  labelRef: CellRef;
  /** "unassigned" while the line needs a choice; meaningless for an excluded line. */
  category: PlacementCategory;
  /** A placement cost of a category, not a placement cost (excluded), or a line that needs a choice. */
  outcome: LineOutcome["kind"];
  /** The words that decided the outcome, or "chosen by the user". */
  decidedBy: string;
  kind: RowKind;
  values: Partial<Record<BudgetMeasure, SourcedAmount>>;
}

export interface BudgetColumn {
  /** Absolute 0-based column. */
  col: number;
  /** The header as read (multi-row headers joined with spaces). */
  header: string;
  multiplier: 1 | 1000;
}

export interface BudgetPeriod {
  /** 1 (April) to 12 (March). */
  period: number;
  /** Named by its starting year (2021 = 2021/22); null when the sheet does not say. */
  financialYear: number | null;
  /** Where the period was read, in words. */
  source: string;
}

export interface BudgetMonitoring {
  sheet: string;
  /** Absolute 0-based row of the first header row. */
  headerRow: number;
  /** Absolute 0-based column of the line labels. */
  labelCol: number;
  columns: Partial<Record<BudgetMeasure, BudgetColumn>>;
  units: Units;
  period: BudgetPeriod | null;
  /** Lines counted as placement costs (and those that need a choice), in sheet order; subtotals and totals apart. */
  lines: BudgetLine[];
  /** Lines that are not placement costs: left out of the placement totals, shown on the Spend sheet. */
  excluded: BudgetLine[];
  /** The second description column of a ledger export (absolute), read with the label column. */
  detailCol: number | null;
  /** For a monthly profile: the month columns (absolute) and the band each was read in. */
  months: { col: number; period: number; band: MonthBand | null }[] | null;
  /** What the add-in is unsure of: shown before the figures. */
  questions: Question[];
  /**
   * True for a table turned on its side (categories across the columns, measures down the rows): then
   * `headerRow` is the column of measure names, and `labelCol` and `columns` are rows (all 0-based).
   */
  turned: boolean;
  /** Subtotal and total rows, in sheet order. */
  totals: BudgetLine[];
  warnings: Diagnostic[];
}

/**
 * Every budget monitoring table on a sheet (usually one). Throws LacError("value") saying what was
 * found and what is missing when the sheet holds no table with labels, actual to date and forecast.
 */
export function recogniseBudgetMonitoring(grid: SheetGrid, options: RecogniseOptions = {}): BudgetMonitoring[] {
  let read: BudgetMonitoring[] | null = null;
  let failure: LacError | null = null;
  try {
    read = recogniseUpright(grid, options);
  } catch (error) {
    if (!(error instanceof LacError)) throw error;
    failure = error;
  }
  if (read?.some((budget) => budget.lines.some((line) => line.outcome === "placement"))) return read;
  // Categories across the columns and measures down the rows: read the table turned on its side.
  const across = options.columnMappings?.[grid.name] ? null : tablesOrNull(transposed(grid), options);
  if (across?.some((budget) => budget.lines.filter((line) => line.outcome === "placement").length >= 2)) return across;
  if (read) return read;
  // read is null only when recogniseUpright threw, so failure holds what it threw.
  throw failure as LacError;
}

function recogniseUpright(grid: SheetGrid, options: RecogniseOptions): BudgetMonitoring[] {
  if (!pinsOneTable(options.columnMappings?.[grid.name])) {
    const sideBySide = recogniseSideBySide(grid, options);
    if (sideBySide !== null) return sideBySide;
  }
  return recogniseTables(grid, options);
}

/** Tables turned on their side are summaries: a larger grid is not tried that way. */
const MAX_TURNED_CELLS = 40_000;

function transposed(grid: SheetGrid): TurnedGrid {
  let width = 0;
  for (const row of grid.cells) if (row && row.length > width) width = row.length;
  if (width * grid.cells.length > MAX_TURNED_CELLS)
    return { name: grid.name, origin: grid.origin, cells: [], turned: true };
  const cells: Cell[][] = [];
  for (let col = 0; col < width; col += 1) cells.push(Array.from(grid.cells, (row) => row?.[col]));
  return { name: grid.name, origin: grid.origin, cells, turned: true };
}

/** A mapping that chooses a header row, label column or measure column is for one table; units alone are for every table. */
function pinsOneTable(mapping: ColumnMapping | undefined): boolean {
  return (
    mapping !== undefined &&
    (mapping.headerRow !== undefined || mapping.labelCol !== undefined || Object.keys(mapping.columns ?? {}).length > 0)
  );
}

function recogniseTables(grid: SheetGrid, options: TableOptions): BudgetMonitoring[] {
  const sheet = new Sheet(grid);
  const mapping = options.columnMappings?.[grid.name];
  const found =
    mapping?.headerRow !== undefined
      ? [mappedBlock(sheet, mapping.headerRow - grid.origin.row)]
      : findHeaderBlocks(sheet);
  const blocks = found.length > 0 ? found : blockAboveMappedColumns(sheet, mapping);
  if (blocks.length === 0) throw new LacError("value", nothingFound(sheet));

  const tables = blocks.map((block, index) =>
    readTableShape(sheet, block, blocks[index + 1]?.top ?? sheet.rows.length, options),
  );
  const complete = tables.filter(isComplete);
  if (complete.length === 0) throw new LacError("value", missingColumns(sheet, tables));

  const read = new Map<Table, BudgetMonitoring>();
  let previousLast = -1;
  tables.forEach((table, index) => {
    // A table's titles are the rows between the previous table's last figures and its header, then the sheet's own title rows.
    const titleRows = [
      ...range(previousLast + 1, table.block.top - 1),
      ...(index > 0 ? range(0, tables[0].block.top - 1) : []),
    ];
    if (isComplete(table)) read.set(table, readTable(sheet, table, titleRows, options));
    previousLast = table.lastDataRow;
  });
  let main = read.get(complete[0]) as BudgetMonitoring;
  for (const table of tables) {
    const own = read.get(table);
    if (own) main = own;
    else addSupplementaryTable(sheet, table, main, options);
  }
  return complete.map((table) => read.get(table) as BudgetMonitoring);
}

// ---------------------------------------------------------------------------------------------------
// Tables side by side

/**
 * Grid columns blank in every row, strictly inside the used range: where side-by-side tables part. Only
 * the first of a run of blank columns: the others part the sheet the same way, and trying each of the
 * 16,000 blank columns between A1 and XFD1048576 would never end.
 */
function blankColumns(grid: SheetGrid): number[] {
  const width = gridWidth(grid);
  const filled = new Uint8Array(width);
  forEachFilledRow(grid, (row) => {
    row.forEach((cell, col) => {
      if (isFilled(cell)) filled[col] = 1;
    });
  });
  const blank: number[] = [];
  for (let col = 1; col < width - 1; col += 1) if (filled[col] === 0 && filled[col - 1] === 1) blank.push(col);
  return blank;
}

/** Columns [from, to) of a grid as a grid of their own, keeping absolute positions (so references stay right). */
function columnSlice(grid: SheetGrid, from: number, to: number): SheetGrid {
  // Built row by row from the rows present, so a sparse grid's slice stays sparse and costs its rows.
  const cells: SheetGrid["cells"] = [];
  forEachFilledRow(grid, (row, r) => {
    cells[r] = row.slice(from, to);
  });
  cells.length = grid.cells.length;
  return {
    name: grid.name,
    origin: { row: grid.origin.row, col: grid.origin.col + from },
    cells,
    ...(grid.formulas ? { formulas: grid.formulas.map((row) => row?.slice(from, to)) } : {}),
  };
}

function tablesOrNull(grid: SheetGrid, options: TableOptions): BudgetMonitoring[] | null {
  try {
    return recogniseTables(grid, options);
  } catch (error) {
    if (error instanceof LacError) return null;
    throw error;
  }
}

/**
 * Tables standing side by side, parted by a column blank from top to bottom, each read on its own: null
 * when the sheet has no such column or no two parts each hold a whole table (label, actual to date and
 * forecast). A blank spacer column inside one table (between "Actual" and "Forecast") parts nothing,
 * since neither side is a whole table. Each part is given the titles above the others' headers, so
 * "P10 2021/22 £000" over one table speaks for its neighbours too.
 */
function recogniseSideBySide(grid: SheetGrid, options: RecogniseOptions): BudgetMonitoring[] | null {
  const blanks = blankColumns(grid);
  if (blanks.length === 0) return null;
  const width = gridWidth(grid);
  const starts = [0];
  for (const blank of blanks) {
    const start = starts[starts.length - 1];
    if (
      tablesOrNull(columnSlice(grid, start, blank), options) === null ||
      tablesOrNull(columnSlice(grid, blank + 1, width), options) === null
    )
      continue;
    starts.push(blank + 1);
  }
  if (starts.length === 1) return null;
  const parts = starts.map((from, i) => ({ from, to: (starts[i + 1] ?? width + 1) - 1 }));
  return parts.flatMap(({ from, to }) => {
    const slice = columnSlice(grid, from, to);
    const firstHeaderRow = minOf(
      recogniseTables(slice, options).map((table) => table.headerRow - grid.origin.row),
      Infinity,
    );
    const neighbourTitles: TitleText[] = [];
    for (let row = 0; row < firstHeaderRow; row += 1) {
      (grid.cells[row] ?? []).forEach((cell, col) => {
        const text = typeof cell === "string" ? cell.trim() : "";
        if (text === "" || (col >= from && col < to)) return;
        neighbourTitles.push({
          text,
          where: `title '${text}' (${describeCell({ sheet: grid.name, row: row + grid.origin.row, col: col + grid.origin.col })})`,
        });
      });
    }
    return recogniseTables(slice, { ...options, neighbourTitles });
  });
}
