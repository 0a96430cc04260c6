/**
 * Reading a table's rows: lines, their outcomes and the questions they raise, and the subtotal and total
 * rows reconciled against them.
 */
import { classifyLine, type LineOutcome } from "../lineClassifier";
import type { Question, QuestionLine } from "../questions";
import type { Diagnostic } from "../../core/diagnostics";
import { cellText, describeCell, isFilled, type SourceCell } from "../../core/grid";
import { parseAmount } from "../numbers";
import {
  COUNT_MEASURES,
  MEASURE_NAMES,
  normaliseWords,
  totalKind,
  type BudgetMeasure,
  type RowKind,
} from "../vocabulary";
import {
  NOT_ADDITIVE,
  type MonthColumn,
  type Table,
  Sheet,
  type TurnedGrid,
  type TableOptions,
  measureEntries,
} from "./sheet";
import { classifyPair } from "./shape";
import { actualMonths } from "./months";
import { tableUnits, columnMultiplier, tablePeriod } from "./unitsPeriod";
import type {
  SourcedAmount,
  LineChoice,
  BudgetLine,
  BudgetColumn,
  BudgetPeriod,
  BudgetMonitoring,
} from "../budgetMonitoring";

/** The key of RecogniseOptions.categoryOverrides for a line: "P10 Summary!14" (the row as Excel numbers it). */
export function categoryOverrideKey(sheet: string, absoluteRow: number): string {
  return `${sheet}!${absoluteRow + 1}`;
}

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

