/**
 * The Assumptions sheet: every input a user may change, as shaded input cells with a workbook name
 * ("LAC_...") and a word on where each came from. Every other sheet reads its inputs from here.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import { financialYearEnd, financialYearLabel, monthYearLabel, periodEnd } from "../../core/dates";
import type { Assumptions } from "../assumptions";
import { FORMATS, formula, headers, input, sourcedCell, text, unlinkedNote } from "../cells";
import { rangeRef, ref, SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES } from "../names";
import type { CellValue, DefinedNamePlan, PlanCell, PlanWarning, SheetPlan } from "../plan";
import type { SpendSheet } from "./spend";

export interface AssumptionsInput {
  name: string;
  assumptions: Assumptions;
  spend: SpendSheet;
}

export interface UpliftInputs {
  label: string;
  category: PlacementCategory;
  /** The base cost cell (input, or a link to the Spend sheet's forecast outturn). */
  base: Figure;
  /** One rate cell per projection year. */
  rates: Figure[];
}

export interface AssumptionsSheet {
  sheet: SheetPlan;
  names: DefinedNamePlan[];
  history: { date: Figure; count: Figure }[];
  uplift: UpliftInputs[];
  /** "Mar-23", "Mar-24", ...: the 31 March each uplift year ends on. */
  upliftYearLabels: string[];
  /** The financial year label of the uplift base costs ("2021/22"). */
  upliftBaseLabel: string;
  currentCost: Figure;
  currentCostExcludes: string | null;
  warnings: PlanWarning[];
}

type Column = "label" | "value" | "source" | "meaning";
type Item = { key: keyof typeof ASSUMPTION_NAMES | null; label: string; cell: PlanCell; meaning: string; source: string };

const WEEKS_EXACT = 365 / 7;

