/**
 * The Unit costs sheet: average weekly cost per placement by category, from the placement list when
 * there is one (the weekly costs of the placements open at the period end) and from the budget when it
 * counts placements (spend / (placements x weeks per year)). Weeks per year is the Assumptions sheet's.
 * The figures are worked out beforehand (computeCoreFigures); this places them and their formulas.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import { formatDate } from "../../core/dates";
import type { Assumptions } from "../assumptions";
import type { ChosenUnitCost, UnitCostFigures } from "../figures";
import { FORMATS, formula, headers, num, text } from "../cells";
import { ref, SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { CellValue, PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { SpendSheet } from "./spend";

export interface UnitCostsInput {
  name: string;
  assumptions: Assumptions;
  spend: SpendSheet;
  figures: UnitCostFigures;
}

export interface UnitCostsSheet {
  sheet: SheetPlan;
  /** Average weekly cost by category from the placement list (else the budget), for the summary. */
  weeklyCost: Map<PlacementCategory, { pos: Figure["pos"]; value: CellValue }>;
  warnings: Diagnostic[];
}

type ListColumn = "category" | "placements" | "weeklyTotal" | "average" | "annual";
type BudgetColumn = "category" | "spend" | "placements" | "average" | "annual";
type ReportedColumn = "label" | "category" | "average" | "annual";

/** Where each table put its average weekly cost of a row. */
type AverageCells = Partial<Record<ChosenUnitCost["table"], (row: number) => Pos>>;

export function buildUnitCostsSheet(input: UnitCostsInput): UnitCostsSheet {
  const { name, assumptions: a, spend, figures } = input;
  const w = new SheetWriter("unitCosts", name);
  const warnings: Diagnostic[] = [];

  w.append([
    [text("Unit costs: average weekly cost per placement", "title")],
    [
      text(
        `£ per placement per week. Annual cost = weekly cost x ${N.weeksPerYear} (weeks per year, on the Assumptions sheet).`,
        "note",
      ),
    ],
  ]);
  if (figures.listNeedsPeriodEnd) {
    warnings.push({
      severity: "info",
      message:
        "The placement list was not used for unit costs: it needs the period end (the period and financial year on the Assumptions sheet).",
      where: `sheet '${name}'`,
    });
  }
  const averages: AverageCells = {
    ...(figures.list ? { list: writeListTable(w, figures.list, a.weeksPerYear) } : {}),
    ...(figures.budget ? { budget: writeBudgetTable(w, figures.budget, spend, a.weeksPerYear) } : {}),
    ...(spend.reportedWeeklyCosts.length > 0
      ? { reported: writeReportedTable(w, spend.reportedWeeklyCosts, a.weeksPerYear) }
      : {}),
  };
  const weeklyCost = new Map<PlacementCategory, { pos: Pos; value: CellValue }>(
    figures.chosen.map((c) => [
      c.category,
      { pos: (averages[c.table] as (row: number) => Pos)(c.row), value: c.valueGbp ?? "" },
    ]),
  );

  if (weeklyCost.size === 0) {
    w.append([
      [
        text(
          "No unit costs: they need a placement list, or numbers of placements in the budget monitoring sheet.",
          "warning",
        ),
      ],
    ]);
    warnings.push({
      severity: "info",
      message:
        "No unit costs were calculated: the sources have no placement list, and the budget neither counts placements nor reports average weekly costs.",
      where: `sheet '${name}'`,
    });
  }

  return { sheet: w.plan({ columnWidths: { 0: 40, 1: 20, 2: 22, 3: 22, 4: 24 } }), weeklyCost, warnings };
}

/** The placements open at the period end, by category, with a total: returns where each row's average is. */
function writeListTable(
  w: SheetWriter,
  list: NonNullable<UnitCostFigures["list"]>,
  weeks: number,
): (row: number) => Pos {
  const name = w.name;
  w.write(w.reserve(2, 0), 0, [
    [text("From the placement list", "subtitle")],
    [
      text(
        `Placements on ${list.sheets.map((sheet) => `'${sheet}'`).join(", ")} open at ${formatDate(list.openAt)}. Counts and weekly costs are values taken when the workbook was built: rebuild after the list changes.`,
        "note",
      ),
    ],
  ]);
  const n = list.rows.length;
  const table = new TableLayout<ListColumn>(
    name,
    w.reserve(n + 2),
    0,
    ["category", "placements", "weeklyTotal", "average", "annual"],
    n,
  );
  const averageCells = (i: number | "total", average: number | null): Partial<Record<ListColumn, PlanCell>> => {
    const cell = (column: ListColumn): string =>
      ref(i === "total" ? table.totalCell(column) : table.cell(i, column), name);
    const style = i === "total" ? "total" : undefined;
    return {
      average: formula(
        `IF(${cell("placements")}>0,${cell("weeklyTotal")}/${cell("placements")},"")`,
        average ?? "",
        FORMATS.gbp,
        style,
      ),
      annual: formula(
        `IF(ISNUMBER(${cell("average")}),${cell("average")}*${N.weeksPerYear},"")`,
        average !== null ? average * weeks : "",
        FORMATS.gbp,
        style,
      ),
    };
  };
  const rows = list.rows.map((row, i) =>
    table.row({
      category: text(CATEGORY_LABELS[row.category], "label"),
      placements: num(row.placements, FORMATS.count),
      weeklyTotal: num(row.weeklyTotalGbp, FORMATS.gbp),
      ...averageCells(i, row.averageGbp),
    }),
  );
  const sum = (column: ListColumn): string =>
    n ? `SUM(${ref(table.cell(0, column), name)}:${ref(table.cell(n - 1, column), name)})` : "0";
  const total = table.row({
    category: text("All placements", "total"),
    placements: formula(sum("placements"), list.total.placements, FORMATS.count, "total"),
    weeklyTotal: formula(sum("weeklyTotal"), list.total.weeklyTotalGbp, FORMATS.gbp, "total"),
    ...averageCells("total", list.total.averageGbp),
  });
  w.write(table.top, 0, [
    headers([
      "Placement category",
      "Placements",
      "Weekly cost of those placements £",
      "Average weekly cost £",
      "Annual cost per placement £",
    ]),
    ...rows,
    total,
  ]);
  return (i) => table.cell(i, "average");
}

