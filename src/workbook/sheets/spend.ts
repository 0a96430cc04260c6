/**
 * The Spend sheet: each recognised budget line as live formulas on the council's own cells (in £, so a
 * £000 sheet's cells are multiplied by 1,000), then the same by placement category (SUMIF over the
 * lines), with the run-rate outturn beside the council's forecast and, when a placement list is
 * present, the outturn its commitments give.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import { financialYearLabel, formatDate } from "../../core/dates";
import { commitmentOutturn, PERIODS_IN_YEAR, runRateOutturn } from "../../core/finance";
import { a1 } from "../../core/grid";
import { commitmentInputs } from "../../sources/placementList";
import type { BudgetLine, BudgetMeasure, BudgetMonitoring, PlacementList, Recognition } from "../../sources/recognise";
import { FORMATS, formula, headers, num, sourcedCell, text, unlinkedNote } from "../cells";
import { SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES } from "../names";
import type { PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";

/** The money measures of a budget line, in the order the sheet shows them. */
const MONEY_MEASURES = ["budget", "actualToDate", "commitments", "forecastOutturn", "variance", "movement"] as const;
type MoneyMeasure = (typeof MONEY_MEASURES)[number];

const MEASURE_HEADERS: Record<BudgetMeasure, string> = {
  budget: "Budget £",
  actualToDate: "Actual to date £",
  commitments: "Commitments £",
  forecastOutturn: "Forecast outturn £",
  variance: "Variance £",
  movement: "Movement £",
  placements: "Placements",
  averageWeeklyCost: "Average weekly cost £",
};

type CategoryColumn = "category" | MoneyMeasure | "placements" | "runRate" | "committed" | "commitmentOutturn";
type LineColumn = "label" | "category" | MoneyMeasure | "placements" | "averageWeeklyCost" | "runRate" | "source" | "notes";

export interface SpendInput {
  name: string;
  recognition: Recognition;
  /** The budget monitoring period (1-12) the actuals cover, or null. */
  period: number | null;
  financialYear: number | null;
  periodEnd: number | null;
}

export interface SpendSheet {
  sheet: SheetPlan;
  /** Categories in the order they first appear in the budget lines. */
  categories: PlacementCategory[];
  /** A category's figure for a measure (null when the sheet has no such column). */
  figure(category: PlacementCategory, column: CategoryColumn): Figure | null;
  total(column: CategoryColumn): Figure | null;
  /** The cell holding a category's label (what SUMIF criteria and chart categories read). */
  categoryLabels: Pos[];
  /** Average weekly costs as the budget reports them, line by line. */
  reportedWeeklyCosts: { label: string; category: PlacementCategory; figure: Figure }[];
  warnings: Diagnostic[];
}

interface Line {
  line: BudgetLine;
  budget: BudgetMonitoring;
}

