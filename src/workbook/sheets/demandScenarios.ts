/**
 * The Scenarios sheet: the scenario's inputs as a table the user edits (the add-in reads it back with
 * readScenarioSheet when it rebuilds, as the command line reads --scenario FILE.json), and the
 * scenario beside the base by financial year, in children and in £.
 *
 * The children are the engine's, recomputed on rebuild: changing an input changes a 20-state daily
 * projection, which no worksheet formula can re-run. The money is live: the scenario's placement days
 * are costed by formulas on the Cost forecast sheet's weekly costs and price factors, and every
 * difference is a formula.
 */
import { CATEGORY_LABELS, type PlacementGroup } from "../../core/categories";
import { AGE_BANDS, type AgeBand, PLACEMENT_GROUP_LABELS } from "../../core/codes903";
import type { DemandForecast } from "../../core/demand/forecast";
import { parseScenarioAdjustment, type Scenario, type ScenarioAdjustment } from "../../core/demand/scenario";
import { LacError } from "../../core/errors";
import { a1, rowCells, type SheetGrid } from "../../core/grid";
import { FORMATS, formula, headers, input, num, text } from "../cells";
import { rangeRef, ref, SheetWriter, TableLayout, type Pos } from "../layout";
import type { CellValue, PlanCell, SheetPlan } from "../plan";
import type { DemandOptions } from "../figures";
import type { DemandCostSheet } from "./demandCost";
import { yearHeading } from "./demandCost";
import { aggregate, monthEnds } from "./demandForecast";
import { TOTAL_KEY } from "../../core/demand/states";

export interface ScenariosSheetInput {
  name: string;
  forecast: DemandForecast;
  options: DemandOptions;
  costSheet: DemandCostSheet;
}

/** The inputs table: its headers as the sheet shows them, and the scenario file's field each holds. */
export const SCENARIO_INPUT_COLUMNS = [
  { field: "type", header: "Type" },
  { field: "from", header: "From" },
  { field: "to", header: "To" },
  { field: "ageBands", header: "Age bands" },
  { field: "multiply", header: "Multiply" },
  { field: "addPerYear", header: "Add per year" },
  { field: "perMonth", header: "Moves a month" },
  { field: "firstDate", header: "First date" },
  { field: "lastDate", header: "Last date" },
] as const;

const NAME_LABEL = "Scenario name";
const DESCRIPTION_LABEL = "Description";
/** The row that closes the inputs table, so the table can grow and still be found. */
const END_OF_INPUTS = "End of scenario inputs: insert rows above this one for more adjustments.";
/** Empty input rows offered below the scenario's own adjustments. */
const SPARE_ROWS = 5;

export function buildScenariosSheet({ name, forecast, options, costSheet }: ScenariosSheetInput): SheetPlan {
  const w = new SheetWriter("demandScenarios", name);
  writeScenarioInputs(w, options.scenario ?? null);
  if (!forecast.scenario) {
    w.append([[text("No scenario yet: fill in the inputs above and rebuild.", "warning")]]);
    return w.plan({ columnWidths: { 0: 30, 1: 24, 2: 24, 3: 30, 4: 12, 5: 14, 6: 14, 7: 13, 8: 13 } });
  }
  const days = writeScenarioDays(w, forecast.scenario, costSheet);
  writeComparison(w, forecast.scenario, days, costSheet);
  writeMonths(w, forecast.base.projection, forecast.scenario);
  return w.plan({ columnWidths: { 0: 30, 1: 24, 2: 24, 3: 30, 4: 14, 5: 14, 6: 14, 7: 14, 8: 14, 9: 14 } });
}

type ScenarioResult = NonNullable<DemandForecast["scenario"]>;
type DaysColumn = "category" | `year${number}`;

