/**
 * What goes out: a description of the sufficiency workbook as plain data. The workbook builder makes a
 * WorkbookPlan; two thin hosts apply it (excel/ with Office.js inside Excel, cli/ with ExcelJS to a file).
 * Nothing here knows about either host.
 *
 * Every formula cell also carries the value the engine computed for it, so tests can evaluate the
 * written formulas (HyperFormula, LibreOffice) and compare them with the engine.
 * Rows and columns are 0-based.
 */
import type { PlacementCategory } from "../core/categories";
import type { Diagnostic } from "../core/diagnostics";

export type CellValue = number | string | boolean;

/**
 * How a cell looks. Hosts map each style to fonts and fills; "input" marks the cells a user is
 * expected to change (assumptions), the finance convention of a coloured input cell; "linked" marks a
 * live link to a user's own source cell (green text, the finance convention for links to other sheets).
 */
export type CellStyle = "title" | "subtitle" | "header" | "label" | "input" | "linked" | "total" | "note" | "warning";

export interface PlanCell {
  /**
   * The literal value, or for a formula cell the engine's value of that formula. Strings are always
   * written as text, even when they begin with "=", "+", "-" or "@": text from a user's sheet is never
   * turned into a formula. Dates are Excel serial numbers with a date `format`.
   */
  value?: CellValue | null;
  /** A formula without its leading "=", in the A1 style of Excel's `Range.formulas` (English names). */
  formula?: string;
  /** An Excel number format code, e.g. "#,##0", "£#,##0.00", "0.0%", "dd/mm/yyyy". */
  format?: string;
  style?: CellStyle;
}

/** A rectangle of cells written at one place: the unit both hosts write as 2-D arrays. */
export interface CellBlock {
  row: number;
  col: number;
  /** Rows of equal length; null leaves a cell empty. */
  cells: (PlanCell | null)[][];
}

/** A rectangle on a sheet of the plan (or, for source references, on a user's sheet). */
export interface RangeRef {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type ChartType = "columnClustered" | "columnStacked" | "barClustered" | "line" | "lineMarkers" | "pie";

export interface ChartSeriesPlan {
  name: string;
  values: RangeRef;
  /** A hex colour without "#", e.g. "1F4E79"; hosts choose when absent. */
  color?: string;
  /** Draw a line series dashed (used for projections and uncertainty bands). */
  dashed?: boolean;
}

export interface ChartPlan {
  /** Stable identifier within the workbook, also the chart's name in Excel. */
  key: string;
  type: ChartType;
  title: string;
  /** Category (x axis) labels. */
  categories: RangeRef;
  series: ChartSeriesPlan[];
  /** Where the chart sits: top-left cell and size in rows and columns. */
  anchor: { row: number; col: number; rows: number; cols: number };
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** Number format for the value axis labels. */
  yAxisFormat?: string;
}

/** An Excel table (ListObject) over a block whose first row is the header row. */
export interface TablePlan {
  name: string;
  row: number;
  col: number;
  rows: number; // including the header row
  cols: number;
}

export interface SheetPlan {
  /** Stable identity of the add-in's sheet ("assumptions", "spend", ...), used to find it on rebuild. */
  key: string;
  /** The name the sheet is written under (already resolved against the user's own sheet names). */
  name: string;
  blocks: CellBlock[];
  /** Column widths in characters, by 0-based column. */
  columnWidths?: Record<number, number>;
  /** Rows and columns kept in view while scrolling. */
  freeze?: { rows: number; cols: number };
  tables?: TablePlan[];
  charts?: ChartPlan[];
  tabColor?: string;
}

/**
 * A workbook-level name for an input cell, so formulas read `=B7/LAC_Population0to17*10000`.
 * Names the add-in writes start with "LAC_" and are replaced on rebuild like its sheets.
 */
export interface DefinedNamePlan {
  name: string;
  ref: RangeRef;
  comment?: string;
}

/** The headline figures, as the command line's --summary-json writes them and the task pane shows them. */
export interface PlanSummary {
  period: number | null;
  financialYear: number | null;
  units: "gbp" | "thousands" | null;
  categories: Partial<Record<PlacementCategory, { actualToDate: number | null; forecastOutturn: number | null }>>;
  totals: { actualToDate: number | null; forecastOutturn: number | null; budget: number | null };
  [figure: string]: unknown;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  names: DefinedNamePlan[];
  warnings: Diagnostic[];
  summary: PlanSummary;
  /**
   * The add-in's sheets of the last build that this plan does not write but the hosts keep as they are,
   * with their marker and whatever was typed on them: the care and demand sheets of a build without
   * 903 data (see BuildInput.previous903Sheets). Every other sheet of the add-in's not in `sheets` is removed.
   */
  keptSheets?: { key: string; name: string }[];
}