export function buildSpendSheet(input: SpendInput): SpendSheet {
  const { name, recognition, period } = input;
  const w = new SheetWriter("spend", name);
  const warnings: Diagnostic[] = [];
  const lines: Line[] = recognition.budgets.flatMap((budget) => budget.lines.map((line) => ({ line, budget })));
  if (recognition.budgets.length > 1) {
    warnings.push({
      severity: "warning",
      message: `${recognition.budgets.length} budget tables were recognised (${recognition.budgets.map((b) => `'${b.sheet}'`).join(", ")}); the Spend sheet adds all their lines together. Check that no table repeats another's figures.`,
      where: `sheet '${name}'`,
    });
  }

  const present = new Set<BudgetMeasure>(recognition.budgets.flatMap((budget) => Object.keys(budget.columns) as BudgetMeasure[]));
  const varianceComputed = !present.has("variance") && present.has("budget") && present.has("forecastOutturn");
  const money = MONEY_MEASURES.filter((m) => present.has(m) || (m === "variance" && varianceComputed));
  const hasPlacements = present.has("placements");
  const runRate = period !== null && present.has("actualToDate");
  const categories = [...new Set(lines.map(({ line }) => line.category))];
  const commitments = input.periodEnd !== null && present.has("actualToDate") ? committedByCategory(recognition.placementLists, input.periodEnd) : null;

  const title = `Spend by placement category${period !== null ? `: P${period}` : ""}${input.financialYear !== null ? ` ${financialYearLabel(input.financialYear)}` : ""}`;
  w.append([[text(title, "title")], [text("All figures in £. Each figure in green points at the cell of the budget monitoring sheet it came from, so next month's figures flow through when that sheet is updated.", "note")]], 0);
  const unitNotes = recognition.budgets.map((b) =>
    text(`'${b.sheet}': ${b.units.kind === "thousands" ? "figures in £000, multiplied by 1,000 here" : "figures in £"} (${b.units.source}). Numbers of placements are never scaled.`, "note"),
  );
  w.append(unitNotes.map((cell) => [cell]));
  if (lines.length === 0) {
    w.append([[text("No budget lines were recognised: there is no spend to show.", "warning")]]);
    warnings.push({ severity: "warning", message: "No budget lines were recognised, so the Spend sheet is empty.", where: `sheet '${name}'` });
    return { sheet: w.plan(), categories: [], figure: () => null, total: () => null, categoryLabels: [], reportedWeeklyCosts: [], warnings };
  }

  // By category, above the lines it sums (the table people read first).
  const categoryColumns: CategoryColumn[] = [
    "category",
    ...money,
    ...(hasPlacements ? (["placements"] as const) : []),
    ...(runRate ? (["runRate"] as const) : []),
    ...(commitments ? (["committed", "commitmentOutturn"] as const) : []),
  ];
  const categoryTitleRow = w.reserve(1, 0);
  w.write(categoryTitleRow, 0, [[text("By placement category", "subtitle")]]);
  const byCategory = new TableLayout(name, w.reserve(categories.length + 2), 0, categoryColumns, categories.length);
  const lineNotesRow = w.reserve(2);

  w.write(w.reserve(1, 0), 0, [[text("Budget lines as recognised", "subtitle")]]);
  const lineColumns: LineColumn[] = [
    "label",
    "category",
    ...money,
    ...(hasPlacements ? (["placements"] as const) : []),
    ...(present.has("averageWeeklyCost") ? (["averageWeeklyCost"] as const) : []),
    ...(runRate ? (["runRate"] as const) : []),
    "source",
    "notes",
  ];
  const sourceTotalRows = recognition.budgets.reduce((n, b) => n + b.totals.filter((t) => t.kind === "total").length, 0);
  const lineTable = new TableLayout(name, w.reserve(lines.length + 2 + (sourceTotalRows > 0 ? sourceTotalRows + 1 : 0), 0), 0, lineColumns, lines.length);
  const excluded = writeExcludedLines(w, name, recognition.budgets, money);

  // Lines.
  const lineMeasures = ([...money, "placements", "averageWeeklyCost"] as const).filter((measure) => lineTable.has(measure));
  const lineValues: Partial<Record<LineColumn, number | null>>[] = [];
  const lineRows = lines.map(({ line, budget }, i) => {
    const values: Partial<Record<LineColumn, number | null>> = {};
    const cells: Partial<Record<LineColumn, PlanCell | null>> = {
      label: text(line.label, "label"),
      category: text(CATEGORY_LABELS[line.category]),
      source: text(`'${budget.sheet}' row ${line.labelRef.row + 1}`, "note"),
    };
    const notes: string[] = [];
    for (const measure of lineMeasures) {
      if (measure === "variance" && varianceComputed) {
        const budgetValue = line.values.budget?.value ?? null;
        const forecast = line.values.forecastOutturn?.value ?? null;
        const value = (forecast ?? 0) - (budgetValue ?? 0);
        values.variance = value;
        cells.variance = formula(`${lineTable.address(i, "forecastOutturn")}-${lineTable.address(i, "budget")}`, value, FORMATS.gbp);
        continue;
      }
      const amount = line.values[measure];
      if (amount === undefined) continue;
      cells[measure] = sourcedCell(amount, formatOf(measure));
      values[measure] = amount.value;
      const note = unlinkedNote(MEASURE_HEADERS[measure], amount);
      if (note) notes.push(note);
    }
    if (runRate) {
      const actual = values.actualToDate ?? null;
      values.runRate = actual === null ? null : runRateOutturn(actual, period, PERIODS_IN_YEAR);
      cells.runRate = actual === null ? null : formula(`${lineTable.address(i, "actualToDate")}/${ASSUMPTION_NAMES.period}*${PERIODS_IN_YEAR}`, values.runRate, FORMATS.gbp);
    }
    if (notes.length) cells.notes = text(notes.join(" "), "note");
    lineValues.push(values);
    return lineTable.row(cells);
  });
  const lineSumColumns = lineColumns.filter((c) => SUMMED_LINE_COLUMNS.includes(c));
  const lineTotals: Partial<Record<LineColumn, PlanCell>> = { label: text("Total", "total") };
  for (const column of lineSumColumns) {
    const total = sumOf(lineValues.map((v) => v[column] ?? null));
    lineTotals[column] = formula(`SUM(${lineTable.columnAddress(column)})`, total, formatOf(column), "total");
  }
  w.write(lineTable.top, 0, [headers(lineColumns.map((c) => LINE_HEADERS[c])), ...lineRows, lineTable.row(lineTotals)]);
  w.addTable(lineTable.tablePlan("LAC_SpendLines"));
  writeSourceTotals(w, recognition.budgets, lineTable, lineSumColumns, lineValues, excluded);

  // By category: the engine's SUMIF, in one pass over the lines.
  const summed = [...money, "placements"] as const;
  const categorySums = new Map<PlacementCategory, Partial<Record<MoneyMeasure | "placements", number>>>();
  lines.forEach(({ line }, j) => {
    const sums = categorySums.get(line.category) ?? {};
    for (const column of summed) {
      const value = lineValues[j][column];
      if (value !== undefined && value !== null) sums[column] = (sums[column] ?? 0) + value;
    }
    categorySums.set(line.category, sums);
  });
  const categoryValues = new Map<PlacementCategory, Partial<Record<CategoryColumn, number | null>>>();
  const categoryRows = categories.map((category, i) => {
    const values: Partial<Record<CategoryColumn, number | null>> = {};
    const cells: Partial<Record<CategoryColumn, PlanCell | null>> = { category: text(CATEGORY_LABELS[category], "label") };
    const criteria = byCategory.address(i, "category");
    for (const column of summed) {
      if (!byCategory.has(column)) continue;
      const value = categorySums.get(category)?.[column] ?? 0;
      values[column] = value;
      cells[column] = formula(`SUMIF(${lineTable.columnAddress("category")},${criteria},${lineTable.columnAddress(column)})`, value, formatOf(column));
    }
    if (runRate) {
      values.runRate = runRateOutturn(values.actualToDate ?? 0, period, PERIODS_IN_YEAR);
      cells.runRate = formula(`${byCategory.address(i, "actualToDate")}/${ASSUMPTION_NAMES.period}*${PERIODS_IN_YEAR}`, values.runRate, FORMATS.gbp);
    }
    const committed = commitments?.get(category);
    if (commitments && committed !== undefined) {
      values.committed = committed;
      values.commitmentOutturn = (values.actualToDate ?? 0) + committed;
      cells.committed = num(committed, FORMATS.gbp);
      cells.commitmentOutturn = formula(
        `${byCategory.address(i, "actualToDate")}+${byCategory.address(i, "committed")}`,
        values.commitmentOutturn,
        FORMATS.gbp,
      );
    }
    categoryValues.set(category, values);
    return byCategory.row(cells);
  });
  const categoryTotals: Partial<Record<CategoryColumn, PlanCell>> = { category: text("Total", "total") };
  const totalValues: Partial<Record<CategoryColumn, number | null>> = {};
  for (const column of categoryColumns.slice(1)) {
    const rangeCells = categories.map((c) => categoryValues.get(c)?.[column] ?? null);
    totalValues[column] = sumOf(rangeCells);
    categoryTotals[column] = formula(`SUM(${byCategory.columnAddress(column)})`, totalValues[column], formatOf(column), "total");
  }
  w.write(byCategory.top, 0, [headers(categoryColumns.map((c) => CATEGORY_HEADERS[c])), ...categoryRows, byCategory.row(categoryTotals)]);

  const notes: PlanCell[][] = [];
  if (runRate) {
    notes.push([text(`Run-rate outturn = actual to date / ${ASSUMPTION_NAMES.period} (the period, on the Assumptions sheet) x ${PERIODS_IN_YEAR}. Councils forecast placements from commitments, not a run-rate: the two differ when placements start or end during the year.`, "note")]);
  } else {
    notes.push([text("No run-rate outturn: the budget monitoring period is not known. Enter it on the Assumptions sheet and rebuild.", "note")]);
  }
  if (commitments && input.periodEnd !== null) {
    notes.push([
      text(
        `Committed to 31 March = for each placement open at ${formatDate(input.periodEnd)} on the placement list, its weekly cost x weeks from then to the earlier of its end date and 31 March (days / 7). These are values computed when the workbook was built: rebuild after the placement list changes.`,
        "note",
      ),
    ]);
  }
  w.write(lineNotesRow, 0, notes);

  const figure = (category: PlacementCategory, column: CategoryColumn): Figure | null => {
    const i = categories.indexOf(category);
    if (i < 0 || !byCategory.has(column)) return null;
    return { pos: byCategory.cell(i, column), value: categoryValues.get(category)?.[column] ?? null };
  };
  return {
    sheet: w.plan({ columnWidths: widths(lineColumns), freeze: { rows: 0, cols: 1 } }),
    categories,
    figure,
    total: (column) => (byCategory.has(column) ? { pos: byCategory.totalCell(column), value: totalValues[column] ?? null } : null),
    categoryLabels: categories.map((_, i) => byCategory.cell(i, "category")),
    reportedWeeklyCosts: lines.flatMap(({ line }, i) => {
      const value = lineValues[i].averageWeeklyCost;
      return value === undefined || value === null ? [] : [{ label: line.label, category: line.category, figure: { pos: lineTable.cell(i, "averageWeeklyCost"), value } }];
    }),
    warnings,
  };
}