/** The title, and the scenario's inputs as a table the user edits, with spare rows and how to fill them. */
function writeScenarioInputs(w: SheetWriter, scenario: Scenario | null): void {
  w.append([
    [text("Scenarios", "title")],
    [
      text(
        "Change the shaded inputs and rebuild (task pane, or the command line with --scenario FILE.json): the add-in re-runs the demand model with the scenario's rates, because a daily projection is not a worksheet formula. The costs and differences below are formulas on the Cost forecast sheet's prices, so a changed weekly cost or uplift rate shows at once.",
        "note",
      ),
    ],
  ]);
  w.append([
    [text(NAME_LABEL, "label"), input(scenario?.name ?? null)],
    [text(DESCRIPTION_LABEL, "label"), input(scenario?.description ?? null)],
  ]);
  const adjustments = scenario?.adjustments ?? [];
  w.append([
    headers(SCENARIO_INPUT_COLUMNS.map((c) => c.header)),
    ...adjustments.map(adjustmentRow),
    ...Array.from({ length: SPARE_ROWS }, () => SCENARIO_INPUT_COLUMNS.map(() => input(null))),
    [text(END_OF_INPUTS, "note")],
  ]);
  w.append([
    [
      text(
        'Type: "entries" (children coming into care), "exits" (leaving care), "transitions" (moving placement group), each with Multiply (0.9 = 10% fewer) and/or Add per year (entries: extra children a year; exits and transitions: extra moves a year per child, 0.1 = one in ten); or "moves": Moves a month from one placement group to another, between First date and Last date (blank = the whole projection).',
        "note",
      ),
    ],
    [
      text(
        `From / To: ${Object.values(PLACEMENT_GROUP_LABELS).join(", ")} (several separated by commas; blank = all). Age bands: ${AGE_BANDS.map((b) => b.label).join(", ")} (blank = all).`,
        "note",
      ),
    ],
  ]);
}

/** The scenario's placement days by category and financial year, costed on the comparison table at the Cost forecast's prices. */
function writeScenarioDays(
  w: SheetWriter,
  result: ScenarioResult,
  costSheet: DemandCostSheet,
): TableLayout<DaysColumn> {
  const scenarioCost = result.cost;
  w.append([[text(`Scenario "${result.scenario.name}": expected placement days`, "subtitle")]], 0);
  const days = new TableLayout<DaysColumn>(
    w.name,
    w.reserve(costSheet.categories.length + 1),
    0,
    ["category", ...costSheet.financialYears.map((fy) => `year${fy}` as const)],
    costSheet.categories.length,
  );
  w.write(days.top, 0, [
    headers(["Category", ...scenarioCost.years.map(yearHeading)]),
    ...costSheet.categories.map((category) =>
      days.row({
        category: text(CATEGORY_LABELS[category], "label"),
        ...Object.fromEntries(
          scenarioCost.years.map((year) => [
            `year${year.financialYear}`,
            num(year.byCategory[category]?.childDays ?? 0, FORMATS.count),
          ]),
        ),
      }),
    ),
  ]);
  return days;
}

type ResultColumn =
  | "year"
  | "baseAverage"
  | "scenarioAverage"
  | "averageDifference"
  | "baseYearEnd"
  | "scenarioYearEnd"
  | "yearEndDifference"
  | "baseCost"
  | "scenarioCost"
  | "costDifference";

const RESULT_HEADERS: Record<ResultColumn, string> = {
  year: "Financial year",
  baseAverage: "Base: average children",
  scenarioAverage: "Scenario: average children",
  averageDifference: "Difference",
  baseYearEnd: "Base: children at 31 March",
  scenarioYearEnd: "Scenario: children at 31 March",
  yearEndDifference: "Difference",
  baseCost: "Base cost £",
  scenarioCost: "Scenario cost £",
  costDifference: "Difference £",
};

