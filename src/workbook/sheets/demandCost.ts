/**
 * The Cost forecast sheet: the demand forecast's placement days by budget category and financial year
 * (the engine's, recomputed on rebuild) costed by live formulas at each year's prices: weekly cost / 7
 * x the uplifts since the price year, read from the Unit costs and Assumptions sheets, or typed here
 * (readCostForecastSheet reads those back before a rebuild). Then this year's
 * outturn: actual to date (the Spend sheet) + the projected rest of the year, beside the budget and the
 * commitment-based outturn, each with its variance.
 */
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import type { DemandCostAssumptions, FinancialYearCost } from "../../core/demand/cost";
import type { DemandForecast } from "../../core/demand/forecast";
import { financialYearEnd, financialYearLabel, financialYearOf, formatDate } from "../../core/dates";
import { type SheetGrid } from "../../core/grid";
import { FORMATS, formula, headers, input, num, text } from "../cells";
import { categoryNamed, InputSheet, isLinkFormula, numberInput, percentInput } from "../inputCells";
import { rangeRef, ref, SheetWriter, TableLayout, type Pos } from "../layout";
import type { PlanCell, RangeRef, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { DemandSheetsInput, LinkedCell } from "../figures";

export interface DemandCostSheetInput {
  name: string;
  forecast: DemandForecast;
  /** The rows of every cost table, in this order. */
  categories: PlacementCategory[];
  demand: DemandSheetsInput;
  cost: DemandCostAssumptions;
  periodEnd: number | null;
  /** The base forecast's cost of the days after the period end to 31 March (DemandFigures.restOfYear). */
  restOfYear: FinancialYearCost | null;
}

/** Where the prices are, for the Scenarios sheet's costs. */
export interface DemandCostSheet {
  sheet: SheetPlan;
  categories: PlacementCategory[];
  financialYears: number[];
  /** Weekly costs, one row per category in `categories` order. */
  weeklyCosts: RangeRef;
  /** Price factors of a financial year, one row per category. */
  priceFactors(financialYear: number): RangeRef;
  /** The base forecast's total cost of a financial year. */
  totalCost(financialYear: number): { pos: Pos; value: number };
}

/** "2024/25", with the days covered when the projection has only part of the year. */
export function yearHeading(year: FinancialYearCost): string {
  const parts: string[] = [];
  if (year.firstDay !== financialYearEnd(year.financialYear - 1) + 1) parts.push(`from ${formatDate(year.firstDay)}`);
  if (year.lastDay !== financialYearEnd(year.financialYear)) parts.push(`to ${formatDate(year.lastDay)}`);
  return parts.length
    ? `${financialYearLabel(year.financialYear)} (${parts.join(" ")})`
    : financialYearLabel(year.financialYear);
}

/**
 * Weekly costs and uplift rates the user typed on this sheet, read back by readCostForecastSheet: each
 * stands over the Unit costs or Assumptions figure it replaced, or fills a cell that had none. Rates are
 * by the financial year from whose 1 April they apply.
 */
export interface TypedPrices {
  weeklyCostGbp: Partial<Record<PlacementCategory, number>>;
  upliftRates: Partial<Record<PlacementCategory, Record<number, number>>>;
}

const PRICES_TITLE = "Weekly cost and prices";
const CATEGORY_HEADER = "Category";
const WEEKLY_HEADER = "Weekly cost £";

function weeklyCostHeader(priceYear: number): string {
  return `${WEEKLY_HEADER} (${financialYearLabel(priceYear)} prices)`;
}

function upliftHeader(financialYear: number): string {
  return `Uplift from 1 April ${financialYear}`;
}

/** What the user typed here; else a link to another sheet's cell as a formula; else an input cell holding `fallback`. */
function priceCell(
  typed: number | undefined,
  link: LinkedCell | null | undefined,
  from: string,
  fallback: number,
  format: string,
): PlanCell {
  if (typed !== undefined) return input(typed, format);
  return link ? formula(ref(link.pos, from), link.value ?? 0, format) : input(fallback, format);
}

function linkOrBlank(link: LinkedCell | null | undefined, from: string, format: string): PlanCell | null {
  return link ? formula(ref(link.pos, from), link.value ?? "", format) : null;
}

export function buildDemandCostSheet({
  name,
  forecast,
  categories,
  demand,
  cost,
  periodEnd,
  restOfYear,
}: DemandCostSheetInput): DemandCostSheet {
  const w = new SheetWriter("demandCost", name);
  const years = forecast.base.cost.years;
  const financialYears = years.map((y) => y.financialYear);
  const priceYear = cost.priceYear;
  const upliftYears = financialYears.filter((fy) => fy > priceYear);

  w.append([
    [text("Cost forecast by budget category and financial year", "title")],
    [
      text(
        `Cost = expected placement days x weekly cost / 7, at each financial year's prices: the weekly costs are at ${financialYearLabel(priceYear)} prices and each later year's uplift applies from 1 April. Placement days come from the Demand forecast (recomputed on rebuild); the weekly costs and uplift rates are read from the Unit costs and Assumptions sheets, so changing them there recalculates this sheet. Shaded cells had nothing to read: type the figure there. A weekly cost or rate typed here, even over a link, is kept when the workbook is built again.`,
        "note",
      ),
    ],
  ]);

  const prices = writePriceTable(w, { name, categories, demand, cost, financialYears, upliftYears });

  // Placement days and cost, by financial year.
  const days = writeDaysTable(w, categories, years);
  const costs = writeCostTable(w, { categories, years, days, prices });
  addCostChart(w, costs, categories, years.length);

  const outturn = forecast.base.outturn;
  if (periodEnd === null || outturn === null) {
    w.append([
      [
        text(
          "No outturn for this year: it needs the budget monitoring period, and 903 data up to the period end or before it.",
          "warning",
        ),
      ],
    ]);
  } else {
    buildOutturnTable(w, { categories, demand, periodEnd, rest: restOfYear, prices, outturnRows: outturn });
  }

  return {
    sheet: w.plan({
      columnWidths: { 0: 40, ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, 18])) },
      freeze: { rows: 0, cols: 1 },
    }),
    categories,
    financialYears,
    weeklyCosts: prices.column("weekly"),
    priceFactors: (fy) => prices.column(`factor${fy}`),
    totalCost: (fy) => {
      const y = financialYears.indexOf(fy);
      return { pos: costs.totalCell(`year${fy}`), value: years[y].totalCostGbp };
    },
  };
}

