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
type LineColumn =
  "label" | "category" | MoneyMeasure | "placements" | "averageWeeklyCost" | "runRate" | "source" | "notes";

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

/** What the recognised tables hold, which decides the Spend sheet's columns. */
interface SpendShape {
  lines: Line[];
  present: Set<BudgetMeasure>;
  /** No variance column, but budget and forecast: each line's variance is worked out on the sheet. */
  varianceComputed: boolean;
  money: MoneyMeasure[];
  hasPlacements: boolean;
  /** The period is known and actuals are present: a run-rate outturn is shown. */
  runRate: boolean;
  categories: PlacementCategory[];
  commitments: Map<PlacementCategory, number> | null;
}

type LineValues = Partial<Record<LineColumn, number | null>>;
type CategoryValues = Partial<Record<CategoryColumn, number | null>>;

export function buildSpendSheet(input: SpendInput): SpendSheet {
  const { name, recognition } = input;
  const w = new SheetWriter("spend", name);
  const warnings = severalTablesWarning(recognition, name);
  const shape = spendShape(input);
  writeHeading(w, input);
  if (shape.lines.length === 0) return emptySpendSheet(w, warnings);

  // By category, above the lines it sums (the table people read first).
  const categoryColumns = categoryColumnsOf(shape);
  w.write(w.reserve(1, 0), 0, [[text("By placement category", "subtitle")]]);
  const byCategory = new TableLayout(
    name,
    w.reserve(shape.categories.length + 2),
    0,
    categoryColumns,
    shape.categories.length,
  );
  const lineNotesRow = w.reserve(2);

  w.write(w.reserve(1, 0), 0, [[text("Budget lines as recognised", "subtitle")]]);
  const lineColumns = lineColumnsOf(shape);
  const sourceTotalRows = recognition.budgets.reduce(
    (n, b) => n + b.totals.filter((t) => t.kind === "total").length,
    0,
  );
  const lineTable = new TableLayout(
    name,
    w.reserve(shape.lines.length + 2 + (sourceTotalRows > 0 ? sourceTotalRows + 1 : 0), 0),
    0,
    lineColumns,
    shape.lines.length,
  );
  const excluded = writeExcludedLines(w, name, recognition.budgets, shape.money);

  const lineValues = writeLines(w, shape, lineTable, input.period);
  w.addTable(lineTable.tablePlan("LAC_SpendLines"));
  writeSourceTotals(
    w,
    recognition.budgets,
    lineTable,
    lineColumns.filter((c) => SUMMED_LINE_COLUMNS.includes(c)),
    lineValues,
    excluded,
  );
  const { categoryValues, totalValues } = writeCategories(w, shape, byCategory, lineTable, lineValues, input.period);
  w.write(lineNotesRow, 0, spendNotes(shape, input));

  const { categories } = shape;
  const figure = (category: PlacementCategory, column: CategoryColumn): Figure | null => {
    const i = categories.indexOf(category);
    if (i < 0 || !byCategory.has(column)) return null;
    return { pos: byCategory.cell(i, column), value: categoryValues.get(category)?.[column] ?? null };
  };
  return {
    sheet: w.plan({ columnWidths: widths(lineColumns), freeze: { rows: 0, cols: 1 } }),
    categories,
    figure,
    total: (column) =>
      byCategory.has(column) ? { pos: byCategory.totalCell(column), value: totalValues[column] ?? null } : null,
    categoryLabels: categories.map((_, i) => byCategory.cell(i, "category")),
    reportedWeeklyCosts: reportedWeeklyCosts(shape, lineTable, lineValues),
    warnings,
  };
}

/** The sheet when no budget line was recognised: a message on it, a warning, and no figures. */
function emptySpendSheet(w: SheetWriter, warnings: Diagnostic[]): SpendSheet {
  w.append([[text("No budget lines were recognised: there is no spend to show.", "warning")]]);
  warnings.push({
    severity: "warning",
    message: "No budget lines were recognised, so the Spend sheet is empty.",
    where: `sheet '${w.name}'`,
  });
  return {
    sheet: w.plan(),
    categories: [],
    figure: () => null,
    total: () => null,
    categoryLabels: [],
    reportedWeeklyCosts: [],
    warnings,
  };
}

/** The average weekly cost each budget line states itself (where it does), with the cell that holds it. */
function reportedWeeklyCosts(
  shape: ReturnType<typeof spendShape>,
  lineTable: TableLayout<LineColumn>,
  lineValues: LineValues[],
): SpendSheet["reportedWeeklyCosts"] {
  return shape.lines.flatMap(({ line }, i) => {
    const value = lineValues[i].averageWeeklyCost;
    return value === undefined || value === null
      ? []
      : [
          {
            label: line.label,
            category: line.category,
            figure: { pos: lineTable.cell(i, "averageWeeklyCost"), value },
          },
        ];
  });
}

