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
 */
import type { PlacementCategory } from "../core/categories";
import { classifyLine, type LineOutcome } from "./lineClassifier";
import type { Question, QuestionLine } from "./questions";
import { LacError } from "../core/errors";
import type { Diagnostic } from "../core/diagnostics";
import { a1, cellText, columnLetter, describeCell, forEachFilledRow, gridWidth, isFilled, type Cell, type CellRef, type SheetGrid, type SourceCell } from "../core/grid";
import { POUNDS, THOUSANDS, parseAmount, unitsInText, type Units } from "./numbers";
import type { ColumnMapping, RecogniseOptions } from "./recognise";
import {
  BUDGET_MEASURES,
  COUNT_MEASURES,
  MEASURE_NAMES,
  categoriseLabel,
  classifyHeader,
  financialYearInText,
  headerPreference,
  isLabelHeader,
  isNoteLabel,
  bandOfText,
  monthOfHeader,
  normaliseWords,
  periodInText,
  totalKind,
  type BudgetMeasure,
  type MonthBand,
  type RowKind,
} from "./vocabulary";
import { minOf } from "../core/arrays";

export type { BudgetMeasure, RowKind } from "./vocabulary";

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

/** The key of RecogniseOptions.categoryOverrides for a line: "P10 Summary!14" (the row as Excel numbers it). */
export function categoryOverrideKey(sheet: string, absoluteRow: number): string {
  return `${sheet}!${absoluteRow + 1}`;
}

const MAX_HEADER_ROWS = 3;
const MAX_BLANKS_UNDER_HEADER = 2;
const SAMPLE_ROWS = 30;
/** Rows read to choose the label column: enough to see a table's kind of labels, few enough for big sheets. */
const LABEL_SAMPLE_ROWS = 200;
/** A label that names a placement type outweighs any number of other texts; a label header outweighs the sample's texts. */
const CATEGORY_SCORE = 1000;
const LABEL_HEADER_SCORE = 500;
/** Measures that do not add up down a table, so totals are not checked for them. */
const NOT_ADDITIVE: ReadonlySet<BudgetMeasure> = new Set<BudgetMeasure>(["averageWeeklyCost"]);

interface RowFacts {
  /** Grid columns of non-empty cells. */
  filled: number[];
  amountCols: Set<number>;
}

interface HeaderColumn {
  col: number; // grid-relative
  header: string;
  headerRow: number; // grid-relative row of the header's first cell
  measure: BudgetMeasure | null;
  units: Omit<Units, "source"> | "millions" | null;
  /** A figure summed over these columns (a monthly profile's months) rather than read from `col`. */
  sumOf?: number[];
}

/** A month column of a monthly profile (grid-relative). */
interface MonthColumn {
  col: number;
  period: number;
  /** From the header's own words or the band heading over it; null when neither says. */
  band: MonthBand | null;
}

interface HeaderBlock {
  top: number;
  bottom: number;
  firstDataRow: number;
  columns: HeaderColumn[];
}