/** The scenario beside the base by financial year: children on average and at 31 March, and the cost, each with its difference. */
function writeComparison(
  w: SheetWriter,
  result: ScenarioResult,
  days: TableLayout<DaysColumn>,
  costSheet: DemandCostSheet,
): void {
  const name = w.name;
  const here = (pos: Pos): string => ref(pos, name);
  const { comparison, cost: scenarioCost } = result;
  const columns = Object.keys(RESULT_HEADERS) as ResultColumn[];
  w.append([[text("Scenario beside the base, by financial year", "subtitle")]], 0);
  const results = new TableLayout<ResultColumn>(name, w.reserve(comparison.length + 1), 0, columns, comparison.length);
  const countOrBlank = (count: number | null): PlanCell | null =>
    count === null ? null : num(count, FORMATS.countDecimal);
  w.write(results.top, 0, [
    headers(columns.map((column) => RESULT_HEADERS[column])),
    ...comparison.map((year, i) => {
      const at = (column: ResultColumn): string => here(results.cell(i, column));
      const baseCost = costSheet.totalCost(year.financialYear);
      const scenarioDays = days.column(`year${year.financialYear}`);
      return results.row({
        year: text(yearHeading(scenarioCost.years[i]), "label"),
        baseAverage: num(year.baseAverageChildren, FORMATS.countDecimal),
        scenarioAverage: num(year.scenarioAverageChildren, FORMATS.countDecimal),
        averageDifference: formula(
          `${at("scenarioAverage")}-${at("baseAverage")}`,
          year.differenceChildren,
          FORMATS.countDecimal,
        ),
        baseYearEnd: countOrBlank(year.baseChildrenAtYearEnd),
        scenarioYearEnd: countOrBlank(year.scenarioChildrenAtYearEnd),
        yearEndDifference: formula(
          `IF(AND(ISNUMBER(${at("baseYearEnd")}),ISNUMBER(${at("scenarioYearEnd")})),${at("scenarioYearEnd")}-${at("baseYearEnd")},"")`,
          year.baseChildrenAtYearEnd === null || year.scenarioChildrenAtYearEnd === null
            ? ""
            : year.scenarioChildrenAtYearEnd - year.baseChildrenAtYearEnd,
          FORMATS.countDecimal,
        ),
        baseCost: formula(ref(baseCost.pos, name), baseCost.value, FORMATS.gbp),
        scenarioCost: formula(
          `SUMPRODUCT(${rangeRef(scenarioDays, name)},${rangeRef(costSheet.weeklyCosts, name)},${rangeRef(costSheet.priceFactors(year.financialYear), name)})/7`,
          year.scenarioCostGbp,
          FORMATS.gbp,
        ),
        costDifference: formula(`${at("scenarioCost")}-${at("baseCost")}`, year.differenceGbp, FORMATS.gbp),
      });
    }),
  ]);
}

/** All children looked after at each month end, base and scenario, and the chart of the two. */
function writeMonths(
  w: SheetWriter,
  baseProjection: DemandForecast["base"]["projection"],
  result: ScenarioResult,
): void {
  const here = (pos: Pos): string => ref(pos, w.name);
  const base = aggregate(baseProjection, TOTAL_KEY);
  const alternative = aggregate(result.projection, TOTAL_KEY);
  const dates = monthEnds(baseProjection);
  w.append([[text("All children looked after at each month end", "subtitle")]], 0);
  const months = new TableLayout<"date" | "base" | "scenario" | "difference">(
    w.name,
    w.reserve(dates.length + 1),
    0,
    ["date", "base", "scenario", "difference"],
    dates.length,
  );
  w.write(months.top, 0, [
    headers(["Month end", "Base", "Scenario", "Difference"]),
    ...dates.map((date, i) => {
      const t = date - baseProjection.startDate;
      return months.row({
        date: num(date, FORMATS.date),
        base: num(base.mean[t], FORMATS.countDecimal),
        scenario: num(alternative.mean[t], FORMATS.countDecimal),
        difference: formula(
          `${here(months.cell(i, "scenario"))}-${here(months.cell(i, "base"))}`,
          alternative.mean[t] - base.mean[t],
          FORMATS.countDecimal,
        ),
      });
    }),
  ]);
  w.addChart({
    key: "demandScenarioChildren",
    type: "line",
    title: "All children looked after: base and scenario (expected)",
    categories: months.column("date"),
    series: [
      { name: "Base", values: months.column("base"), color: "1F4E79" },
      {
        name: `Scenario: ${result.scenario.name}`,
        values: months.column("scenario"),
        color: "C55A11",
        dashed: true,
      },
    ],
    anchor: { row: months.top, col: 5, rows: 18, cols: 8 },
    xAxisTitle: "Month end",
    yAxisTitle: "Children",
    yAxisFormat: FORMATS.count,
  });
}

/** One adjustment as a row of the inputs table. */
function adjustmentRow(adjustment: ScenarioAdjustment): PlanCell[] {
  const groups = (list: PlacementGroup[] | PlacementGroup | undefined): string | null =>
    list === undefined ? null : (Array.isArray(list) ? list : [list]).map((g) => PLACEMENT_GROUP_LABELS[g]).join(", ");
  const bands = (list: AgeBand[] | undefined): string | null =>
    list === undefined ? null : list.map((b) => AGE_BANDS.find((a) => a.band === b)?.label ?? b).join(", ");
  const values: Record<(typeof SCENARIO_INPUT_COLUMNS)[number]["field"], CellValue | null> =
    adjustment.type === "moves"
      ? {
          type: "moves",
          from: groups(adjustment.from),
          to: groups(adjustment.to),
          ageBands: bands(adjustment.ageBands),
          multiply: null,
          addPerYear: null,
          perMonth: adjustment.perMonth,
          firstDate: adjustment.firstDate ?? null,
          lastDate: adjustment.lastDate ?? null,
        }
      : {
          type: adjustment.type,
          from: groups(adjustment.from),
          to: groups(adjustment.to),
          ageBands: bands(adjustment.ageBands),
          multiply: adjustment.multiply ?? null,
          addPerYear: adjustment.addPerYear ?? null,
          perMonth: null,
          firstDate: null,
          lastDate: null,
        };
  return SCENARIO_INPUT_COLUMNS.map(({ field }) =>
    input(values[field], field === "firstDate" || field === "lastDate" ? FORMATS.date : undefined),
  );
}

