/**
 * Cells of the plan and their number formats. Number formats do all the rounding: values stay unrounded.
 */
import { describeCell, sheetRef, type SourceCell } from "../core/grid";
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

/**
 * A figure read from a user's cell: a live reference to that cell when it holds a real number (times
 * `multiplier`, 1,000 for a £000 column), styled "linked", so next month's figure flows through; the parsed value when
 * it held text (a formula is never built from a user's text; unlinkedNote says so beside it).
 */
export function sourcedCell(
  source: SourceCell & { value: number; multiplier?: number; parts?: SourceCell[] },
  format: string,
): PlanCell {
  if (!source.cellIsNumber) return num(source.value, format);
  const link = source.parts ? sumOfCells(source.parts) : sheetRef(source.ref.sheet, source.ref.row, source.ref.col);
  return formula(
    source.multiplier === undefined || source.multiplier === 1 ? link : `${link}*${source.multiplier}`,
    source.value,
    format,
    "linked",
  );
}

/** SUM of a row's cells: one range when they stand side by side ('P10'!C5:L5), else each cell. */
function sumOfCells(parts: SourceCell[]): string {
  const [first] = parts;
  const contiguous = parts.every(
    (p, i) => p.ref.sheet === first.ref.sheet && p.ref.row === first.ref.row && p.ref.col === first.ref.col + i,
  );
  if (contiguous) return `SUM(${sheetRef(first.ref.sheet, first.ref.row, first.ref.col, 1, parts.length)})`;
  return `SUM(${parts.map((p) => sheetRef(p.ref.sheet, p.ref.row, p.ref.col)).join(",")})`;
}

/** Why a sourced figure is a value and not a link, for the note beside it; null when it is a link. */
export function unlinkedNote(what: string, source: SourceCell): string | null {
  if (source.cellIsNumber) return null;
  return `${what} read from the text "${source.text ?? ""}" in ${describeCell(source.ref)}: a value, not a link; retype it as a number there to link it.`;
}