type YearColumn = "category" | `year${number}`;

/** The forecast's expected placement days by category and financial year: values, recomputed on rebuild. */
function writeDaysTable(
  w: SheetWriter,
  categories: PlacementCategory[],
  years: FinancialYearCost[],
): TableLayout<YearColumn> {
  const yearColumns = years.map((y) => `year${y.financialYear}` as const);
  w.append([[text("Expected placement days", "subtitle")]], 0);
  const days = new TableLayout<YearColumn>(
    w.name,
    w.reserve(categories.length + 1),
    0,
    ["category", ...yearColumns],
    categories.length,
  );
  w.write(days.top, 0, [
    headers(["Category", ...years.map(yearHeading)]),
    ...categories.map((category) =>
      days.row({
        category: text(CATEGORY_LABELS[category], "label"),
        ...Object.fromEntries(
          years.map((y) => [`year${y.financialYear}`, num(y.byCategory[category]?.childDays ?? 0, FORMATS.count)]),
        ),
      }),
    ),
  ]);
  return days;
}

/** Each category's cost of each year: its days x weekly cost x that year's price factor / 7, and the totals. */
function writeCostTable(
  w: SheetWriter,
  args: {
    categories: PlacementCategory[];
    years: FinancialYearCost[];
    days: TableLayout<YearColumn>;
    prices: TableLayout<PriceColumn>;
  },
): TableLayout<YearColumn> {
  const { categories, years, days, prices } = args;
  const name = w.name;
  const here = (pos: Pos): string => ref(pos, name);
  w.append([[text("Cost £", "subtitle")]], 0);
  const costs = new TableLayout<YearColumn>(
    name,
    w.reserve(categories.length + 2),
    0,
    ["category", ...years.map((y) => `year${y.financialYear}` as const)],
    categories.length,
  );
  w.write(costs.top, 0, [
    headers(["Category", ...years.map(yearHeading)]),
    ...categories.map((category, i) =>
      costs.row({
        category: text(CATEGORY_LABELS[category], "label"),
        ...Object.fromEntries(
          years.map(({ financialYear: fy, byCategory }) => [
            `year${fy}`,
            formula(
              `${here(days.cell(i, `year${fy}`))}*${here(prices.cell(i, "weekly"))}*${here(prices.cell(i, `factor${fy}`))}/7`,
              byCategory[category]?.costGbp ?? 0,
              FORMATS.gbp,
            ),
          ]),
        ),
      }),
    ),
    costs.row({
      category: text("Total", "total"),
      ...Object.fromEntries(
        years.map(({ financialYear: fy, totalCostGbp }) => [
          `year${fy}`,
          formula(sumOf(costs.column(`year${fy}`), name), totalCostGbp, FORMATS.gbp, "total"),
        ]),
      ),
    }),
  ]);
  return costs;
}