/** Headers both tables share: every measure's, the category and the run-rate. */
const SHARED_HEADERS = { ...MEASURE_HEADERS, category: "Placement category", runRate: "Run-rate outturn £" };

const CATEGORY_HEADERS: Record<CategoryColumn, string> = {
  ...SHARED_HEADERS,
  committed: "Committed to 31 March £ (placement list)",
  commitmentOutturn: "Commitment-based outturn £",
};

const LINE_HEADERS: Record<LineColumn, string> = {
  ...SHARED_HEADERS,
  label: "Line (as the source names it)",
  source: "Source",
  notes: "Notes",
};

/** Rows under the lines: the source's own totals, and the difference from the sum of its lines. */
function writeSourceTotals(
  w: SheetWriter,
  budgets: readonly BudgetMonitoring[],
  lineTable: TableLayout<LineColumn>,
  columns: readonly LineColumn[],
  lineValues: Partial<Record<LineColumn, number | null>>[],
  excluded: ExcludedTotals | null,
): void {
  const sourceTotals = budgets.flatMap((budget) => budget.totals.filter((t) => t.kind === "total").map((line) => ({ line, budget })));
  if (sourceTotals.length === 0) return;
  const amountColumns = columns.filter((c): c is MoneyMeasure | "placements" => c !== "runRate" && sourceTotals.some(({ line }) => line.values[c as BudgetMeasure] !== undefined));
  const first = lineTable.totalRow + 1;
  const rows = sourceTotals.map(({ line, budget }) => {
    const cells: Partial<Record<LineColumn, PlanCell | null>> = {
      label: text(`Total as '${budget.sheet}' shows it`, "label"),
      source: text(`'${budget.sheet}' row ${line.labelRef.row + 1}`, "note"),
    };
    for (const column of amountColumns) {
      const amount = line.values[column];
      if (amount) cells[column] = sourcedCell(amount, formatOf(column));
    }
    return lineTable.row(cells);
  });
  const differenceLabel = excluded ? "Difference (sum of lines and of lines not counted, less the source's totals)" : "Difference (sum of lines less the source's totals)";
  const difference: Partial<Record<LineColumn, PlanCell | null>> = { label: text(differenceLabel, "total") };
  for (const column of amountColumns) {
    const sourceSum = sumOf(sourceTotals.map(({ line }) => line.values[column]?.value ?? null));
    const linesSum = sumOf(lineValues.map((v) => v[column] ?? null));
    const left = excluded?.totals.get(column as MoneyMeasure);
    const col = lineTable.col(column);
    difference[column] = formula(
      `${a1(lineTable.totalRow, col)}${left ? `+${left.address}` : ""}-SUM(${a1(first, col)}:${a1(first + rows.length - 1, col)})`,
      linesSum + (left?.value ?? 0) - sourceSum,
      formatOf(column),
      "total",
    );
  }
  w.write(first, 0, [...rows, lineTable.row(difference)]);
}