function severalTablesWarning(recognition: Recognition, name: string): Diagnostic[] {
  if (recognition.budgets.length <= 1) return [];
  return [
    {
      severity: "warning",
      message: `${recognition.budgets.length} budget tables were recognised (${recognition.budgets.map((b) => `'${b.sheet}'`).join(", ")}); the Spend sheet adds all their lines together. Check that no table repeats another's figures.`,
      where: `sheet '${name}'`,
    },
  ];
}

function spendShape(input: SpendInput): SpendShape {
  const { recognition, period } = input;
  const lines: Line[] = recognition.budgets.flatMap((budget) => budget.lines.map((line) => ({ line, budget })));
  const present = new Set<BudgetMeasure>(
    recognition.budgets.flatMap((budget) => Object.keys(budget.columns) as BudgetMeasure[]),
  );
  const varianceComputed = !present.has("variance") && present.has("budget") && present.has("forecastOutturn");
  return {
    lines,
    present,
    varianceComputed,
    money: MONEY_MEASURES.filter((m) => present.has(m) || (m === "variance" && varianceComputed)),
    hasPlacements: present.has("placements"),
    runRate: period !== null && present.has("actualToDate"),
    categories: [...new Set(lines.map(({ line }) => line.category))],
    commitments:
      input.periodEnd !== null && present.has("actualToDate")
        ? committedByCategory(recognition.placementLists, input.periodEnd)
        : null,
  };
}

/** The title and a note on each table's units. */
function writeHeading(w: SheetWriter, input: SpendInput): void {
  const { period, recognition } = input;
  const title = `Spend by placement category${period !== null ? `: P${period}` : ""}${input.financialYear !== null ? ` ${financialYearLabel(input.financialYear)}` : ""}`;
  w.append(
    [
      [text(title, "title")],
      [
        text(
          "All figures in £. Each figure in green points at the cell of the budget monitoring sheet it came from, so next month's figures flow through when that sheet is updated.",
          "note",
        ),
      ],
    ],
    0,
  );
  const unitNotes = recognition.budgets.map((b) =>
    text(
      `'${b.sheet}': ${b.units.kind === "thousands" ? "figures in £000, multiplied by 1,000 here" : "figures in £"} (${b.units.source}). Numbers of placements are never scaled.`,
      "note",
    ),
  );
  w.append(unitNotes.map((cell) => [cell]));
}

function categoryColumnsOf(shape: SpendShape): CategoryColumn[] {
  return [
    "category",
    ...shape.money,
    ...(shape.hasPlacements ? (["placements"] as const) : []),
    ...(shape.runRate ? (["runRate"] as const) : []),
    ...(shape.commitments ? (["committed", "commitmentOutturn"] as const) : []),
  ];
}

function lineColumnsOf(shape: SpendShape): LineColumn[] {
  return [
    "label",
    "category",
    ...shape.money,
    ...(shape.hasPlacements ? (["placements"] as const) : []),
    ...(shape.present.has("averageWeeklyCost") ? (["averageWeeklyCost"] as const) : []),
    ...(shape.runRate ? (["runRate"] as const) : []),
    "source",
    "notes",
  ];
}

/** The budget lines, one row each linked to the user's cells, and their total; returns each line's values. */
function writeLines(
  w: SheetWriter,
  shape: SpendShape,
  lineTable: TableLayout<LineColumn>,
  period: number | null,
): LineValues[] {
  const lineMeasures = ([...shape.money, "placements", "averageWeeklyCost"] as const).filter((measure) =>
    lineTable.has(measure),
  );
  const lineValues: LineValues[] = [];
  const lineRows = shape.lines.map((line, i) => {
    const { cells, values } = lineRow(line, i, shape, lineTable, lineMeasures, period);
    lineValues.push(values);
    return lineTable.row(cells);
  });
  const lineTotals: Partial<Record<LineColumn, PlanCell>> = { label: text("Total", "total") };
  for (const column of lineTable.columns.filter((c) => SUMMED_LINE_COLUMNS.includes(c))) {
    const total = sumOf(lineValues.map((v) => v[column] ?? null));
    lineTotals[column] = formula(`SUM(${lineTable.columnAddress(column)})`, total, formatOf(column), "total");
  }
  w.write(lineTable.top, 0, [
    headers(lineTable.columns.map((c) => LINE_HEADERS[c])),
    ...lineRows,
    lineTable.row(lineTotals),
  ]);
  return lineValues;
}

