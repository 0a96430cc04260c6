/**
 * The Unit costs sheet: average weekly cost per placement by category, from the placement list when
 * there is one (the weekly costs of the placements open at the period end) and from the budget when it
 * counts placements (spend / (placements x weeks per year)). Weeks per year is the Assumptions sheet's.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import { formatDate } from "../../core/dates";
import { weeklyUnitCost } from "../../core/finance";
import { placementsByCategory } from "../../sources/placementList";
import type { PlacementList } from "../../sources/recognise";
import type { Assumptions } from "../assumptions";
import { FORMATS, formula, headers, num, text } from "../cells";
import { ref, SheetWriter, TableLayout, type Figure } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { CellValue, PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { SpendSheet } from "./spend";

export interface UnitCostsInput {
  name: string;
  assumptions: Assumptions;
  placementLists: readonly PlacementList[];
  spend: SpendSheet;
  periodEnd: number | null;
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

export function buildUnitCostsSheet(input: UnitCostsInput): UnitCostsSheet {
  const { name, assumptions: a, spend, periodEnd } = input;
  const w = new SheetWriter("unitCosts", name);
  const warnings: Diagnostic[] = [];
  const weeklyCost = new Map<PlacementCategory, { pos: Figure["pos"]; value: CellValue }>();
  const weeks = a.weeksPerYear;

  w.append([
    [text("Unit costs: average weekly cost per placement", "title")],
    [
      text(
        `£ per placement per week. Annual cost = weekly cost x ${N.weeksPerYear} (weeks per year, on the Assumptions sheet).`,
        "note",
      ),
    ],
  ]);

  const lists = input.placementLists.filter((list) => list.placements.length > 0);
  if (lists.length > 0 && periodEnd === null) {
    warnings.push({
      severity: "info",
      message:
        "The placement list was not used for unit costs: it needs the period end (the period and financial year on the Assumptions sheet).",
      where: `sheet '${name}'`,
    });
  } else if (lists.length > 0 && periodEnd !== null) {
    const open = openByCategory(lists, periodEnd);
    const categories = [...open.keys()];
    w.write(w.reserve(2, 0), 0, [
      [text("From the placement list", "subtitle")],
      [
        text(
          `Placements on ${lists.map((list) => `'${list.sheet}'`).join(", ")} open at ${formatDate(periodEnd)}. Counts and weekly costs are values taken when the workbook was built: rebuild after the list changes.`,
          "note",
        ),
      ],
    ]);
    const table = new TableLayout<ListColumn>(
      name,
      w.reserve(categories.length + 2),
      0,
      ["category", "placements", "weeklyTotal", "average", "annual"],
      categories.length,
    );
    const rowCells = (
      i: number | "total",
      count: number,
      weeklyTotal: number,
    ): Partial<Record<ListColumn, PlanCell>> => {
      const cell = (column: ListColumn): string =>
        ref(i === "total" ? table.totalCell(column) : table.cell(i, column), name);
      const average: CellValue = count > 0 ? weeklyTotal / count : "";
      const style = i === "total" ? "total" : undefined;
      return {
        average: formula(
          `IF(${cell("placements")}>0,${cell("weeklyTotal")}/${cell("placements")},"")`,
          average,
          FORMATS.gbp,
          style,
        ),
        annual: formula(
          `IF(ISNUMBER(${cell("average")}),${cell("average")}*${N.weeksPerYear},"")`,
          typeof average === "number" ? average * weeks : "",
          FORMATS.gbp,
          style,
        ),
      };
    };
    let allCount = 0;
    let allWeekly = 0;
    const rows = categories.map((category, i) => {
      const { current, weeklyCostGbp } = open.get(category) as { current: number; weeklyCostGbp: number };
      allCount += current;
      allWeekly += weeklyCostGbp;
      const cells = rowCells(i, current, weeklyCostGbp);
      weeklyCost.set(category, { pos: table.cell(i, "average"), value: cells.average?.value ?? "" });
      return table.row({
        category: text(CATEGORY_LABELS[category], "label"),
        placements: num(current, FORMATS.count),
        weeklyTotal: num(weeklyCostGbp, FORMATS.gbp),
        ...cells,
      });
    });
    const sum = (column: ListColumn): string =>
      categories.length
        ? `SUM(${ref(table.cell(0, column), name)}:${ref(table.cell(categories.length - 1, column), name)})`
        : "0";
    const total = table.row({
      category: text("All placements", "total"),
      placements: formula(sum("placements"), allCount, FORMATS.count, "total"),
      weeklyTotal: formula(sum("weeklyTotal"), allWeekly, FORMATS.gbp, "total"),
      ...rowCells("total", allCount, allWeekly),
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
  }

  const budgetCategories = spend.categories.filter((category) => spend.figure(category, "placements") !== null);
  const spendColumn =
    budgetCategories.length && spend.figure(budgetCategories[0], "forecastOutturn")
      ? "forecastOutturn"
      : "actualToDate";
  const period = a.period?.value ?? null;
  if (budgetCategories.length > 0 && (spendColumn === "forecastOutturn" || period !== null)) {
    const fraction = spendColumn === "forecastOutturn" ? 1 : (period as number) / 12;
    w.write(w.reserve(2, 0), 0, [
      [text("From the budget's numbers of placements", "subtitle")],
      [
        text(
          spendColumn === "forecastOutturn"
            ? "Average weekly cost = forecast outturn / (placements x weeks per year)."
            : `Average weekly cost = actual to date / (placements x weeks per year x ${N.period} / 12).`,
          "note",
        ),
      ],
    ]);
    const table = new TableLayout<BudgetColumn>(
      name,
      w.reserve(budgetCategories.length + 1),
      0,
      ["category", "spend", "placements", "average", "annual"],
      budgetCategories.length,
    );
    const rows = budgetCategories.map((category, i) => {
      const spent = spend.figure(category, spendColumn) as Figure;
      const counted = spend.figure(category, "placements") as Figure;
      const cell = (column: BudgetColumn): string => ref(table.cell(i, column), name);
      const average: CellValue =
        spent.value !== null && spent.value >= 0 && counted.value !== null && counted.value > 0
          ? weeklyUnitCost(spent.value, counted.value, weeks, fraction)
          : "";
      if (!weeklyCost.has(category)) weeklyCost.set(category, { pos: table.cell(i, "average"), value: average });
      const divisor =
        spendColumn === "forecastOutturn"
          ? `(${cell("placements")}*${N.weeksPerYear})`
          : `(${cell("placements")}*${N.weeksPerYear}*${N.period}/12)`;
      return table.row({
        category: text(CATEGORY_LABELS[category], "label"),
        spend: formula(ref(spent.pos, name), spent.value ?? 0, FORMATS.gbp),
        placements: formula(ref(counted.pos, name), counted.value ?? 0, FORMATS.count),
        average: formula(
          `IF(AND(${cell("placements")}>0,${cell("spend")}>=0),${cell("spend")}/${divisor},"")`,
          average,
          FORMATS.gbp,
        ),
        annual: formula(
          `IF(ISNUMBER(${cell("average")}),${cell("average")}*${N.weeksPerYear},"")`,
          typeof average === "number" ? average * weeks : "",
          FORMATS.gbp,
        ),
      });
    });
    w.write(table.top, 0, [
      headers([
        "Placement category",
        spendColumn === "forecastOutturn" ? "Forecast outturn £" : "Actual to date £",
        "Placements",
        "Average weekly cost £",
        "Annual cost per placement £",
      ]),
      ...rows,
    ]);
  }

  const reported = spend.reportedWeeklyCosts;
  if (reported.length > 0) {
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
    const linesOf = new Map<PlacementCategory, number>();
    for (const line of reported) linesOf.set(line.category, (linesOf.get(line.category) ?? 0) + 1);
    const rows = reported.map((line, i) => {
      const average = ref(table.cell(i, "average"), name);
      // A category's own figure only when one line reports it: averages of several lines need their weights.
      if (!weeklyCost.has(line.category) && linesOf.get(line.category) === 1)
        weeklyCost.set(line.category, { pos: table.cell(i, "average"), value: line.figure.value ?? "" });
      return table.row({
        label: text(line.label, "label"),
        category: text(CATEGORY_LABELS[line.category]),
        average: formula(ref(line.figure.pos, name), line.figure.value, FORMATS.gbp),
        annual: formula(`${average}*${N.weeksPerYear}`, (line.figure.value ?? 0) * weeks, FORMATS.gbp),
      });
    });
    w.write(table.top, 0, [
      headers([
        "Line (as the source names it)",
        "Placement category",
        "Average weekly cost £",
        "Annual cost per placement £",
      ]),
      ...rows,
    ]);
  }

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

/** Placements open at the period end by category, over every list: how many and their weekly costs. */
function openByCategory(
  lists: readonly PlacementList[],
  periodEnd: number,
): Map<PlacementCategory, { current: number; weeklyCostGbp: number }> {
  const result = new Map<PlacementCategory, { current: number; weeklyCostGbp: number }>();
  for (const list of lists) {
    for (const [category, figures] of Object.entries(placementsByCategory(list, periodEnd)) as [
      PlacementCategory,
      { current: number; weeklyCostGbp: number },
    ][]) {
      const entry = result.get(category) ?? { current: 0, weeklyCostGbp: 0 };
      entry.current += figures.current;
      entry.weeklyCostGbp += figures.weeklyCostGbp;
      result.set(category, entry);
    }
  }
  return result;
}
