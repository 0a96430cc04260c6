/**
 * The units and the period of a table, from its headers, its titles, its neighbours' titles or the sheet name.
 */
import type { Question } from "../questions";
import { LacError } from "../../core/errors";
import type { Diagnostic } from "../../core/diagnostics";
import { POUNDS, THOUSANDS, unitsInText, type Units } from "../numbers";
import { COUNT_MEASURES, financialYearInText, periodInText, type BudgetMeasure } from "../vocabulary";
import { type HeaderColumn, type Table, Sheet, type TitleText, type TableOptions, measureEntries } from "./sheet";
import type { BudgetPeriod } from "../budgetMonitoring";

export function tableUnits(sheet: Sheet, table: Table, titleRows: number[], options: TableOptions): Units {
  const chosen = options.columnMappings?.[sheet.name]?.units;
  if (chosen) return { ...(chosen === "thousands" ? THOUSANDS : POUNDS), source: "chosen by the user" };
  // Placement counts and weekly costs state their own units, not the table's.
  const ownUnits = new Set([table.measures.placements?.col, table.measures.averageWeeklyCost?.col]);
  const money = measureEntries(table.measures)
    .filter(([, c]) => !ownUnits.has(c.col))
    .map(([, c]) => c);
  const header = (c: HeaderColumn) => ({
    text: c.header,
    where: `header '${c.header}' (${sheet.where(c.headerRow, c.col)})`,
  });
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
      throw new LacError(
        "value",
        `the ${where} states millions of pounds; the add-in reads sheets in £ or £000. Choose the units in the column mapping`,
      );
    }
    if (units) return { ...units, source: where };
  }
  return { ...POUNDS, source: `assumed £: sheet '${sheet.name}' states no units` };
}

export function columnMultiplier(
  measure: BudgetMeasure,
  column: HeaderColumn,
  units: Units,
  chosen: boolean,
): 1 | 1000 {
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

export function tablePeriod(
  sheet: Sheet,
  table: Table,
  titleRows: number[],
  options: TableOptions,
  warnings: Diagnostic[],
  questions: Question[],
): BudgetPeriod | null {
  const places = periodPlaces(sheet, table, titleRows, options);
  const year = firstFinancialYear(places);

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
    return {
      period: last.period,
      financialYear,
      source: `the last month in the "Actual" band (column ${sheet.columnName(last.col)})${yearSource}`,
    };
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

/**
 * Where a period or year may be written, in the order they are believed: the column headers (not the
 * month columns), the titles above the table, titles beside it, then the sheet's name.
 */
function periodPlaces(
  sheet: Sheet,
  table: Table,
  titleRows: number[],
  options: TableOptions,
): { text: string; where: string }[] {
  const monthCols = new Set(table.months?.map((m) => m.col) ?? []);
  const headers = table.block.columns
    .filter((c) => !monthCols.has(c.col))
    .map((c) => ({ text: c.header, where: `header '${c.header}' (${sheet.where(c.headerRow, c.col)})` }));
  return [
    ...headers,
    ...titleCells(sheet, titleRows),
    ...(options.neighbourTitles ?? []),
    { text: sheet.name, where: `sheet name '${sheet.name}'` },
  ];
}

/** The first financial year named in those places, and where. */
function firstFinancialYear(places: { text: string; where: string }[]): { value: number; where: string } | null {
  for (const place of places) {
    const value = financialYearInText(place.text);
    if (value !== null) return { value, where: place.where };
  }
  return null;
}