/** The cost of each year stacked by category. */
function addCostChart(
  w: SheetWriter,
  costs: TableLayout<YearColumn>,
  categories: PlacementCategory[],
  years: number,
): void {
  const chartTop = w.reserve(20);
  const first = costs.col(costs.columns[1]);
  w.addChart({
    key: "demandCostByYear",
    type: "columnStacked",
    title: "Cost forecast by financial year",
    categories: { sheet: w.name, row: costs.top, col: first, rows: 1, cols: years },
    series: categories.map((category, i) => ({
      name: CATEGORY_LABELS[category],
      values: { sheet: w.name, row: costs.firstRow + i, col: first, rows: 1, cols: years },
    })),
    anchor: { row: chartTop, col: 0, rows: 18, cols: 8 },
    yAxisTitle: "£",
    yAxisFormat: FORMATS.gbp,
  });
}

type PriceColumn = "category" | "weekly" | `uplift${number}` | `factor${number}`;

/** The prices table: each category's weekly cost and uplift rates (typed here, else linked, else 0), and the price factor of each year. */
function writePriceTable(
  w: SheetWriter,
  args: {
    name: string;
    categories: PlacementCategory[];
    demand: DemandSheetsInput;
    cost: DemandCostAssumptions;
    financialYears: number[];
    upliftYears: number[];
  },
): TableLayout<PriceColumn> {
  const { name, categories, demand, cost, financialYears, upliftYears } = args;
  const here = (pos: Pos): string => ref(pos, name);
  const priceYear = cost.priceYear;
  const typed = demand.options?.typedPrices;
  const upliftColumns = upliftYears.map((fy) => `uplift${fy}` as const);
  const factorColumns = financialYears.map((fy) => `factor${fy}` as const);
  w.append([[text(PRICES_TITLE, "subtitle")]], 0);
  const prices = new TableLayout<PriceColumn>(
    name,
    w.reserve(categories.length + 1),
    0,
    ["category", "weekly", ...upliftColumns, ...factorColumns],
    categories.length,
  );
  w.write(prices.top, 0, [
    headers([
      CATEGORY_HEADER,
      weeklyCostHeader(priceYear),
      ...upliftYears.map(upliftHeader),
      ...financialYears.map((fy) => `Price factor ${financialYearLabel(fy)}`),
    ]),
    ...categories.map((category, i) => {
      const cells: Partial<Record<PriceColumn, PlanCell>> = {
        category: text(CATEGORY_LABELS[category], "label"),
        weekly: priceCell(typed?.weeklyCostGbp[category], demand.weeklyCost[category], name, 0, FORMATS.gbp),
      };
      const rates = cost.upliftRates[category] ?? [];
      upliftYears.forEach((fy, k) => {
        cells[`uplift${fy}`] = priceCell(
          typed?.upliftRates[category]?.[fy],
          demand.upliftRates[category]?.[k],
          name,
          rates[k] ?? 0,
          FORMATS.upliftRate,
        );
      });
      let factor = 1;
      financialYears.forEach((fy) => {
        if (fy <= priceYear) {
          cells[`factor${fy}`] = formula("1", 1, FORMATS.weeks);
          return;
        }
        factor *= 1 + (rates[fy - priceYear - 1] ?? 0);
        const growth = upliftYears.filter((u) => u <= fy).map((u) => `(1+${here(prices.cell(i, `uplift${u}`))})`);
        cells[`factor${fy}`] = formula(growth.join("*"), factor, FORMATS.weeks);
      });
      return prices.row(cells);
    }),
  ]);
  return prices;
}