/** One budget line's cells: its label, category, each measure linked to its cell, the run-rate, notes. */
function lineRow(
  { line, budget }: Line,
  i: number,
  shape: SpendShape,
  lineTable: TableLayout<LineColumn>,
  lineMeasures: readonly (MoneyMeasure | "placements" | "averageWeeklyCost")[],
  period: number | null,
): { cells: Partial<Record<LineColumn, PlanCell | null>>; values: LineValues } {
  const values: LineValues = {};
  const cells: Partial<Record<LineColumn, PlanCell | null>> = {
    label: text(line.label, "label"),
    category: text(CATEGORY_LABELS[line.category]),
    source: text(`'${budget.sheet}' row ${line.labelRef.row + 1}`, "note"),
  };
  const notes: string[] = [];
  for (const measure of lineMeasures) {
    if (measure === "variance" && shape.varianceComputed) {
      const value = (line.values.forecastOutturn?.value ?? 0) - (line.values.budget?.value ?? 0);
      values.variance = value;
      cells.variance = formula(
        `${lineTable.address(i, "forecastOutturn")}-${lineTable.address(i, "budget")}`,
        value,
        FORMATS.gbp,
      );
      continue;
    }
    const amount = line.values[measure];
    if (amount === undefined) continue;
    cells[measure] = sourcedCell(amount, formatOf(measure));
    values[measure] = amount.value;
    const note = unlinkedNote(MEASURE_HEADERS[measure], amount);
    if (note) notes.push(note);
  }
  if (shape.runRate && period !== null) {
    const actual = values.actualToDate ?? null;
    values.runRate = actual === null ? null : runRateOutturn(actual, period, PERIODS_IN_YEAR);
    cells.runRate =
      actual === null
        ? null
        : formula(
            `${lineTable.address(i, "actualToDate")}/${ASSUMPTION_NAMES.period}*${PERIODS_IN_YEAR}`,
            values.runRate,
            FORMATS.gbp,
          );
  }
  if (notes.length) cells.notes = text(notes.join(" "), "note");
  return { cells, values };
}

/** By category: the engine's SUMIF over the lines, in one pass; the run-rate and commitments beside; their totals. */
function writeCategories(
  w: SheetWriter,
  shape: SpendShape,
  byCategory: TableLayout<CategoryColumn>,
  lineTable: TableLayout<LineColumn>,
  lineValues: LineValues[],
  period: number | null,
): { categoryValues: Map<PlacementCategory, CategoryValues>; totalValues: CategoryValues } {
  const summed = [...shape.money, "placements"] as const;
  const categorySums = new Map<PlacementCategory, Partial<Record<MoneyMeasure | "placements", number>>>();
  shape.lines.forEach(({ line }, j) => {
    const sums = categorySums.get(line.category) ?? {};
    for (const column of summed) {
      const value = lineValues[j][column];
      if (value !== undefined && value !== null) sums[column] = (sums[column] ?? 0) + value;
    }
    categorySums.set(line.category, sums);
  });
  const categoryValues = new Map<PlacementCategory, CategoryValues>();
  const categoryRows = shape.categories.map((category, i) => {
    const values: CategoryValues = {};
    const cells: Partial<Record<CategoryColumn, PlanCell | null>> = {
      category: text(CATEGORY_LABELS[category], "label"),
    };
    const criteria = byCategory.address(i, "category");
    for (const column of summed) {
      if (!byCategory.has(column)) continue;
      const value = categorySums.get(category)?.[column] ?? 0;
      values[column] = value;
      cells[column] = formula(
        `SUMIF(${lineTable.columnAddress("category")},${criteria},${lineTable.columnAddress(column)})`,
        value,
        formatOf(column),
      );
    }
    if (shape.runRate && period !== null) {
      values.runRate = runRateOutturn(values.actualToDate ?? 0, period, PERIODS_IN_YEAR);
      cells.runRate = formula(
        `${byCategory.address(i, "actualToDate")}/${ASSUMPTION_NAMES.period}*${PERIODS_IN_YEAR}`,
        values.runRate,
        FORMATS.gbp,
      );
    }
    Object.assign(cells, commitmentCells(shape, category, byCategory, i, values));
    categoryValues.set(category, values);
    return byCategory.row(cells);
  });
  const categoryTotals: Partial<Record<CategoryColumn, PlanCell>> = { category: text("Total", "total") };
  const totalValues: CategoryValues = {};
  for (const column of byCategory.columns.slice(1)) {
    totalValues[column] = sumOf(shape.categories.map((c) => categoryValues.get(c)?.[column] ?? null));
    categoryTotals[column] = formula(
      `SUM(${byCategory.columnAddress(column)})`,
      totalValues[column],
      formatOf(column),
      "total",
    );
  }
  w.write(byCategory.top, 0, [
    headers(byCategory.columns.map((c) => CATEGORY_HEADERS[c])),
    ...categoryRows,
    byCategory.row(categoryTotals),
  ]);
  return { categoryValues, totalValues };
}

