/**
 * Cells of the plan and their number formats. Number formats do all the rounding: values stay unrounded.
 */
import type { CellStyle, CellValue, PlanCell } from "./plan";

export const FORMATS = {
  gbp: "£#,##0",
  /** Pounds shown in thousands, as strategies print their cost tables ("£000"); the cell holds pounds. */
  gbpThousands: "#,##0,",
  count: "#,##0",
  countDecimal: "#,##0.0",
  rate: "0.0",
  percent: "0.0%",
  upliftRate: "0.00%",
  date: "dd/mm/yyyy",
  monthYear: "mmm-yy",
  weeks: "0.######",
  plain: "0",
} as const;

export function text(value: string, style?: CellStyle): PlanCell {
  return style ? { value, style } : { value };
}

export function num(value: number, format: string, style?: CellStyle): PlanCell {
  return style ? { value, format, style } : { value, format };
}

/** A cell the user is expected to change (the finance convention of a shaded input cell). */
export function input(value: CellValue | null, format?: string): PlanCell {
  return format ? { value, format, style: "input" } : { value, style: "input" };
}

/** A formula (without "="), with the engine's value of it. */
export function formula(text: string, value: CellValue | null, format?: string, style?: CellStyle): PlanCell {
  const cell: PlanCell = { formula: text, value };
  if (format) cell.format = format;
  if (style) cell.style = style;
  return cell;
}

/** A header row. */
export function headers(labels: readonly string[]): PlanCell[] {
  return labels.map((label) => text(label, "header"));
}