function sumOf(range: RangeRef, from: string): string {
  return range.rows === 0 ? "0" : `SUM(${rangeRef(range, from)})`;
}

/** One row of the outturn table: the Spend sheet's cells it links to, and the figures worked from them. */
interface OutturnRow {
  category: PlacementCategory;
  links: { budget: LinkedCell | null; actual: LinkedCell | null; commitment: LinkedCell | null };
  figures: Record<OutturnFigure, number | null>;
}

type OutturnFigure =
  "budget" | "actual" | "days" | "projected" | "forecast" | "variance" | "commitment" | "commitmentVariance";

type OutturnColumn = "category" | OutturnFigure;

/** This year's outturn by category: actual to date + the projected rest of the year, beside the budget and the commitment outturn. */
function buildOutturnTable(
  w: SheetWriter,
  args: {
    categories: PlacementCategory[];
    demand: DemandSheetsInput;
    periodEnd: number;
    /** The days after the period end to 31 March: none at P12, when the first year costed is the next one. */
    rest: FinancialYearCost | null;
    prices: TableLayout<PriceColumn>;
    outturnRows: NonNullable<DemandForecast["base"]["outturn"]>;
  },
): void {
  const { categories, demand, periodEnd, rest } = args;
  const year = financialYearOf(periodEnd);
  const daysLeft = financialYearEnd(year) - periodEnd;
  const byCategory = new Map(args.outturnRows.map((line) => [line.category, line]));
  const rows = categories
    .filter((category) => demand.spend[category] !== undefined || (rest?.byCategory[category]?.childDays ?? 0) > 0)
    .map((category) => outturnRow(category, demand, rest, byCategory.get(category)?.projectedRemainderGbp ?? 0));
  writeOutturnIntro(w, periodEnd, daysLeft);
  const table = new TableLayout<OutturnColumn>(
    w.name,
    w.reserve(rows.length + 2),
    0,
    ["category", "budget", "actual", "days", "projected", "forecast", "variance", "commitment", "commitmentVariance"],
    rows.length,
  );
  const rowCells = outturnRowCells(table, {
    prices: args.prices,
    priceRow: (category) => categories.indexOf(category),
    factorColumn: daysLeft > 0 ? `factor${year}` : null,
  });
  const sum = (column: OutturnColumn): string => sumOf(table.column(column), w.name);
  const totals = outturnTotals(rows);
  w.write(table.top, 0, [
    headers([
      "Category",
      "Budget £",
      `Actual to ${formatDate(periodEnd)} £`,
      "Placement days to 31 March",
      "Projected to 31 March £",
      "Forecast outturn £",
      "Variance £",
      "Commitment outturn £",
      "Commitment variance £",
    ]),
    ...rows.map((row, i) => table.row(rowCells(row, i))),
    table.row({
      category: text("Total", "total"),
      ...Object.fromEntries(
        (Object.keys(totals) as OutturnFigure[]).map((column) => [
          column,
          formula(sum(column), totals[column], column === "days" ? FORMATS.count : FORMATS.gbp, "total"),
        ]),
      ),
    }),
  ]);
  const unbudgeted = rows.filter((row) => !demand.spend[row.category]);
  if (unbudgeted.length > 0) {
    w.append([
      [
        text(
          `${unbudgeted.map((row) => CATEGORY_LABELS[row.category]).join(", ")}: no budget line was recognised, so the outturn shows only the projected cost to 31 March.`,
          "note",
        ),
      ],
    ]);
  }
  addOutturnChart(w, table, year);
}

