/**
 * How each cell style of the plan looks, in one place for both hosts (Office.js in Excel, the .xlsx
 * writer of the command line), so a workbook built in Excel and one built on the command line look the
 * same: the finance conventions of inputs in blue on pale yellow, links to the user's sheets in green,
 * totals ruled above and double-ruled below.
 */
import type { CellStyle } from "./plan";

export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  /** Points above (or below) the workbook's default font size. */
  sizeStep?: number;
  /** RRGGBB. */
  fontColor?: string;
  /** RRGGBB, a solid fill. */
  fill?: string;
  topBorder?: "thin";
  bottomBorder?: "thin" | "double";
  /** Wrapped text, aligned to the top of the cell. */
  wrap?: boolean;
  /** Left unlocked, so a user who protects the sheet can still change it. */
  unlocked?: boolean;
}

export const CELL_LOOKS: Record<CellStyle, CellLook> = {
  title: { bold: true, sizeStep: 3, fontColor: "1F4E79" },
  subtitle: { bold: true, sizeStep: 1, fontColor: "404040" },
  header: { bold: true, fontColor: "FFFFFF", fill: "1F4E79", wrap: true },
  label: {},
  // Blue text on pale yellow: the colour finance teams give the cells a user is expected to change.
  input: { fontColor: "0000FF", fill: "FFF2CC", topBorder: "thin", bottomBorder: "thin", unlocked: true },
  // Green text: a live link to one of the user's own sheets.
  linked: { fontColor: "008000" },
  total: { bold: true, topBorder: "thin", bottomBorder: "double" },
  note: { italic: true, sizeStep: -1, fontColor: "595959" },
  warning: { bold: true, fontColor: "9C0006", fill: "FFC7CE" },
};

/** The built-in table style of the plan's tables. */
export const TABLE_STYLE = "TableStyleLight9";