/**
 * Reads the scenario back from the Scenarios sheet as the user left it, or null when it has no name
 * and no adjustments. Errors name the sheet, row and column.
 */
export function readScenarioSheet(grid: SheetGrid): Scenario | null {
  const source = `sheet '${grid.name}'`;
  const cells = grid.cells;
  const textAt = (r: number, c: number): string => {
    const value = cells[r]?.[c];
    return typeof value === "string" ? value.trim() : "";
  };
  const labelRow = (label: string): number =>
    cells.findIndex((row) =>
      (row ?? []).some((cell) => typeof cell === "string" && cell.trim().toLowerCase() === label.toLowerCase()),
    );
  const valueRightOf = (label: string): string => {
    const r = labelRow(label);
    if (r < 0) return "";
    const c = rowCells(grid, r).findIndex(
      (cell) => typeof cell === "string" && cell.trim().toLowerCase() === label.toLowerCase(),
    );
    return textAt(r, c + 1);
  };

  const headerRow = cells.findIndex((cellsOfRow) => {
    const row = cellsOfRow ?? [];
    const first = row.findIndex((cell) => typeof cell === "string" && cell.trim() === SCENARIO_INPUT_COLUMNS[0].header);
    return (
      first >= 0 &&
      SCENARIO_INPUT_COLUMNS.every(
        (column, i) => typeof row[first + i] === "string" && (row[first + i] as string).trim() === column.header,
      )
    );
  });
  if (headerRow < 0) {
    throw new LacError(
      "value",
      `${source}: expected the scenario inputs table with the headers ${SCENARIO_INPUT_COLUMNS.map((c) => `"${c.header}"`).join(", ")}, found none`,
    );
  }
  const left = rowCells(grid, headerRow).findIndex(
    (cell) => typeof cell === "string" && cell.trim() === SCENARIO_INPUT_COLUMNS[0].header,
  );
  const endRow = cells.findIndex(
    (row, r) => r > headerRow && typeof row?.[left] === "string" && row[left].trim() === END_OF_INPUTS,
  );
  if (endRow < 0)
    throw new LacError("value", `${source}: expected the row "${END_OF_INPUTS}" below the scenario inputs, found none`);

  const adjustments: ScenarioAdjustment[] = [];
  for (let r = headerRow + 1; r < endRow; r += 1) {
    const item: Record<string, unknown> = {};
    SCENARIO_INPUT_COLUMNS.forEach(({ field }, i) => {
      const value = cells[r]?.[left + i];
      if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return;
      item[field] = cellField(field, value);
    });
    if (Object.keys(item).length === 0) continue;
    const row = grid.origin.row + r;
    const where = (field?: string): string => {
      const column = SCENARIO_INPUT_COLUMNS.findIndex((c) => c.field === field);
      return column >= 0
        ? `cell ${a1(row, grid.origin.col + left + column)} (${SCENARIO_INPUT_COLUMNS[column].header})`
        : `row ${row + 1}`;
    };
    adjustments.push(parseScenarioAdjustment(item, where, source));
  }
  const name = valueRightOf(NAME_LABEL);
  if (name === "" && adjustments.length === 0) return null;
  const description = valueRightOf(DESCRIPTION_LABEL);
  return { name: name === "" ? "Scenario" : name, ...(description ? { description } : {}), adjustments };
}

/** A cell's value as the scenario file would hold it: lists split at commas, numbers from numeric text. */
function cellField(field: (typeof SCENARIO_INPUT_COLUMNS)[number]["field"], value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (field === "type") return trimmed.toLowerCase();
  if (field === "from" || field === "to" || field === "ageBands") {
    const parts = trimmed
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    return parts.length === 1 ? parts[0] : parts;
  }
  if (field === "multiply" || field === "addPerYear" || field === "perMonth") {
    const number = Number(trimmed.replace(/,/g, ""));
    return trimmed !== "" && Number.isFinite(number) ? number : value;
  }
  return value;
}