/** A category's outturn figures: a missing actual counts as 0, a missing budget or commitment leaves its variance blank. */
function outturnRow(
  category: PlacementCategory,
  demand: DemandSheetsInput,
  rest: FinancialYearCost | null,
  projected: number,
): OutturnRow {
  const spend = demand.spend[category];
  const links = {
    budget: spend?.budget ?? null,
    actual: spend?.actualToDate ?? null,
    commitment: spend?.commitmentOutturn ?? null,
  };
  const numberIn = (cell: LinkedCell | null): number | null => (typeof cell?.value === "number" ? cell.value : null);
  const budget = numberIn(links.budget);
  const actual = numberIn(links.actual) ?? 0;
  const commitment = numberIn(links.commitment);
  const forecast = actual + projected;
  return {
    category,
    links,
    figures: {
      budget,
      actual,
      days: rest?.byCategory[category]?.childDays ?? 0,
      projected,
      forecast,
      variance: budget === null ? null : forecast - budget,
      commitment,
      commitmentVariance: budget === null || commitment === null ? null : commitment - budget,
    },
  };
}

/** Each column's total, blanks counted as 0, added in row order as the sheet's SUM adds them. */
function outturnTotals(rows: OutturnRow[]): Record<OutturnFigure, number> {
  const totals: Record<OutturnFigure, number> = {
    budget: 0,
    actual: 0,
    days: 0,
    projected: 0,
    forecast: 0,
    variance: 0,
    commitment: 0,
    commitmentVariance: 0,
  };
  for (const row of rows)
    for (const key of Object.keys(totals) as OutturnFigure[]) totals[key] += row.figures[key] ?? 0;
  return totals;
}

/** The outturn table's title and how its figures are worked. */
function writeOutturnIntro(w: SheetWriter, periodEnd: number, daysLeft: number): void {
  w.append(
    [
      [text(`${financialYearLabel(financialYearOf(periodEnd))} forecast outturn`, "subtitle")],
      [
        text(
          `${
            daysLeft > 0
              ? `Forecast outturn = actual to ${formatDate(periodEnd)} (the Spend sheet) + the demand forecast's cost of the ${daysLeft} days to 31 March.`
              : `The period ends on 31 March: the forecast outturn is the actual for the year (the Spend sheet), with nothing left to project.`
          } Variance = outturn - budget (positive = overspend). The commitment outturn (open placements to their end dates) is the Spend sheet's.`,
          "note",
        ),
      ],
    ],
    0,
  );
}

/**
 * A row's cells: links to the Spend sheet, the days as values, the projection priced from the prices
 * table (`factorColumn`: this year's price factor; null with no day left, when the price table may not
 * hold this year), and the outturn and variances as formulas.
 */
function outturnRowCells(
  table: TableLayout<OutturnColumn>,
  ctx: {
    prices: TableLayout<PriceColumn>;
    priceRow: (category: PlacementCategory) => number;
    factorColumn: `factor${number}` | null;
  },
): (row: OutturnRow, i: number) => Partial<Record<OutturnColumn, PlanCell | null>> {
  const name = table.sheet;
  const here = (pos: Pos): string => ref(pos, name);
  const { prices, factorColumn } = ctx;
  return ({ category, links, figures }, i) => {
    const at = (column: OutturnColumn): string => here(table.cell(i, column));
    const p = ctx.priceRow(category);
    return {
      category: text(CATEGORY_LABELS[category], "label"),
      budget: linkOrBlank(links.budget, name, FORMATS.gbp),
      actual: linkOrBlank(links.actual, name, FORMATS.gbp),
      days: num(figures.days ?? 0, FORMATS.count),
      projected: factorColumn
        ? formula(
            `${at("days")}*${here(prices.cell(p, "weekly"))}*${here(prices.cell(p, factorColumn))}/7`,
            figures.projected ?? 0,
            FORMATS.gbp,
          )
        : num(0, FORMATS.gbp),
      forecast: formula(`SUM(${at("actual")},${at("projected")})`, figures.forecast ?? 0, FORMATS.gbp),
      variance: formula(
        `IF(ISNUMBER(${at("budget")}),${at("forecast")}-${at("budget")},"")`,
        figures.variance ?? "",
        FORMATS.gbp,
      ),
      commitment: linkOrBlank(links.commitment, name, FORMATS.gbp),
      commitmentVariance: formula(
        `IF(AND(ISNUMBER(${at("budget")}),ISNUMBER(${at("commitment")})),${at("commitment")}-${at("budget")},"")`,
        figures.commitmentVariance ?? "",
        FORMATS.gbp,
      ),
    };
  };
}