type ExcludedColumn = "label" | MoneyMeasure | "source" | "reason";

interface ExcludedTotals {
  /** Each money column's total cell (A1 on the Spend sheet) and value. */
  totals: Map<MoneyMeasure, { address: string; value: number }>;
}

/**
 * "Lines not counted as placements": the lines read as not placement costs (salaries, legal fees,
 * income...), each linked to its cell with the reason, and their total, so the budget sheet's own
 * total still reconciles with the lines counted plus these. Choosing a category for one counts it.
 */
function writeExcludedLines(w: SheetWriter, name: string, budgets: readonly BudgetMonitoring[], money: readonly MoneyMeasure[]): ExcludedTotals | null {
  const left = budgets.flatMap((budget) => budget.excluded.map((line) => ({ line, budget })));
  if (left.length === 0) return null;
  w.reserve(0, 1);
  w.write(w.reserve(1, 0), 0, [[text("Lines not counted as placements", "subtitle")]]);
  w.write(w.reserve(1, 0), 0, [[text("Read as not placement costs (or as counted in another table), so left out of the totals above and of the cost projection. To count one, choose its category in the task pane (Sources) or the assumptions file, and build again.", "note")]]);
  const columns: ExcludedColumn[] = ["label", ...money.filter((m) => m !== "variance"), "source", "reason"];
  const table = new TableLayout(name, w.reserve(left.length + 2), 0, columns, left.length);
  const values: Partial<Record<MoneyMeasure, number>>[] = [];
  const rows = left.map(({ line, budget }) => {
    const cells: Partial<Record<ExcludedColumn, PlanCell | null>> = {
      label: text(line.label, "label"),
      source: text(`'${budget.sheet}' row ${line.labelRef.row + 1}`, "note"),
      reason: text(line.decidedBy, "note"),
    };
    const rowValues: Partial<Record<MoneyMeasure, number>> = {};
    for (const measure of money) {
      const amount = line.values[measure];
      if (!amount || !table.has(measure)) continue;
      cells[measure] = sourcedCell(amount, FORMATS.gbp);
      rowValues[measure] = amount.value;
    }
    values.push(rowValues);
    return table.row(cells);
  });
  const totals = new Map<MoneyMeasure, { address: string; value: number }>();
  const totalCells: Partial<Record<ExcludedColumn, PlanCell>> = { label: text("Total not counted", "total") };
  for (const measure of money) {
    if (!table.has(measure)) continue;
    const value = sumOf(values.map((v) => v[measure] ?? null));
    totalCells[measure] = formula(`SUM(${table.columnAddress(measure)})`, value, FORMATS.gbp, "total");
    totals.set(measure, { address: a1(table.totalRow, table.col(measure)), value });
  }
  w.write(table.top, 0, [headers(columns.map((c) => EXCLUDED_HEADERS[c])), ...rows, table.row(totalCells)]);
  return { totals };
}