/** A category's spend committed to 31 March by the placement list, and the outturn it gives (sets `values`). */
function commitmentCells(
  shape: SpendShape,
  category: PlacementCategory,
  byCategory: TableLayout<CategoryColumn>,
  i: number,
  values: CategoryValues,
): Partial<Record<CategoryColumn, PlanCell>> {
  const committed = shape.commitments?.get(category);
  if (!shape.commitments || committed === undefined) return {};
  values.committed = committed;
  values.commitmentOutturn = (values.actualToDate ?? 0) + committed;
  return {
    committed: num(committed, FORMATS.gbp),
    commitmentOutturn: formula(
      `${byCategory.address(i, "actualToDate")}+${byCategory.address(i, "committed")}`,
      values.commitmentOutturn,
      FORMATS.gbp,
    ),
  };
}

/** The notes under the category table: how the run-rate and the commitments are worked out. */
function spendNotes(shape: SpendShape, input: SpendInput): PlanCell[][] {
  const notes: PlanCell[][] = [];
  if (shape.runRate) {
    notes.push([
      text(
        `Run-rate outturn = actual to date / ${ASSUMPTION_NAMES.period} (the period, on the Assumptions sheet) x ${PERIODS_IN_YEAR}. Councils forecast placements from commitments, not a run-rate: the two differ when placements start or end during the year.`,
        "note",
      ),
    ]);
  } else {
    notes.push([
      text(
        "No run-rate outturn: the budget monitoring period is not known. Enter it on the Assumptions sheet and rebuild.",
        "note",
      ),
    ]);
  }
  if (shape.commitments && input.periodEnd !== null) {
    notes.push([
      text(
        `Committed to 31 March = for each placement open at ${formatDate(input.periodEnd)} on the placement list, its weekly cost x weeks from then to the earlier of its end date and 31 March (days / 7). These are values computed when the workbook was built: rebuild after the placement list changes.`,
        "note",
      ),
    ]);
  }
  return notes;
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
  const sourceTotals = budgets.flatMap((budget) =>
    budget.totals.filter((t) => t.kind === "total").map((line) => ({ line, budget })),
  );
  if (sourceTotals.length === 0) return;
  const amountColumns = columns.filter(
    (c): c is MoneyMeasure | "placements" =>
      c !== "runRate" && sourceTotals.some(({ line }) => line.values[c as BudgetMeasure] !== undefined),
  );
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
  const differenceLabel = excluded
    ? "Difference (sum of lines and of lines not counted, less the source's totals)"
    : "Difference (sum of lines less the source's totals)";
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
function writeExcludedLines(
  w: SheetWriter,
  name: string,
  budgets: readonly BudgetMonitoring[],
  money: readonly MoneyMeasure[],
): ExcludedTotals | null {
  const left = budgets.flatMap((budget) => budget.excluded.map((line) => ({ line, budget })));
  if (left.length === 0) return null;
  w.reserve(0, 1);
  w.write(w.reserve(1, 0), 0, [[text("Lines not counted as placements", "subtitle")]]);
  w.write(w.reserve(1, 0), 0, [
    [
      text(
        "Read as not placement costs (or as counted in another table), so left out of the totals above and of the cost projection. To count one, choose its category in the task pane (Sources) or the assumptions file, and build again.",
        "note",
      ),
    ],
  ]);
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
function committedByCategory(
  lists: readonly PlacementList[],
  periodEnd: number,
): Map<PlacementCategory, number> | null {
  if (!lists.some((list) => list.placements.length > 0)) return null;
  const byCategory = new Map<PlacementCategory, number>();
  for (const list of lists) {
    for (const category of new Set(list.placements.map((p) => p.category))) {
      byCategory.set(
        category,
        (byCategory.get(category) ?? 0) + commitmentOutturn(0, periodEnd, commitmentInputs(list, category, periodEnd)),
      );
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
    result[i] =
      column === "label" ? 44 : column === "notes" ? 60 : column === "source" ? 22 : column === "category" ? 30 : 16;
  });
  return result;
}