/** Budget, forecast outturn and commitment outturn side by side, by category. */
function addOutturnChart(w: SheetWriter, table: TableLayout<OutturnColumn>, year: number): void {
  const chartTop = w.reserve(20);
  w.addChart({
    key: "demandCostOutturn",
    type: "columnClustered",
    title: `${financialYearLabel(year)}: budget, forecast outturn and commitment outturn`,
    categories: table.column("category"),
    series: [
      { name: "Budget", values: table.column("budget"), color: "7F7F7F" },
      { name: "Forecast outturn (demand)", values: table.column("forecast"), color: "1F4E79" },
      { name: "Commitment outturn", values: table.column("commitment"), color: "C55A11" },
    ],
    anchor: { row: chartTop, col: 0, rows: 18, cols: 8 },
    yAxisTitle: "£",
    yAxisFormat: FORMATS.gbp,
  });
}

const WEEKLY_COST = numberInput("a weekly cost in £ (0 or more)", (n) => n >= 0);
const UPLIFT_RATE = percentInput(
  "an annual rate above -100% and at most 100%, such as 5% (0.05)",
  (n) => n > -1 && n <= 1,
);

/**
 * Reads back the weekly costs and uplift rates the user typed on the Cost forecast sheet (the prices
 * table, found by its title and headers). A cell still linking to the Unit costs or Assumptions sheet
 * is not a typed price, and neither is 0, the figure the sheet shows where it has none: the linked or
 * default figure stands there. Never throws: what cannot be read is left out, with a warning naming it.
 */
export function readCostForecastSheet(grid: SheetGrid): { prices: TypedPrices; warnings: Diagnostic[] } {
  const sheet = new InputSheet(grid);
  const prices: TypedPrices = { weeklyCostGbp: {}, upliftRates: {} };
  const title = sheet.find(PRICES_TITLE);
  const header = title === null ? null : sheet.findRow(CATEGORY_HEADER, title.col, title.row + 1);
  if (title === null || header === null) return { prices, warnings: sheet.warnings };
  const columns: { col: number; year: number | null }[] = [];
  for (let col = title.col + 1; sheet.text(header, col) !== ""; col += 1) {
    const shown = sheet.text(header, col);
    const year = Number(/(\d{4})$/.exec(shown)?.[1]);
    if (shown.startsWith(WEEKLY_HEADER)) columns.push({ col, year: null });
    else if (upliftHeader(year) === shown) columns.push({ col, year });
  }
  for (let row = header + 1; sheet.text(row, title.col) !== ""; row += 1) {
    const category = categoryNamed(sheet.text(row, title.col));
    if (!category) continue;
    for (const { col, year } of columns) {
      const what = `${CATEGORY_LABELS[category]} ${sheet.text(header, col).toLowerCase()}`;
      const typed = sheet.read(row, col, what, year === null ? WEEKLY_COST : UPLIFT_RATE, {
        blank: "null",
        built: isLinkFormula,
      })?.value;
      if (typed === undefined || typed === null || typed === 0) continue;
      if (year === null) prices.weeklyCostGbp[category] = typed;
      else prices.upliftRates[category] = { ...prices.upliftRates[category], [year]: typed };
    }
  }
  return { prices, warnings: sheet.warnings };
}