export function readTable(
  sheet: Sheet,
  table: Table & { labelCol: number },
  titleRows: number[],
  options: TableOptions,
): BudgetMonitoring {
  const warnings: Diagnostic[] = [];
  const questions: Question[] = [];
  const units = tableUnits(sheet, table, titleRows, options);
  const period = tablePeriod(sheet, table, titleRows, options, warnings, questions);
  if (table.months) resolveMonths(sheet, table, period, questions);
  const { columns, multipliers } = measureColumns(sheet, table, units, options);
  noteUnitsAndColumns(sheet, table, units, questions, warnings);

  const rows = readRows(sheet, table, multipliers, warnings);
  const { lines, totals } = classifyRows(sheet, table, rows, warnings);
  const toLine = lineMaker(sheet, table, options, lines);
  const budgetLines = lines.map((read) => toLine(read, "line"));
  warnRepeatedLines(sheet, table, budgetLines, warnings);
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

/** Each measure's column (in the sheet's own coordinates) and the multiplier that turns its figures into £. */
function measureColumns(
  sheet: Sheet,
  table: Table & { labelCol: number },
  units: BudgetMonitoring["units"],
  options: TableOptions,
): {
  columns: Partial<Record<BudgetMeasure, BudgetColumn>>;
  multipliers: Partial<Record<BudgetMeasure, 1 | 1000>>;
} {
  const columns: Partial<Record<BudgetMeasure, BudgetColumn>> = {};
  const multipliers: Partial<Record<BudgetMeasure, 1 | 1000>> = {};
  for (const [measure, column] of measureEntries(table.measures)) {
    const multiplier = columnMultiplier(
      measure,
      column,
      units,
      options.columnMappings?.[sheet.name]?.units !== undefined,
    );
    multipliers[measure] = multiplier;
    columns[measure] = { col: column.col + sheet.grid.origin.col, header: column.header, multiplier };
  }
  return { columns, multipliers };
}

/**
 * Asks about units that were assumed and about columns two headers claim; notes the columns the
 * add-in does not read.
 */
function noteUnitsAndColumns(
  sheet: Sheet,
  table: Table & { labelCol: number },
  units: BudgetMonitoring["units"],
  questions: Question[],
  warnings: Diagnostic[],
): void {
  if (units.source.startsWith("assumed")) {
    questions.push({
      kind: "units",
      sheet: sheet.name,
      message: `Are the figures on sheet '${sheet.name}' in £? It states no units, so £ was assumed (choose £000 if they are thousands).`,
    });
  }
  for (const message of table.duplicates) {
    questions.push({
      kind: "column",
      sheet: sheet.name,
      message: `${message} (sheet '${sheet.name}')`,
      where: sheet.where(table.block.top, table.labelCol),
    });
  }
  for (const extra of table.extraColumns) {
    warnings.push({
      severity: "info",
      message: `column ${sheet.columnName(extra.col)} '${extra.header}' on sheet '${sheet.name}' is not a budget measure the add-in reads; it was left out`,
      where: sheet.where(extra.headerRow, extra.col),
    });
  }
}

/**
 * Turns a read row into a budget line with its category and how it was decided: the user's choice
 * (by cell or by label) first, else what its words say.
 */
function lineMaker(
  sheet: Sheet,
  table: Table & { labelCol: number },
  options: TableOptions,
  lines: ReadRow[],
): (read: ReadRow, kind: RowKind) => BudgetLine {
  const overrides = options.categoryOverrides ?? {};
  const labelCategories = options.labelCategories ?? {};
  const outcomeOf = (read: ReadRow): LineOutcome => {
    const choice =
      overrides[categoryOverrideKey(sheet.name, sheet.ref(read.row, table.labelCol).row)] ??
      labelCategories[read.label];
    return choice !== undefined ? chosenOutcome(choice) : lineOutcome(read);
  };

  // A line whose words say nothing (a provider's or home's name) among placement lines, or in a table
  // where no line says anything, is asked about; among other costs (a ledger export, a directorate
  // summary) it is left out, and listed.
  const outcomes = new Map(lines.map((read) => [read, outcomeOf(read)]));
  const placements = [...outcomes.values()].filter((o) => o.kind === "placement").length;
  const unknown = [...outcomes.values()].filter((o) => o.kind === "excluded" && o.unknown).length;
  const amongPlacements = placements * 2 >= outcomes.size || unknown === outcomes.size;

  return (read, kind) => {
    const labelRef = sheet.ref(read.row, table.labelCol);
    const found = outcomes.get(read) ?? outcomeOf(read);
    const outcome: LineOutcome =
      found.kind === "excluded" && found.unknown && amongPlacements
        ? { kind: "ask", decidedBy: `${found.decidedBy}, but stands among placement lines` }
        : found;
    // A total's category says nothing (its lines carry theirs); a line that needs a choice waits, counted, under "unassigned".
    const category = outcome.kind === "placement" ? outcome.category : kind === "line" ? "unassigned" : "other";
    return {
      label: read.label,
      labelRef,
      category,
      outcome: outcome.kind,
      decidedBy: outcome.decidedBy,
      kind,
      values: read.values,
    };
  };
}

/** Warns of a line label seen twice (both are counted), unless a detail column tells the rows apart. */
function warnRepeatedLines(
  sheet: Sheet,
  table: Table & { labelCol: number },
  budgetLines: BudgetLine[],
  warnings: Diagnostic[],
): void {
  const seen = new Map<string, number>();
  for (const line of budgetLines) {
    const key = normaliseWords(line.label);
    const earlier = seen.get(key);
    if (earlier !== undefined && key !== "" && table.detailCol === null) {
      warnings.push({
        severity: "warning",
        message: `line '${line.label}' appears twice on sheet '${sheet.name}' (rows ${earlier + 1} and ${line.labelRef.row + 1}); both are counted`,
        where: describeCell(line.labelRef),
      });
    } else {
      seen.set(key, line.labelRef.row);
    }
  }
}

/** What a line the user chose is. */
function chosenOutcome(choice: LineChoice): LineOutcome {
  return choice === "excluded"
    ? { kind: "excluded", decidedBy: "chosen by the user" }
    : { kind: "placement", category: choice, decidedBy: "chosen by the user" };
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
  const names = (list: MonthColumn[]) =>
    list.length === 0 ? "none" : `${sheet.columnName(list[0].col)} to ${sheet.columnName(list[list.length - 1].col)}`;
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
function reversedVariance(
  sheetName: string,
  lines: BudgetLine[],
  columns: Partial<Record<BudgetMeasure, BudgetColumn>>,
): Diagnostic | null {
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

export function readRows(
  sheet: Sheet,
  table: Table & { labelCol: number },
  multipliers: Partial<Record<BudgetMeasure, 1 | 1000>>,
  warnings: Diagnostic[],
): ReadRow[] {
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
      rows.push({ row, label: wider, kind: wider === "" ? "unlabelled" : (totalKind(wider) ?? "line"), values });
      continue;
    }
    const detail = sheet.text(row, table.detailCol);
    const label = wider !== "" && detail !== "" ? `${wider} / ${detail}` : wider || detail;
    rows.push({
      row,
      label,
      wider,
      detail,
      kind: label === "" ? "unlabelled" : (totalKind(wider || detail) ?? "line"),
      values,
    });
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

interface TotalRow {
  read: ReadRow;
  kind: Exclude<RowKind, "line">;
}

/**
 * Splits rows into cost lines and totals, and checks each total against the lines it covers: a
 * subtotal covers the lines since the previous subtotal or total (or since the last group heading), a
 * total every line since the previous total.
 */
function classifyRows(
  sheet: Sheet,
  table: Table & { labelCol: number },
  rows: ReadRow[],
  warnings: Diagnostic[],
): { lines: ReadRow[]; totals: TotalRow[] } {
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
      kind = matches(read, sinceTotal)
        ? "total"
        : matches(read, sinceSubtotal) || matches(read, sinceHeading())
          ? "subtotal"
          : null;
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

export function sumOf(lines: ReadRow[], measure: BudgetMeasure): number {
  return lines.reduce((sum, line) => sum + (line.values[measure]?.value ?? 0), 0);
}

function tolerance(total: SourcedAmount, count: number): number {
  return Math.max(1e-9 * Math.abs(total.value), 0.5 * total.multiplier * Math.max(1, count));
}

function additiveEntries(read: ReadRow): [BudgetMeasure, SourcedAmount][] {
  return measureEntries(read.values).filter(([measure]) => !NOT_ADDITIVE.has(measure));
}

export function matches(total: ReadRow, lines: ReadRow[]): boolean {
  const entries = additiveEntries(total);
  if (lines.length === 0 || entries.length === 0) return false;
  return entries.every(
    ([measure, amount]) => Math.abs(amount.value - sumOf(lines, measure)) <= tolerance(amount, lines.length),
  );
}

function mismatch(sheet: Sheet, total: ReadRow, lines: ReadRow[]): Diagnostic {
  const wrong = additiveEntries(total).find(
    ([measure, amount]) => Math.abs(amount.value - sumOf(lines, measure)) > tolerance(amount, lines.length),
  );
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