/** Weekly costs from the budget's numbers of placements, each cell a formula over the Spend sheet's. */
function writeBudgetTable(
  w: SheetWriter,
  budget: NonNullable<UnitCostFigures["budget"]>,
  spend: SpendSheet,
  weeks: number,
): (row: number) => Pos {
  const name = w.name;
  const outturn = budget.column === "forecastOutturn";
  w.write(w.reserve(2, 0), 0, [
    [text("From the budget's numbers of placements", "subtitle")],
    [
      text(
        outturn
          ? "Average weekly cost = forecast outturn / (placements x weeks per year)."
          : `Average weekly cost = actual to date / (placements x weeks per year x ${N.period} / 12).`,
        "note",
      ),
    ],
  ]);
  const table = new TableLayout<BudgetColumn>(
    name,
    w.reserve(budget.rows.length + 1),
    0,
    ["category", "spend", "placements", "average", "annual"],
    budget.rows.length,
  );
  const rows = budget.rows.map((row, i) => {
    const spent = spend.figure(row.category, budget.column) as Figure;
    const counted = spend.figure(row.category, "placements") as Figure;
    const cell = (column: BudgetColumn): string => ref(table.cell(i, column), name);
    const divisor = outturn
      ? `(${cell("placements")}*${N.weeksPerYear})`
      : `(${cell("placements")}*${N.weeksPerYear}*${N.period}/12)`;
    return table.row({
      category: text(CATEGORY_LABELS[row.category], "label"),
      spend: formula(ref(spent.pos, name), row.spendGbp ?? 0, FORMATS.gbp),
      placements: formula(ref(counted.pos, name), row.placements ?? 0, FORMATS.count),
      average: formula(
        `IF(AND(${cell("placements")}>0,${cell("spend")}>=0),${cell("spend")}/${divisor},"")`,
        row.averageGbp ?? "",
        FORMATS.gbp,
      ),
      annual: formula(
        `IF(ISNUMBER(${cell("average")}),${cell("average")}*${N.weeksPerYear},"")`,
        row.averageGbp !== null ? row.averageGbp * weeks : "",
        FORMATS.gbp,
      ),
    });
  });
  w.write(table.top, 0, [
    headers([
      "Placement category",
      outturn ? "Forecast outturn £" : "Actual to date £",
      "Placements",
      "Average weekly cost £",
      "Annual cost per placement £",
    ]),
    ...rows,
  ]);
  return (i) => table.cell(i, "average");
}

/** The budget's own average weekly costs, line by line, linked to the Spend sheet. */
function writeReportedTable(
  w: SheetWriter,
  reported: SpendSheet["reportedWeeklyCosts"],
  weeks: number,
): (row: number) => Pos {
  const name = w.name;
  w.write(w.reserve(2, 0), 0, [
    [text("As the budget reports them", "subtitle")],
    [text("The budget monitoring sheet's own average weekly costs, line by line.", "note")],
  ]);
  const table = new TableLayout<ReportedColumn>(
    name,
    w.reserve(reported.length + 1),
    0,
    ["label", "category", "average", "annual"],
    reported.length,
  );
  const rows = reported.map((line, i) =>
    table.row({
      label: text(line.label, "label"),
      category: text(CATEGORY_LABELS[line.category]),
      average: formula(ref(line.figure.pos, name), line.figure.value, FORMATS.gbp),
      annual: formula(
        `${ref(table.cell(i, "average"), name)}*${N.weeksPerYear}`,
        (line.figure.value ?? 0) * weeks,
        FORMATS.gbp,
      ),
    }),
  );
  w.write(table.top, 0, [
    headers([
      "Line (as the source names it)",
      "Placement category",
      "Average weekly cost £",
      "Annual cost per placement £",
    ]),
    ...rows,
  ]);
  return (i) => table.cell(i, "average");
}