interface Table {
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
class Sheet {
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
    if ((this.grid as TurnedGrid).turned) return { sheet: this.grid.name, row: col + this.grid.origin.row, col: row + this.grid.origin.col };
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
  throw failure;
}

function recogniseUpright(grid: SheetGrid, options: RecogniseOptions): BudgetMonitoring[] {
  if (!pinsOneTable(options.columnMappings?.[grid.name])) {
    const sideBySide = recogniseSideBySide(grid, options);
    if (sideBySide !== null) return sideBySide;
  }
  return recogniseTables(grid, options);
}

/** A grid turned on its side (rows become columns), remembering it, so that references point at the user's real cells. */
interface TurnedGrid extends SheetGrid {
  turned?: true;
}

/** Tables turned on their side are summaries: a larger grid is not tried that way. */
const MAX_TURNED_CELLS = 40_000;

function transposed(grid: SheetGrid): TurnedGrid {
  let width = 0;
  for (const row of grid.cells) if (row && row.length > width) width = row.length;
  if (width * grid.cells.length > MAX_TURNED_CELLS) return { name: grid.name, origin: grid.origin, cells: [], turned: true };
  const cells: Cell[][] = [];
  for (let col = 0; col < width; col += 1) cells.push(Array.from(grid.cells, (row) => row?.[col]));
  return { name: grid.name, origin: grid.origin, cells, turned: true };
}

/** A text that may state the units, period or year, and where it is, in words. */
interface TitleText {
  text: string;
  where: string;
}

/** A mapping that chooses a header row, label column or measure column is for one table; units alone are for every table. */
function pinsOneTable(mapping: ColumnMapping | undefined): boolean {
  return mapping !== undefined && (mapping.headerRow !== undefined || mapping.labelCol !== undefined || Object.keys(mapping.columns ?? {}).length > 0);
}

/**
 * Options inside this file. A table standing beside others is read on its own columns, and is also
 * given the titles above its neighbours (read after its own), since a sheet's title may stand over any
 * of them.
 */
type TableOptions = RecogniseOptions & { neighbourTitles?: TitleText[] };

function recogniseTables(grid: SheetGrid, options: TableOptions): BudgetMonitoring[] {
  const sheet = new Sheet(grid);
  const mapping = options.columnMappings?.[grid.name];
  const found = mapping?.headerRow !== undefined ? [mappedBlock(sheet, mapping.headerRow - grid.origin.row)] : findHeaderBlocks(sheet);
  const blocks = found.length > 0 ? found : blockAboveMappedColumns(sheet, mapping);
  if (blocks.length === 0) throw new LacError("value", nothingFound(sheet));

  const tables = blocks.map((block, index) => readTableShape(sheet, block, blocks[index + 1]?.top ?? sheet.rows.length, options));
  const complete = tables.filter(isComplete);
  if (complete.length === 0) throw new LacError("value", missingColumns(sheet, tables));

  const read = new Map<Table, BudgetMonitoring>();
  let previousLast = -1;
  tables.forEach((table, index) => {
    // A table's titles are the rows between the previous table's last figures and its header, then the sheet's own title rows.
    const titleRows = [...range(previousLast + 1, table.block.top - 1), ...(index > 0 ? range(0, tables[0].block.top - 1) : [])];
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
    if (tablesOrNull(columnSlice(grid, start, blank), options) === null || tablesOrNull(columnSlice(grid, blank + 1, width), options) === null) continue;
    starts.push(blank + 1);
  }
  if (starts.length === 1) return null;
  const parts = starts.map((from, i) => ({ from, to: (starts[i + 1] ?? width + 1) - 1 }));
  return parts.flatMap(({ from, to }) => {
    const slice = columnSlice(grid, from, to);
    const firstHeaderRow = minOf(recogniseTables(slice, options).map((table) => table.headerRow - grid.origin.row), Infinity);
    const neighbourTitles: TitleText[] = [];
    for (let row = 0; row < firstHeaderRow; row += 1) {
      (grid.cells[row] ?? []).forEach((cell, col) => {
        const text = typeof cell === "string" ? cell.trim() : "";
        if (text === "" || (col >= from && col < to)) return;
        neighbourTitles.push({ text, where: `title '${text}' (${describeCell({ sheet: grid.name, row: row + grid.origin.row, col: col + grid.origin.col })})` });
      });
    }
    return recogniseTables(slice, { ...options, neighbourTitles });
  });
}

function isComplete(table: Table): table is Table & { labelCol: number } {
  return table.labelCol !== null && table.measures.actualToDate !== undefined && table.measures.forecastOutturn !== undefined;
}

// ---------------------------------------------------------------------------------------------------
// Finding header blocks

function findHeaderBlocks(sheet: Sheet): HeaderBlock[] {
  const blocks: HeaderBlock[] = [];
  const count = sheet.rows.length;
  let row = 0;
  while (row < count) {
    if (!sheet.isTexty(row)) {
      row += 1;
      continue;
    }
    let last = row;
    while (last + 1 < count && sheet.isTexty(last + 1)) last += 1;
    let data = last + 1;
    while (data < count && data - last - 1 < MAX_BLANKS_UNDER_HEADER && sheet.isBlank(data)) data += 1;
    if (data < count && sheet.rows[data].amountCols.size > 0) {
      const block = evaluateBlock(sheet, Math.max(row, last - MAX_HEADER_ROWS + 1), last, data);
      if (block) blocks.push(block);
    }
    row = last + 1;
  }
  return blocks;
}

/** Drops rows at the top of a block that hold text only in its first column: titles, not headers. */
function trimTitles(sheet: Sheet, top: number, bottom: number): number {
  let first = top;
  while (first < bottom) {
    const leftmost = minOf(range(first, bottom).map((row) => sheet.rows[row].filled[0] ?? Infinity), Infinity);
    if (!sheet.rows[first].filled.every((col) => col === leftmost)) break;
    first += 1;
  }
  return first;
}

function range(from: number, to: number): number[] {
  const rows: number[] = [];
  for (let row = from; row <= to; row += 1) rows.push(row);
  return rows;
}

function headerColumns(sheet: Sheet, top: number, bottom: number): HeaderColumn[] {
  const byCol = new Map<number, { parts: string[]; headerRow: number }>();
  for (let row = top; row <= bottom; row += 1) {
    for (const col of sheet.rows[row].filled) {
      const text = headerText(sheet.cell(row, col));
      if (text === "") continue;
      const entry = byCol.get(col) ?? { parts: [], headerRow: row };
      entry.parts.push(text);
      byCol.set(col, entry);
    }
  }
  return [...byCol.entries()]
    .sort(([a], [b]) => a - b)
    .map(([col, { parts, headerRow }]) => {
      const header = parts.join(" ").replace(/\s+/g, " ");
      return { col, header, headerRow, measure: classifyHeader(header), units: unitsInText(header) };
    });
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A header cell as text: a date (a month column headed by a real date) reads "Apr 2024". */
function headerText(cell: Cell): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : `${MONTH_NAMES[cell.getUTCMonth()]} ${cell.getUTCFullYear()}`;
  return cellText(cell);
}

function hasAmountsBelow(sheet: Sheet, col: number, firstDataRow: number, end: number): boolean {
  for (let row = firstDataRow; row < Math.min(end, firstDataRow + SAMPLE_ROWS); row += 1) {
    if (sheet.rows[row].amountCols.has(col)) return true;
  }
  return false;
}

/**
 * The block's columns, or null when no column that names a measure has amounts under it. A table
 * naming one measure only in its title or label column ("Average Costs" over a single "£" column)
 * gives that measure to its one column of amounts.
 */
function evaluateBlock(sheet: Sheet, runTop: number, bottom: number, firstDataRow: number): HeaderBlock | null {
  const top = trimTitles(sheet, runTop, bottom);
  const columns = headerColumns(sheet, top, bottom);
  const end = sheet.rows.length;
  if (columns.some((c) => c.measure !== null && hasAmountsBelow(sheet, c.col, firstDataRow, end))) {
    return { top, bottom, firstDataRow, columns };
  }
  const named = headerColumns(sheet, runTop, bottom).filter((c) => c.measure !== null);
  const unnamedAmounts = columns.filter((c) => c.measure === null && hasAmountsBelow(sheet, c.col, firstDataRow, end));
  if (named.length !== 1 || unnamedAmounts.length !== 1) return null;
  const [title] = named;
  const [amounts] = unnamedAmounts;
  const merged = { ...amounts, header: `${title.header} ${amounts.header}`, measure: title.measure };
  return { top: runTop, bottom, firstDataRow, columns: columns.map((c) => (c === amounts ? merged : c)) };
}

/**
 * When no header is found but the user chose columns: the row above the first amount in those columns
 * is taken as the header row.
 */
function blockAboveMappedColumns(sheet: Sheet, mapping: ColumnMapping | undefined): HeaderBlock[] {
  const cols = Object.values(mapping?.columns ?? {})
    .filter((col): col is number => typeof col === "number")
    .map((col) => col - sheet.grid.origin.col);
  const first = sheet.rows.findIndex((facts) => cols.some((col) => facts.amountCols.has(col)));
  if (first < 0) return [];
  const top = Math.max(0, first - 1);
  return [{ top, bottom: top, firstDataRow: first, columns: first > 0 ? headerColumns(sheet, top, top) : [] }];
}

function mappedBlock(sheet: Sheet, headerRow: number): HeaderBlock {
  if (headerRow < 0 || headerRow >= sheet.rows.length) {
    throw new LacError(
      "value",
      `the chosen header row ${headerRow + sheet.grid.origin.row + 1} is outside the used range of sheet '${sheet.name}' (rows ${sheet.grid.origin.row + 1}-${sheet.grid.origin.row + sheet.rows.length})`,
    );
  }
  return { top: headerRow, bottom: headerRow, firstDataRow: headerRow + 1, columns: headerColumns(sheet, headerRow, headerRow) };
}

// ---------------------------------------------------------------------------------------------------
// The shape of a table: its measures, label column and extent

function readTableShape(sheet: Sheet, block: HeaderBlock, nextTop: number, options: RecogniseOptions): Table {
  const mapping = options.columnMappings?.[sheet.name];
  const origin = sheet.grid.origin;
  const end = tableEnd(sheet, block.firstDataRow, nextTop);
  const measures: Partial<Record<BudgetMeasure, HeaderColumn>> = {};
  const duplicates: string[] = [];
  const extraColumns: HeaderColumn[] = [];
  const months = monthColumns(sheet, block, end);
  const monthCols = new Set(months?.map((m) => m.col) ?? []);

  for (const column of block.columns) {
    if (monthCols.has(column.col) || !hasAmountsBelow(sheet, column.col, block.firstDataRow, end)) continue;
    if (column.measure === null) {
      extraColumns.push(column);
      continue;
    }
    const current = measures[column.measure];
    if (!current) {
      measures[column.measure] = column;
    } else {
      const better = headerPreference(column.header) > headerPreference(current.header) ? column : current;
      const other = better === column ? current : column;
      measures[column.measure] = better;
      duplicates.push(
        `two columns read as ${MEASURE_NAMES[column.measure]}: '${better.header}' (column ${sheet.columnName(better.col)}) is used, '${other.header}' (column ${sheet.columnName(other.col)}) is not; choose another in the column mapping`,
      );
    }
  }

  if (months) addMonthMeasures(block, months, measures);

  for (const [measure, absoluteCol] of Object.entries(mapping?.columns ?? {}) as [BudgetMeasure, number | null][]) {
    delete measures[measure];
    if (absoluteCol === null) continue;
    const col = absoluteCol - origin.col;
    for (const other of BUDGET_MEASURES) if (measures[other]?.col === col) delete measures[other];
    const header = block.columns.find((c) => c.col === col);
    measures[measure] = {
      col,
      header: header?.header ?? `column ${columnLetter(absoluteCol)}`,
      headerRow: block.top,
      measure,
      units: header?.units ?? null,
    };
  }

  const measureCols = new Set([...Object.values(measures).map((c) => c.col), ...monthCols]);
  const chosenLabel = mapping?.labelCol !== undefined ? mapping.labelCol - origin.col : chooseLabelColumn(sheet, block, end, measureCols);
  const descriptions = chosenLabel === null || mapping?.labelCol !== undefined ? null : descriptionPair(sheet, block, end, measureCols, chosenLabel);
  const labelCol = descriptions?.primary ?? chosenLabel;
  const detailCol = descriptions?.detail ?? null;
  let lastDataRow = end - 1;
  while (lastDataRow > block.firstDataRow && sheet.rows[lastDataRow].amountCols.size === 0) lastDataRow -= 1;
  return {
    block,
    end,
    lastDataRow,
    measures,
    labelCol,
    detailCol,
    months,
    extraColumns: extraColumns.filter((c) => !measureCols.has(c.col) && c.col !== labelCol && c.col !== detailCol),
    duplicates,
  };
}

// ---------------------------------------------------------------------------------------------------
// Monthly profiles

/** Fewer distinct months than this and the columns are not a monthly profile. */
const MIN_MONTHS = 3;

/**
 * The month columns of a monthly profile (Apr..Mar, "Apr-24", "P1".."P12", "Month 1"..), each with the
 * band it sits in: the header's own word ("Actual Apr", "Fcst Feb"), else the band heading over it (a
 * merged "Actual" or "Forecast" cell, whose text sits in its top-left cell: the nearest heading to the
 * left in the rows above). Null when the table has fewer than three months with amounts under them.
 */
function monthColumns(sheet: Sheet, block: HeaderBlock, end: number): MonthColumn[] | null {
  const found: MonthColumn[] = [];
  for (const column of block.columns) {
    const month = monthOfHeader(column.header);
    if (!month || !hasAmountsBelow(sheet, column.col, block.firstDataRow, end)) continue;
    found.push({ col: column.col, period: month.period, band: month.band });
  }
  if (new Set(found.map((m) => m.period)).size < MIN_MONTHS) return null;
  const firstCol = found[0].col;
  for (const month of found) {
    if (month.band !== null) continue;
    for (let row = block.top; row <= block.bottom && month.band === null; row += 1) {
      for (let col = month.col; col >= firstCol; col -= 1) {
        const text = sheet.text(row, col);
        if (text === "") continue;
        month.band = bandOfText(text);
        break;
      }
    }
  }
  return found;
}

/**
 * Actual to date and forecast outturn of a monthly profile: sums over its months, resolved once the
 * period is known (readTable), unless the table has its own outturn column, which is read as it is.
 */
function addMonthMeasures(block: HeaderBlock, months: MonthColumn[], measures: Partial<Record<BudgetMeasure, HeaderColumn>>): void {
  const first = months[0];
  const headerRow = block.top;
  measures.actualToDate = { col: first.col, header: "actual months (sum)", headerRow, measure: "actualToDate", units: null, sumOf: [] };
  if (!measures.forecastOutturn) {
    measures.forecastOutturn = { col: first.col, header: "actual and forecast months (sum)", headerRow, measure: "forecastOutturn", units: null, sumOf: months.map((m) => m.col) };
  }
  // A month's own "Actual"/"Forecast" word must not make it a column of its own (it is a month).
  for (const measure of ["commitments", "variance", "movement"] as const) {
    if (measures[measure] && months.some((m) => m.col === measures[measure]?.col)) delete measures[measure];
  }
}

/** The months read as actual: the "Actual" band's, else those up to the period. */
function actualMonths(months: MonthColumn[], period: number | null): MonthColumn[] {
  if (months.some((m) => m.band !== null)) return months.filter((m) => m.band === "actual");
  return period === null ? [] : months.filter((m) => m.period <= period);
}

// ---------------------------------------------------------------------------------------------------
// Ledger exports: two description columns

/** Header words of the more specific description of a ledger row (the account, or subjective). */
const DETAIL_HEADER = /\b(account|subjective|expense|expenditure type|detail|nominal|gl|line item)\b/;
/** Header words of the wider description (the cost centre, or objective). */
const WIDER_HEADER = /\b(cost cent(re|er)|objective|service|department|budget holder|cc)\b/;

/** A code ("C3100", "5301", "R12-A"): not a description. */
function isCodeText(text: string): boolean {
  return /^[a-z]{0,3}[\s-]?\d[\w.\/-]*$/i.test(text.trim());
}

/**
 * A ledger export's two description columns (cost centre name and account name): the label column
 * chosen and another text column with descriptions on most of the same rows. The account is the more
 * specific (its header says so, else it is the right-hand one). Null when the table has one.
 */
function descriptionPair(sheet: Sheet, block: HeaderBlock, end: number, measureCols: Set<number>, labelCol: number): { primary: number; detail: number } | null {
  const counts = new Map<number, number>();
  let labelled = 0;
  for (let row = block.firstDataRow; row < Math.min(end, block.firstDataRow + LABEL_SAMPLE_ROWS); row += 1) {
    const label = sheet.text(row, labelCol);
    if (label === "" || isCodeText(label) || sheet.rows[row].amountCols.size === 0) continue;
    labelled += 1;
    for (const col of sheet.rows[row].filled) {
      if (col === labelCol || measureCols.has(col) || sheet.rows[row].amountCols.has(col)) continue;
      const text = sheet.text(row, col);
      if (text !== "" && !isCodeText(text) && /[a-z]{3}/i.test(text)) counts.set(col, (counts.get(col) ?? 0) + 1);
    }
  }
  if (labelled === 0) return null;
  const header = (col: number) => normaliseWords(block.columns.find((c) => c.col === col)?.header ?? "");
  const other = [...counts.entries()].filter(([col, n]) => n >= labelled * 0.6 && (isLabelHeader(header(col)) || DETAIL_HEADER.test(header(col)) || WIDER_HEADER.test(header(col))));
  if (other.length === 0) return null;
  const [col] = other.reduce((a, b) => (b[1] > a[1] ? b : a));
  const [left, right] = col < labelCol ? [col, labelCol] : [labelCol, col];
  if (DETAIL_HEADER.test(header(left)) && !DETAIL_HEADER.test(header(right))) return { primary: right, detail: left };
  return { primary: left, detail: right };
}

/**
 * What a ledger row is, from its two descriptions: the account (the more specific) decides when it
 * names a placement type or a cost that is not a placement; otherwise the cost centre does.
 */
function classifyPair(wider: string, detail: string): LineOutcome {
  const byDetail = classifyLine(detail);
  if (detail !== "" && byDetail.kind !== "ask") return { ...byDetail, decidedBy: `${byDetail.decidedBy} in '${detail}'` };
  const byWider = classifyLine(wider);
  return wider === "" ? byDetail : { ...byWider, decidedBy: `${byWider.decidedBy} in '${wider}'` };
}

/** The row after the table's last row: the next header block, or the first note row. */
function tableEnd(sheet: Sheet, firstDataRow: number, nextTop: number): number {
  for (let row = firstDataRow; row < nextTop; row += 1) {
    const facts = sheet.rows[row];
    if (facts.amountCols.size > 0 || facts.filled.length === 0) continue;
    if (isNoteLabel(sheet.text(row, facts.filled[0]))) return row;
  }
  return nextTop;
}

/**
 * The column of line labels: the one whose text names the most placement types, then the one headed
 * like a label column ("Description", "Setting Type"), then the one with the most text, preferring
 * columns left of the first amount column (labels sit on the left). The table's first rows decide.
 */
function chooseLabelColumn(sheet: Sheet, block: HeaderBlock, end: number, measureCols: Set<number>): number | null {
  const scores = new Map<number, number>();
  for (let row = block.firstDataRow; row < Math.min(end, block.firstDataRow + LABEL_SAMPLE_ROWS); row += 1) {
    for (const col of sheet.rows[row].filled) {
      if (measureCols.has(col) || sheet.rows[row].amountCols.has(col)) continue;
      const text = sheet.text(row, col);
      if (text === "" || isCodeText(text)) continue;
      const score = categoriseLabel(text) !== null ? CATEGORY_SCORE : 1;
      scores.set(col, (scores.get(col) ?? 0) + score);
    }
  }
  if (scores.size === 0) return null;
  for (const column of block.columns) {
    const score = scores.get(column.col);
    if (score !== undefined && isLabelHeader(column.header)) scores.set(column.col, score + LABEL_HEADER_SCORE);
  }
  const firstMeasure = minOf(measureCols, Infinity);
  const left = [...scores.keys()].filter((col) => col < firstMeasure);
  const candidates = left.length > 0 ? left : [...scores.keys()];
  return candidates.reduce((best, col) => {
    const diff = (scores.get(col) ?? 0) - (scores.get(best) ?? 0);
    return diff > 0 || (diff === 0 && col < best) ? col : best;
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading a table

interface ReadRow {
  row: number;
  /** The label as shown: "cost centre / account" when the table has two description columns. */
  label: string;
  /** A ledger row's two descriptions, when the table has a detail column. */
  wider?: string;
  detail?: string;
  kind: RowKind | "unlabelled";
  values: Partial<Record<BudgetMeasure, SourcedAmount>>;
}

function readTable(sheet: Sheet, table: Table & { labelCol: number }, titleRows: number[], options: TableOptions): BudgetMonitoring {
  const warnings: Diagnostic[] = [];
  const questions: Question[] = [];
  const units = tableUnits(sheet, table, titleRows, options);
  const period = tablePeriod(sheet, table, titleRows, options, warnings, questions);
  if (table.months) resolveMonths(sheet, table, period, questions);
  const columns: Partial<Record<BudgetMeasure, BudgetColumn>> = {};
  const multipliers: Partial<Record<BudgetMeasure, 1 | 1000>> = {};
  for (const [measure, column] of measureEntries(table.measures)) {
    const multiplier = columnMultiplier(measure, column, units, options.columnMappings?.[sheet.name]?.units !== undefined);
    multipliers[measure] = multiplier;
    columns[measure] = { col: column.col + sheet.grid.origin.col, header: column.header, multiplier };
  }
  if (units.source.startsWith("assumed")) {
    questions.push({ kind: "units", sheet: sheet.name, message: `Are the figures on sheet '${sheet.name}' in £? It states no units, so £ was assumed (choose £000 if they are thousands).` });
  }

  for (const message of table.duplicates) {
    questions.push({ kind: "column", sheet: sheet.name, message: `${message} (sheet '${sheet.name}')`, where: sheet.where(table.block.top, table.labelCol) });
  }
  for (const extra of table.extraColumns) {
    warnings.push({
      severity: "info",
      message: `column ${sheet.columnName(extra.col)} '${extra.header}' on sheet '${sheet.name}' is not a budget measure the add-in reads; it was left out`,
      where: sheet.where(extra.headerRow, extra.col),
    });
  }

  const rows = readRows(sheet, table, multipliers, warnings);
  const { lines, totals } = classifyRows(sheet, table, rows, warnings);
  const overrides = options.categoryOverrides ?? {};
  const labelCategories = options.labelCategories ?? {};
  const seen = new Map<string, number>();

  const outcomeOf = (read: ReadRow): LineOutcome => {
    const choice = overrides[categoryOverrideKey(sheet.name, sheet.ref(read.row, table.labelCol).row)] ?? labelCategories[read.label];
    return choice !== undefined ? chosenOutcome(choice) : lineOutcome(read);
  };
  const toLine = (read: ReadRow, kind: RowKind, known?: LineOutcome): BudgetLine => {
    const labelRef = sheet.ref(read.row, table.labelCol);
    const found = known ?? outcomeOf(read);
    const outcome: LineOutcome = found.kind === "excluded" && found.unknown && amongPlacements ? { kind: "ask", decidedBy: `${found.decidedBy}, but stands among placement lines` } : found;
    // A total's category says nothing (its lines carry theirs); a line that needs a choice waits, counted, under "unassigned".
    const category = outcome.kind === "placement" ? outcome.category : kind === "line" ? "unassigned" : "other";
    return { label: read.label, labelRef, category, outcome: outcome.kind, decidedBy: outcome.decidedBy, kind, values: read.values };
  };

  // A line whose words say nothing (a provider's or home's name) among placement lines, or in a table
  // where no line says anything, is asked about; among other costs (a ledger export, a directorate
  // summary) it is left out, and listed.
  const outcomes = new Map(lines.map((read) => [read, outcomeOf(read)]));
  const placements = [...outcomes.values()].filter((o) => o.kind === "placement").length;
  const unknown = [...outcomes.values()].filter((o) => o.kind === "excluded" && o.unknown).length;
  const amongPlacements = placements * 2 >= outcomes.size || unknown === outcomes.size;
  const budgetLines = lines.map((read) => {
    const line = toLine(read, "line", outcomes.get(read));
    const key = normaliseWords(read.label);
    const earlier = seen.get(key);
    if (earlier !== undefined && key !== "" && table.detailCol === null) {
      warnings.push({
        severity: "warning",
        message: `line '${read.label}' appears twice on sheet '${sheet.name}' (rows ${earlier + 1} and ${line.labelRef.row + 1}); both are counted`,
        where: describeCell(line.labelRef),
      });
    } else {
      seen.set(key, line.labelRef.row);
    }
    return line;
  });
  const counted = budgetLines.filter((line) => line.outcome !== "excluded");
  const excluded = budgetLines.filter((line) => line.outcome === "excluded");
  const allQuestions = lineQuestions(sheet.name, budgetLines).concat(questions);

  const reversed = reversedVariance(sheet.name, counted, columns);
  if (reversed) warnings.push(reversed);

  return {
    sheet: sheet.name,
    headerRow: table.block.top + sheet.grid.origin.row,
    labelCol: table.labelCol + sheet.grid.origin.col,
    detailCol: table.detailCol === null ? null : table.detailCol + sheet.grid.origin.col,
    months: table.months?.map((m) => ({ ...m, col: m.col + sheet.grid.origin.col })) ?? null,
    columns,
    units,
    period,
    lines: counted,
    excluded,
    totals: totals.map((t) => toLine(t.read, t.kind)),
    warnings,
    questions: allQuestions,
    turned: (sheet.grid as TurnedGrid).turned === true,
  };
}

/** What a line the user chose is. */
function chosenOutcome(choice: LineChoice): LineOutcome {
  return choice === "excluded" ? { kind: "excluded", decidedBy: "chosen by the user" } : { kind: "placement", category: choice, decidedBy: "chosen by the user" };
}

function lineOutcome(read: ReadRow): LineOutcome {
  if (read.label === "") return { kind: "ask", decidedBy: "the row has amounts but no label" };
  return read.detail === undefined ? classifyLine(read.label) : classifyPair(read.wider ?? "", read.detail);
}

/** The forecast outturn of a line (else its actual to date), for questions. */
function lineAmount(line: BudgetLine): number | null {
  return line.values.forecastOutturn?.value ?? line.values.actualToDate?.value ?? null;
}

export function lineChoiceMessage(sheetName: string, count: number): string {
  const one = count === 1;
  return `${count} line${one ? "" : "s"} on sheet '${sheetName}' ${one ? "does" : "do"} not say which kind of placement ${one ? "it is" : "they are"}; counted under "Needs a choice" until you choose a category (or "not a placement cost")`;
}

/** One question for the lines that need a choice and one for the lines left out, each listing its lines. */
function lineQuestions(sheetName: string, lines: BudgetLine[]): Question[] {
  const asked = (line: BudgetLine): QuestionLine => ({
    key: categoryOverrideKey(line.labelRef.sheet, line.labelRef.row),
    label: line.label,
    where: describeCell(line.labelRef),
    amountGbp: lineAmount(line),
    decidedBy: line.decidedBy,
  });
  const open = lines.filter((line) => line.decidedBy !== "chosen by the user");
  const choose = open.filter((line) => line.outcome === "ask");
  const left = open.filter((line) => line.outcome === "excluded");
  const questions: Question[] = [];
  if (choose.length > 0) {
    questions.push({
      kind: "lineChoice",
      sheet: sheetName,
      message: lineChoiceMessage(sheetName, choose.length),
      where: describeCell(choose[0].labelRef),
      lines: choose.map(asked),
    });
  }
  if (left.length > 0) {
    questions.push({
      kind: "excludedLines",
      sheet: sheetName,
      message: `${left.length} line${left.length === 1 ? "" : "s"} on sheet '${sheetName}' ${left.length === 1 ? "is" : "are"} not read as placement costs and left out of the placement totals (listed on the Spend sheet); choose a category for any that is`,
      where: describeCell(left[0].labelRef),
      lines: left.map(asked),
    });
  }
  return questions;
}

/**
 * Fixes which months of a monthly profile are actual: the sum of those months is actual to date. The
 * period is then the last actual month (set by tablePeriod); without bands, the months up to the
 * period are taken as actual, and the user is asked to check.
 */
function resolveMonths(sheet: Sheet, table: Table, period: BudgetPeriod | null, questions: Question[]): void {
  const months = table.months ?? [];
  const actual = actualMonths(months, period?.period ?? null);
  const actualColumn = table.measures.actualToDate;
  if (actualColumn?.sumOf !== undefined) actualColumn.sumOf = actual.map((m) => m.col);
  const names = (list: MonthColumn[]) => (list.length === 0 ? "none" : `${sheet.columnName(list[0].col)} to ${sheet.columnName(list[list.length - 1].col)}`);
  if (!months.some((m) => m.band !== null)) {
    questions.push({
      kind: "column",
      sheet: sheet.name,
      message:
        period === null
          ? `sheet '${sheet.name}' has month columns but says neither which are actual nor the period: choose the period, and actual to date will be the sum of the months up to it`
          : `sheet '${sheet.name}' has month columns with no "Actual" or "Forecast" heading: the months up to P${period.period} (columns ${names(actual)}) were taken as actual. Is that right?`,
      where: sheet.where(table.block.top, months[0]?.col ?? 0),
    });
  }
}

/**
 * A warning when the variance column is budget minus forecast (positive = underspend) on most lines
 * that have all three figures: the add-in's variance is forecast minus budget (positive = overspend).
 */
function reversedVariance(sheetName: string, lines: BudgetLine[], columns: Partial<Record<BudgetMeasure, BudgetColumn>>): Diagnostic | null {
  let reversed = 0;
  let checked = 0;
  for (const { values } of lines) {
    const { budget, forecastOutturn, variance } = values;
    if (!budget || !forecastOutturn || !variance || forecastOutturn.value === budget.value) continue;
    checked += 1;
    const slack = 0.5 * variance.multiplier;
    if (Math.abs(variance.value - (budget.value - forecastOutturn.value)) <= slack) reversed += 1;
  }
  if (checked === 0 || reversed * 2 <= checked) return null;
  const header = columns.variance?.header ?? "variance";
  return {
    severity: "warning",
    message: `the variance column '${header}' on sheet '${sheetName}' is budget minus forecast (positive = underspend) on ${reversed} of ${checked} lines; the add-in's variance is forecast minus budget (positive = overspend), so its sign is the other way round`,
  };
}

function measureEntries<T>(record: Partial<Record<BudgetMeasure, T>>): [BudgetMeasure, T][] {
  return BUDGET_MEASURES.filter((m) => record[m] !== undefined).map((m) => [m, record[m] as T]);
}

function readRows(sheet: Sheet, table: Table & { labelCol: number }, multipliers: Partial<Record<BudgetMeasure, 1 | 1000>>, warnings: Diagnostic[]): ReadRow[] {
  const rows: ReadRow[] = [];
  const measures = measureEntries(table.measures);
  for (let row = table.block.firstDataRow; row < table.end; row += 1) {
    const facts = sheet.rows[row];
    if (facts.filled.length === 0) continue;
    const values: Partial<Record<BudgetMeasure, SourcedAmount>> = {};
    let unreadable = 0;
    for (const [measure, column] of measures) {
      if (column.sumOf !== undefined) {
        const sum = summedAmount(sheet, row, column.sumOf, multipliers[measure] ?? 1);
        if (sum) values[measure] = sum;
        continue;
      }
      const cell = sheet.cell(row, column.col);
      if (!isFilled(cell)) continue;
      const amount = parseAmount(cell);
      if (amount === null) {
        unreadable += 1;
        warnings.push({
          severity: "warning",
          message: `the ${MEASURE_NAMES[measure]} of row ${row + sheet.grid.origin.row + 1} on sheet '${sheet.name}' reads '${cellText(cell)}', which is not an amount; it was left out`,
          where: sheet.where(row, column.col),
        });
        continue;
      }
      const multiplier = multipliers[measure] ?? 1;
      const isNumber = typeof cell === "number";
      values[measure] = {
        value: amount * multiplier,
        ref: sheet.ref(row, column.col),
        cellIsNumber: isNumber,
        ...(isNumber ? {} : { text: cellText(cell) }),
        multiplier,
      };
    }
    if (Object.keys(values).length === 0 && unreadable === 0) continue;
    const wider = sheet.text(row, table.labelCol);
    if (table.detailCol === null) {
      rows.push({ row, label: wider, kind: wider === "" ? "unlabelled" : totalKind(wider) ?? "line", values });
      continue;
    }
    const detail = sheet.text(row, table.detailCol);
    const label = wider !== "" && detail !== "" ? `${wider} / ${detail}` : wider || detail;
    rows.push({ row, label, wider, detail, kind: label === "" ? "unlabelled" : totalKind(wider || detail) ?? "line", values });
  }
  return rows;
}

/**
 * The sum of a row's cells in the given columns (blank cells count 0; a cell that is not an amount is
 * left out, as SUM leaves out text), or undefined when none holds an amount.
 */
function summedAmount(sheet: Sheet, row: number, cols: number[], multiplier: 1 | 1000): SourcedAmount | undefined {
  let value = 0;
  const parts: SourceCell[] = [];
  for (const col of cols) {
    const cell = sheet.cell(row, col);
    const amount = isFilled(cell) ? parseAmount(cell) : null;
    if (amount === null) continue;
    value += amount * multiplier;
    const isNumber = typeof cell === "number";
    parts.push({ ref: sheet.ref(row, col), cellIsNumber: isNumber, ...(isNumber ? {} : { text: cellText(cell) }) });
  }
  if (parts.length === 0) return undefined;
  return { value, ref: parts[0].ref, cellIsNumber: parts.every((p) => p.cellIsNumber), multiplier, parts };
}

// ---------------------------------------------------------------------------------------------------
// Totals

interface TotalRow {
  read: ReadRow;
  kind: Exclude<RowKind, "line">;
}

/**
 * Splits rows into cost lines and totals, and checks each total against the lines it covers: a
 * subtotal covers the lines since the previous subtotal or total (or since the last group heading), a
 * total every line since the previous total.
 */
function classifyRows(sheet: Sheet, table: Table & { labelCol: number }, rows: ReadRow[], warnings: Diagnostic[]): { lines: ReadRow[]; totals: TotalRow[] } {
  const lines: ReadRow[] = [];
  const totals: TotalRow[] = [];
  let sinceTotal: ReadRow[] = [];
  let sinceSubtotal: ReadRow[] = [];
  let lastHeading = table.block.firstDataRow - 1;
  let previousRow = table.block.firstDataRow - 1;

  rows.forEach((read, index) => {
    for (let row = previousRow + 1; row < read.row; row += 1) {
      if (!sheet.isBlank(row)) lastHeading = row;
    }
    previousRow = read.row;
    const sinceHeading = () => sinceSubtotal.filter((line) => line.row > lastHeading);
    let kind: Exclude<RowKind, "line"> | null = null;
    if (read.kind === "unlabelled") {
      kind = matches(read, sinceTotal) ? "total" : matches(read, sinceSubtotal) || matches(read, sinceHeading()) ? "subtotal" : null;
    } else if (read.kind !== "line") {
      kind = read.kind === "total" && index < rows.length - 1 ? "subtotal" : read.kind;
      const covered = kind === "total" ? [sinceTotal] : [sinceSubtotal, sinceHeading()];
      if (!covered.some((group) => matches(read, group))) warnings.push(mismatch(sheet, read, covered[0]));
    }
    if (kind === null) {
      lines.push(read);
      sinceTotal.push(read);
      sinceSubtotal.push(read);
      return;
    }
    totals.push({ read, kind });
    sinceSubtotal = [];
    if (kind === "total") sinceTotal = [];
  });
  return { lines, totals };
}

function sumOf(lines: ReadRow[], measure: BudgetMeasure): number {
  return lines.reduce((sum, line) => sum + (line.values[measure]?.value ?? 0), 0);
}

function tolerance(total: SourcedAmount, count: number): number {
  return Math.max(1e-9 * Math.abs(total.value), 0.5 * total.multiplier * Math.max(1, count));
}

function additiveEntries(read: ReadRow): [BudgetMeasure, SourcedAmount][] {
  return measureEntries(read.values).filter(([measure]) => !NOT_ADDITIVE.has(measure));
}

function matches(total: ReadRow, lines: ReadRow[]): boolean {
  const entries = additiveEntries(total);
  if (lines.length === 0 || entries.length === 0) return false;
  return entries.every(([measure, amount]) => Math.abs(amount.value - sumOf(lines, measure)) <= tolerance(amount, lines.length));
}

function mismatch(sheet: Sheet, total: ReadRow, lines: ReadRow[]): Diagnostic {
  const wrong = additiveEntries(total).find(([measure, amount]) => Math.abs(amount.value - sumOf(lines, measure)) > tolerance(amount, lines.length));
  const [measure, amount] = wrong ?? additiveEntries(total)[0];
  const format = (value: number) => (COUNT_MEASURES.has(measure) ? formatNumber(value) : `£${formatNumber(value)}`);
  return {
    severity: "warning",
    message: `'${total.label}' on sheet '${sheet.name}' does not match its lines: its ${MEASURE_NAMES[measure]} is ${format(amount.value)} but the ${lines.length} line${lines.length === 1 ? "" : "s"} above it add up to ${format(sumOf(lines, measure))}`,
    where: describeCell(amount.ref),
  };
}

function formatNumber(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

// ---------------------------------------------------------------------------------------------------
// Units and period

function tableUnits(sheet: Sheet, table: Table, titleRows: number[], options: TableOptions): Units {
  const chosen = options.columnMappings?.[sheet.name]?.units;
  if (chosen) return { ...(chosen === "thousands" ? THOUSANDS : POUNDS), source: "chosen by the user" };
  // Placement counts and weekly costs state their own units, not the table's.
  const ownUnits = new Set([table.measures.placements?.col, table.measures.averageWeeklyCost?.col]);
  const money = measureEntries(table.measures).filter(([, c]) => !ownUnits.has(c.col)).map(([, c]) => c);
  const header = (c: HeaderColumn) => ({ text: c.header, where: `header '${c.header}' (${sheet.where(c.headerRow, c.col)})` });
  const candidates: TitleText[] = [
    ...money.map(header),
    ...titleCells(sheet, titleRows),
    ...(options.neighbourTitles ?? []),
    ...table.block.columns.filter((c) => !ownUnits.has(c.col)).map(header),
    { text: sheet.name, where: `sheet name '${sheet.name}'` },
  ];
  for (const { text, where } of candidates) {
    const units = unitsInText(text);
    if (units === "millions") {
      throw new LacError("value", `the ${where} states millions of pounds; the add-in reads sheets in £ or £000. Choose the units in the column mapping`);
    }
    if (units) return { ...units, source: where };
  }
  return { ...POUNDS, source: `assumed £: sheet '${sheet.name}' states no units` };
}

function columnMultiplier(measure: BudgetMeasure, column: HeaderColumn, units: Units, chosen: boolean): 1 | 1000 {
  if (COUNT_MEASURES.has(measure)) return 1;
  const own = column.units === "millions" ? null : column.units;
  if (chosen) return units.multiplier;
  if (own) return own.multiplier;
  return measure === "averageWeeklyCost" ? 1 : units.multiplier;
}

function titleCells(sheet: Sheet, rows: number[]): TitleText[] {
  const cells: TitleText[] = [];
  for (const row of rows) {
    for (const col of sheet.rows[row].filled) {
      const text = sheet.text(row, col);
      if (text !== "") cells.push({ text, where: `title '${text}' (${sheet.where(row, col)})` });
    }
  }
  return cells;
}

function tablePeriod(sheet: Sheet, table: Table, titleRows: number[], options: TableOptions, warnings: Diagnostic[], questions: Question[]): BudgetPeriod | null {
  const monthCols = new Set(table.months?.map((m) => m.col) ?? []);
  const headers = table.block.columns
    .filter((c) => !monthCols.has(c.col))
    .map((c) => ({ text: c.header, where: `header '${c.header}' (${sheet.where(c.headerRow, c.col)})` }));
  const places = [...headers, ...titleCells(sheet, titleRows), ...(options.neighbourTitles ?? []), { text: sheet.name, where: `sheet name '${sheet.name}'` }];

  let year: { value: number; where: string } | null = null;
  for (const place of places) {
    const value = financialYearInText(place.text);
    if (value !== null) {
      year = { value, where: place.where };
      break;
    }
  }

  const found = places.flatMap((place) => {
    const period = periodInText(place.text);
    return period ? [{ ...period, where: place.where }] : [];
  });
  const explicit = found.filter((p) => p.explicit);
  const best = explicit[0] ?? found[0];
  const disagreeing = explicit.find((p) => p.period !== best?.period);
  if (best && disagreeing && options.period === undefined) {
    warnings.push({
      severity: "warning",
      message: `sheet '${sheet.name}' names two periods: P${best.period} in the ${best.where} (used) and P${disagreeing.period} in the ${disagreeing.where}`,
    });
  }
  const financialYear = options.financialYear ?? year?.value ?? best?.financialYear ?? null;
  const yearSource = options.financialYear !== undefined ? "" : year ? `; financial year from the ${year.where}` : "";

  if (options.period !== undefined) {
    return { period: options.period, financialYear, source: `chosen by the user${yearSource}` };
  }
  const banded = (table.months ?? []).filter((m) => m.band === "actual");
  if (banded.length > 0) {
    const last = banded.reduce((a, b) => (b.period > a.period ? b : a));
    if (best?.explicit && best.period !== last.period) {
      questions.push({
        kind: "period",
        sheet: sheet.name,
        message: `sheet '${sheet.name}' names P${best.period} in the ${best.where}, but its last actual month is P${last.period} (column ${sheet.columnName(last.col)}); P${last.period} is used. Which is right?`,
      });
    }
    return { period: last.period, financialYear, source: `the last month in the "Actual" band (column ${sheet.columnName(last.col)})${yearSource}` };
  }
  if (best && !best.explicit) {
    questions.push({
      kind: "period",
      sheet: sheet.name,
      message: `the period of sheet '${sheet.name}' was read as P${best.period} from a month name in the ${best.where}, not stated as a period; is the sheet P${best.period}?`,
    });
  }
  if (!best) {
    questions.push({
      kind: "period",
      sheet: sheet.name,
      message: `no period found on sheet '${sheet.name}' (looked for P10, Period 10, Month 10 or a month name in its headers, title and name); choose the period`,
    });
    return null;
  }
  if (financialYear === null) {
    warnings.push({
      severity: "info",
      message: `sheet '${sheet.name}' gives the period (P${best.period}) but not the financial year; choose it if the workbook needs dates`,
    });
  }
  return { period: best.period, financialYear, source: `the ${best.where}${yearSource}` };
}

// ---------------------------------------------------------------------------------------------------
// A supplementary table (only other measures) joined onto the main table's lines

function addSupplementaryTable(sheet: Sheet, table: Table, main: BudgetMonitoring, options: RecogniseOptions): void {
  if (table.labelCol === null) {
    main.warnings.push({
      severity: "warning",
      message: `the table at row ${table.block.top + sheet.grid.origin.row + 1} of sheet '${sheet.name}' has no column of line labels; it was left out`,
      where: sheet.where(table.block.top, table.block.columns[0]?.col ?? 0),
    });
    return;
  }
  const withLabels = { ...table, labelCol: table.labelCol };
  const multipliers: Partial<Record<BudgetMeasure, 1 | 1000>> = {};
  for (const [measure, column] of measureEntries(table.measures)) {
    multipliers[measure] = columnMultiplier(measure, column, main.units, options.columnMappings?.[sheet.name]?.units !== undefined);
    if (!main.columns[measure]) {
      main.columns[measure] = { col: column.col + sheet.grid.origin.col, header: column.header, multiplier: multipliers[measure] ?? 1 };
    }
  }
  const byLabel = new Map(main.lines.map((line) => [normaliseWords(line.label), line]));
  for (const read of readRows(sheet, withLabels, multipliers, main.warnings)) {
    if (read.kind !== "line") continue;
    const line = byLabel.get(normaliseWords(read.label));
    const where = sheet.where(read.row, table.labelCol);
    if (!line) {
      main.warnings.push({
        severity: "warning",
        message: `line '${read.label}' of the table at row ${table.block.top + sheet.grid.origin.row + 1} of sheet '${sheet.name}' has no line of the same name in the table at row ${main.headerRow + 1}; its figures were left out`,
        where,
      });
      continue;
    }
    for (const [measure, amount] of measureEntries(read.values)) {
      if (line.values[measure]) {
        main.warnings.push({
          severity: "warning",
          message: `line '${read.label}' has a ${MEASURE_NAMES[measure]} in both tables of sheet '${sheet.name}'; the one in ${describeCell(line.values[measure].ref)} is used`,
          where: describeCell(amount.ref),
        });
        continue;
      }
      line.values[measure] = amount;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Messages when nothing can be read

function nothingFound(sheet: Sheet): string {
  const amounts = sheet.rows.filter((r) => r.amountCols.size > 0).length;
  const texts = sheet.rows.filter((r) => r.filled.length > 0 && r.amountCols.size === 0).length;
  return `on sheet '${sheet.name}': found no header row naming budget columns (such as 'Actual to date' or 'Forecast outturn') above rows of amounts; the sheet has ${texts} row${texts === 1 ? "" : "s"} of text and ${amounts} row${amounts === 1 ? "" : "s"} with numbers`;
}

function missingColumns(sheet: Sheet, tables: Table[]): string {
  const best = tables.reduce((a, b) => (Object.keys(b.measures).length > Object.keys(a.measures).length ? b : a));
  const found: string[] = [];
  if (best.labelCol !== null) found.push("a label column");
  for (const [, column] of measureEntries(best.measures)) found.push(`'${column.header}'`);
  const missing: string[] = [];
  if (best.labelCol === null) missing.push("column of line labels");
  if (!best.measures.actualToDate) missing.push(`${MEASURE_NAMES.actualToDate} column`);
  if (!best.measures.forecastOutturn) missing.push(`${MEASURE_NAMES.forecastOutturn} column`);
  const foundText = found.length === 0 ? "nothing the add-in reads" : joinWords(found, "and");
  const headerAt = a1(best.block.top + sheet.grid.origin.row, (best.block.columns[0]?.col ?? 0) + sheet.grid.origin.col);
  return `found ${foundText} but no ${joinWords(missing, "or")} on sheet '${sheet.name}' (header at ${headerAt}); choose the columns in the column mapping`;
}

/** "a, b and c" / "a, b or c". */
function joinWords(items: string[], last: "and" | "or"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}
