/**
 * Month columns of a monthly profile, and the actual and forecast months they are read as.
 */
import { bandOfText, monthOfHeader, type BudgetMeasure } from "../vocabulary";
import { type HeaderColumn, type MonthColumn, type HeaderBlock, Sheet } from "./sheet";
import { hasAmountsBelow } from "./headers";

/** Fewer distinct months than this and the columns are not a monthly profile. */
const MIN_MONTHS = 3;

/**
 * The month columns of a monthly profile (Apr..Mar, "Apr-24", "P1".."P12", "Month 1"..), each with the
 * band it sits in: the header's own word ("Actual Apr", "Fcst Feb"), else the band heading over it (a
 * merged "Actual" or "Forecast" cell, whose text sits in its top-left cell: the nearest heading to the
 * left in the rows above). Null when the table has fewer than three months with amounts under them.
 */
export function monthColumns(sheet: Sheet, block: HeaderBlock, end: number): MonthColumn[] | null {
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
export function addMonthMeasures(
  block: HeaderBlock,
  months: MonthColumn[],
  measures: Partial<Record<BudgetMeasure, HeaderColumn>>,
): void {
  const first = months[0];
  const headerRow = block.top;
  measures.actualToDate = {
    col: first.col,
    header: "actual months (sum)",
    headerRow,
    measure: "actualToDate",
    units: null,
    sumOf: [],
  };
  measures.forecastOutturn ??= {
    col: first.col,
    header: "actual and forecast months (sum)",
    headerRow,
    measure: "forecastOutturn",
    units: null,
    sumOf: months.map((m) => m.col),
  };
  // A month's own "Actual"/"Forecast" word must not make it a column of its own (it is a month).
  for (const measure of ["commitments", "variance", "movement"] as const) {
    if (measures[measure] && months.some((m) => m.col === measures[measure]?.col)) delete measures[measure];
  }
}

/** The months read as actual: the "Actual" band's, else those up to the period. */
export function actualMonths(months: MonthColumn[], period: number | null): MonthColumn[] {
  if (months.some((m) => m.band !== null)) return months.filter((m) => m.band === "actual");
  return period === null ? [] : months.filter((m) => m.period <= period);
}