export function buildAssumptionsSheet({ name, assumptions: a, spend }: AssumptionsInput): AssumptionsSheet {
  const w = new SheetWriter("assumptions", name);
  const warnings: PlanWarning[] = [];
  const names: DefinedNamePlan[] = [];
  const define = (key: keyof typeof ASSUMPTION_NAMES, pos: Pos, rows = 1): void => {
    names.push({ name: ASSUMPTION_NAMES[key], ref: { sheet: name, row: pos.row, col: pos.col, rows, cols: 1 } });
  };

  w.append(
    [
      [text("Assumptions", "title")],
      [text("Shaded cells are inputs: change one here and every sheet that uses it follows. The Source column says where each came from.", "note")],
    ],
    1,
  );

  // Uplift lines come first in the computation (the current cost may sum their bases) but last on the sheet.
  const years = Math.max(0, ...a.uplift.map((line) => line.rates.length));
  const upliftYearLabels = Array.from({ length: years }, (_, k) => monthYearLabel(financialYearEnd(a.upliftBaseYear + k + 1)));
  const upliftBaseLabel = financialYearLabel(a.upliftBaseYear);

  const fy = a.financialYear?.value ?? null;
  const period = a.period?.value ?? null;
  const items: Item[] = [
    {
      key: "financialYear",
      label: "Financial year of the spend figures",
      cell: input(fy, FORMATS.plain),
      meaning: fy !== null ? `${fy} = ${financialYearLabel(fy)} (named by the year it starts in)` : "Named by the year it starts in: 2021 = 2021/22",
      source: a.financialYear?.source ?? "not found in the sources",
    },
    {
      key: "period",
      label: "Budget monitoring period",
      cell: input(period, FORMATS.plain),
      meaning: "1 = April ... 10 = January, 12 = March",
      source: a.period?.source ?? "not found in the sources",
    },
    {
      key: "periodEnd",
      label: "Period end",
      cell: formula(
        `IF(AND(ISNUMBER(${ASSUMPTION_NAMES.financialYear}),ISNUMBER(${ASSUMPTION_NAMES.period})),EOMONTH(DATE(${ASSUMPTION_NAMES.financialYear},3+${ASSUMPTION_NAMES.period},1),0),"")`,
        fy !== null && period !== null ? periodEnd(fy, period) : "",
        FORMATS.date,
      ),
      meaning: "Last day of the period (from the two cells above)",
      source: "calculated",
    },
    {
      key: "weeksPerYear",
      label: "Weeks per year",
      cell: Math.abs(a.weeksPerYear - WEEKS_EXACT) < 1e-12 ? { ...formula("365/7", a.weeksPerYear, FORMATS.weeks), style: "input" } : input(a.weeksPerYear, FORMATS.weeks),
      meaning: "Turns weekly costs into annual ones: 52 (the budget convention) or =365/7 (52.142857, exact)",
      source: "convention; change it to match your budget",
    },
    {
      key: "population0to17",
      label: "Children aged 0-17 in the area",
      cell: input(a.population0to17.value, FORMATS.count),
      meaning: "ONS mid-year estimate, for rates per 10,000",
      source: a.population0to17.source,
    },
    {
      key: "projectionTargetDate",
      label: "Projection target date",
      cell: input(a.projectionTargetDate, FORMATS.date),
      meaning: "The date the needs projection runs to",
      source: "default: 31 March three years after the spend year; change it",
    },
    {
      key: "projectionMethod",
      label: "Projection method",
      cell: input(a.projectionMethod),
      meaning: "linear (straight-line trend, FORECAST.LINEAR) or exponential (GROWTH)",
      source: "default: linear, as sufficiency strategies use",
    },
    {
      key: "projectedCountGiven",
      label: "Projected count given by the council",
      cell: input(a.projectedLacCount?.value ?? null, FORMATS.count),
      meaning: "Leave blank to use the Needs projection; enter your own projected count to cost that instead",
      source: a.projectedLacCount?.source ?? "not given",
    },
  ];

  // Two more items (the current cost and what it excludes) follow once the uplift bases are placed.
  const itemTable = new TableLayout<Column>(name, w.reserve(items.length + 3), 0, ["label", "value", "source", "meaning"], items.length + 2);
  const currentCostIndex = items.length;

  // History: typed counts are inputs; counts read from a count history sheet link to its cells.
  const history = a.lacHistory.value;
  const linkedSheets = [...new Set(history.flatMap((point) => [point.dateCell, point.countCell]).flatMap((cell) => (cell?.cellIsNumber ? [`'${cell.ref.sheet}'`] : [])))];
  const fromSheets = history.some((point) => point.dateCell || point.countCell);
  const linkedNote = linkedSheets.length
    ? ` Cells in green are links to ${linkedSheets.join(", ")}, not inputs: change a count there and it follows here and in every projection; rebuild to take in a new month.`
    : "";
  w.write(w.reserve(2, 0), 0, [[text("Children looked after over time", "subtitle")], [text(`Feeds the Needs projection. Source: ${a.lacHistory.source}.${linkedNote}`, "note")]]);
  const historyTable = new TableLayout<"date" | "count" | "from">(name, w.reserve(history.length + 1), 0, fromSheets ? ["date", "count", "from"] : ["date", "count"], history.length);
  w.write(historyTable.top, 0, [
    headers(["Date", linkedSheets.length ? `Children looked after (linked to ${linkedSheets.join(", ")})` : "Children looked after", ...(fromSheets ? ["From"] : [])]),
    ...history.map((point) => {
      const notes = [
        point.countCell ? `'${point.countCell.ref.sheet}' row ${point.countCell.ref.row + 1}` : null,
        point.dateCell ? unlinkedNote("The date", point.dateCell) : null,
        point.countCell ? unlinkedNote("The count", point.countCell) : null,
      ].filter((note): note is string => note !== null);
      return historyTable.row({
        date: point.dateCell ? sourcedCell({ value: point.date, ...point.dateCell }, FORMATS.date) : input(point.date, FORMATS.date),
        count: point.countCell ? sourcedCell({ value: point.count, ...point.countCell }, FORMATS.count) : input(point.count, FORMATS.count),
        from: notes.length ? text(notes.join(". "), "note") : null,
      });
    }),
  ]);
  if (history.length > 0) {
    define("historyDates", historyTable.cell(0, "date"), history.length);
    define("historyCounts", historyTable.cell(0, "count"), history.length);
  } else {
    w.append([[text("No counts given yet: enter dates and counts in the rows above and rebuild to project them.", "warning")]]);
  }

  // Uplift lines.
  w.write(w.reserve(2, 0), 0, [
    [text("Uplift by cost line", "subtitle")],
    [text("Each year's uplift = the line's cost at the end of the year before x that year's rate (compounded, unrounded). A base cost linked to the Spend sheet follows its forecast outturn; type over it to fix it.", "note")],
  ]);
  const rateColumns = upliftYearLabels.map((_, k) => `rate${k}` as const);
  type UpliftColumn = "label" | "category" | "base" | `rate${number}` | "source";
  const upliftTable = new TableLayout<UpliftColumn>(name, w.reserve(a.uplift.length + 1), 0, ["label", "category", "base", ...rateColumns, "source"], a.uplift.length);
  const uplift: UpliftInputs[] = [];
  const upliftRows = a.uplift.map((line, i) => {
    let baseCell: PlanCell;
    let baseValue: number | null;
    let source = line.baseCostGbp.source;
    if (line.baseCostGbp.value !== null) {
      baseValue = line.baseCostGbp.value;
      baseCell = input(baseValue, FORMATS.gbp);
    } else {
      const forecast = spend.figure(line.category, "forecastOutturn");
      if (forecast) {
        baseValue = forecast.value ?? 0;
        baseCell = { ...formula(ref(forecast.pos, name), baseValue, FORMATS.gbp), style: "input" };
        source = `forecast outturn of ${CATEGORY_LABELS[line.category]} on the Spend sheet`;
      } else {
        baseValue = null;
        baseCell = input(null, FORMATS.gbp);
        source = "not found: enter the base cost";
        warnings.push({
          severity: "warning",
          message: `Uplift line '${line.label}' takes its base cost from the forecast outturn of ${CATEGORY_LABELS[line.category]}, which the budget does not show: enter a base cost on the Assumptions sheet.`,
          where: `sheet '${name}'`,
        });
      }
    }
    if (line.rates.length < years) {
      warnings.push({
        severity: "warning",
        message: `Uplift line '${line.label}' has ${line.rates.length} rate(s) for ${years} years: the missing years are 0% until you enter them.`,
        where: `sheet '${name}'`,
      });
    }
    const rates = upliftYearLabels.map((_, k) => line.rates[k] ?? 0);
    uplift.push({
      label: line.label,
      category: line.category,
      base: { pos: upliftTable.cell(i, "base"), value: baseValue },
      rates: rates.map((rate, k) => ({ pos: upliftTable.cell(i, rateColumns[k]), value: rate })),
    });
    const cells: Partial<Record<UpliftColumn, PlanCell | null>> = {
      label: input(line.label),
      category: text(CATEGORY_LABELS[line.category]),
      base: baseCell,
      source: text(source, "note"),
    };
    rates.forEach((rate, k) => {
      cells[rateColumns[k]] = input(rate, FORMATS.upliftRate);
    });
    return upliftTable.row(cells);
  });
  w.write(upliftTable.top, 0, [
    headers(["Line", "Placement category", `Base cost ${upliftBaseLabel} £`, ...upliftYearLabels.map((label) => `Rate to ${label}`), "Source of the base cost"]),
    ...upliftRows,
  ]);

  // The current cost, now that the uplift bases are placed.
  let currentCostCell: PlanCell;
  let currentCostValue: CellValue | null;
  let currentCostSource = a.currentCostGbp.source;
  if (a.currentCostGbp.value !== null) {
    currentCostValue = a.currentCostGbp.value;
    currentCostCell = input(currentCostValue, FORMATS.gbp);
  } else if (uplift.length > 0) {
    currentCostValue = uplift.reduce((sum, line) => sum + (line.base.value ?? 0), 0);
    currentCostCell = { ...formula(`SUM(${rangeRef(upliftTable.column("base"), name)})`, currentCostValue, FORMATS.gbp), style: "input" };
    currentCostSource = "sum of the uplift lines' base costs (below)";
  } else {
    currentCostValue = null;
    currentCostCell = input(null, FORMATS.gbp);
    currentCostSource = "not given: enter the current annual cost of placements";
    warnings.push({ severity: "warning", message: "No current cost and no uplift lines: enter the current annual cost of placements on the Assumptions sheet.", where: `sheet '${name}'` });
  }
  const excludes = a.currentCostExcludes ?? null;
  items.push(
    {
      key: "currentCost",
      label: "Current annual cost of placements £",
      cell: currentCostCell,
      meaning: "What the cost projection starts from",
      source: currentCostSource,
    },
    {
      key: null,
      label: "The current cost excludes",
      cell: input(excludes ?? ""),
      meaning: "Printed under the cost projection",
      source: excludes ? "given" : "not given",
    },
  );
  w.write(itemTable.top, 0, [
    headers(["Assumption", "Value", "Source", "Meaning"]),
    ...items.map((item) => itemTable.row({ label: text(item.label, "label"), value: item.cell, meaning: text(item.meaning, "note"), source: text(item.source, "note") })),
  ]);
  items.forEach((item, i) => {
    if (item.key !== null) define(item.key, itemTable.cell(i, "value"));
  });

  return {
    sheet: w.plan({ columnWidths: { 0: 40, 1: 24, 2: 40, 3: 14, 4: 14, 5: 14, 6: 14 } }),
    names,
    history: history.map((point, i) => ({ date: { pos: historyTable.cell(i, "date"), value: point.date }, count: { pos: historyTable.cell(i, "count"), value: point.count } })),
    uplift,
    upliftYearLabels,
    upliftBaseLabel,
    currentCost: { pos: itemTable.cell(currentCostIndex, "value"), value: typeof currentCostValue === "number" ? currentCostValue : null },
    currentCostExcludes: excludes,
    warnings,
  };
}