const EXCLUDED_HEADERS: Record<ExcludedColumn, string> = {
  ...MEASURE_HEADERS,
  label: "Line (as the source names it)",
  source: "Source",
  reason: "Why it is not counted",
};

/** Spend committed to 31 March by each category's placements open at the period end, over every list. */
function committedByCategory(lists: readonly PlacementList[], periodEnd: number): Map<PlacementCategory, number> | null {
  if (!lists.some((list) => list.placements.length > 0)) return null;
  const byCategory = new Map<PlacementCategory, number>();
  for (const list of lists) {
    for (const category of new Set(list.placements.map((p) => p.category))) {
      byCategory.set(category, (byCategory.get(category) ?? 0) + commitmentOutturn(0, periodEnd, commitmentInputs(list, category, periodEnd)));
    }
  }
  return byCategory;
}

/** The sum of the numbers given, blanks counting as nothing (as SUM and SUMIF count them). */
function sumOf(values: readonly (number | null)[]): number {
  let total = 0;
  for (const value of values) if (value !== null) total += value;
  return total;
}

const SUMMED_LINE_COLUMNS: readonly LineColumn[] = [...MONEY_MEASURES, "placements", "runRate"];

function formatOf(column: LineColumn | CategoryColumn): string {
  return column === "placements" ? FORMATS.count : FORMATS.gbp;
}

function widths(columns: readonly LineColumn[]): Record<number, number> {
  const result: Record<number, number> = {};
  columns.forEach((column, i) => {
    result[i] = column === "label" ? 44 : column === "notes" ? 60 : column === "source" ? 22 : column === "category" ? 30 : 16;
  });
  return result;
}
