/**
 * Every figure a model works out for the workbook, in one step before anything is laid out: the Unit
 * costs, Needs projection and Cost projection figures (computeCoreFigures), the 903 care measures of
 * each reporting period, and the demand forecast with its costs, its outturn and its scenario
 * (computeFigures). The results are plain data; the sheet builders in workbook/sheets/ only place them
 * in cells and never run a model themselves (a test holds them to that), so a host can show the
 * figures without building a plan.
 *
 * The order follows what each is worked out from. The core figures come from the values of the Spend
 * and Assumptions sheets (the cells their formulas read), so the workbook builder lays those two out
 * first. The demand forecast is costed with figures of the core sheets (the Unit costs sheet's weekly
 * costs, the Assumptions sheet's uplift rates, the Spend sheet's budget and actual), so the workbook
 * builder computes it after laying those sheets out and hands their cells over (DemandSheetsInput).
 */
import type { CareHistory } from "../core/careHistory";
import type { RowDiagnostic } from "../core/diagnostics";
import { careMeasures, type PeriodMeasures, type ReportingPeriod, reportingPeriods } from "../core/careMeasures";
import { PLACEMENT_CATEGORIES, type PlacementCategory, type PlacementGroup } from "../core/categories";
import { DEFAULT_MOVE_COUNTING } from "../core/codes903";
import { addMonths, addYears, financialYearOf, yearEnding } from "../core/dates";
import {
  costByFinancialYear,
  type DemandCostAssumptions,
  type FinancialYearCost,
  type OutturnLineInput,
} from "../core/demand/cost";
import { dataExtent, type ReferencePeriod } from "../core/demand/fit";
import { type DemandForecast, forecastDemand } from "../core/demand/forecast";
import type { Scenario } from "../core/demand/scenario";
import { isLacError, LacError } from "../core/errors";
import { costOfMoreChildren, weeklyUnitCost } from "../core/finance";
import { fitProjection, type Projection, type ProjectionMethod } from "../core/projection";
import { ratePer } from "../core/rate";
import { upliftSchedule, type UpliftSchedule } from "../core/uplift";
import { placementsByCategory } from "../sources/placementList";
import type { PlacementList } from "../sources/recognise";
import { DEFAULT_LONG_TERM_DEFINITION } from "../core/stability";
import { maxOf } from "../core/arrays";
import type { Assumptions } from "./assumptions";
import type { Pos } from "./layout";
import type { CellValue } from "./plan";
import type { AssumptionsSheet } from "./sheets/assumptions";
import type { TypedPrices } from "./sheets/demandCost";
import type { SpendSheet } from "./sheets/spend";

/** What the figures depend on besides the 903 data: the assumptions, and the last day of the budget period. */
export interface FiguresBasis {
  assumptions: Assumptions;
  /** Last day of the budget monitoring period (Excel serial), or null when the period is not known. */
  periodEnd: number | null;
}

/** Years of 903 history the rates are fitted to by default. */
export const DEFAULT_REFERENCE_YEARS = 3;

/** What the user chooses for the demand forecast (task pane, or the command line's --scenario). */
export interface DemandOptions {
  /** Default: the DEFAULT_REFERENCE_YEARS years to the period end, or to the end of the 903 data if that is earlier. */
  referencePeriod?: ReferencePeriod;
  /** The last day projected; default 31 March three financial years after the projection starts. */
  projectTo?: number;
  scenario?: Scenario;
  /** Replaces the 903 data's shares of each placement group's children by budget category. */
  shares?: Partial<Record<PlacementGroup, Partial<Record<PlacementCategory, number>>>>;
  /** Weekly costs and uplift rates the user typed on the Cost forecast sheet (readCostForecastSheet). */
  typedPrices?: TypedPrices;
}

/** A cell of another sheet of the plan that a demand formula reads, with its value. */
export interface LinkedCell {
  pos: Pos;
  value: CellValue | null;
}

/** What the workbook builder hands over: the 903 data, the options, and where its own sheets hold the money. */
export interface DemandSheetsInput {
  history: CareHistory;
  options?: DemandOptions;
  /** Average weekly cost by category at the uplift base year's prices (the Unit costs sheet). */
  weeklyCost: Partial<Record<PlacementCategory, LinkedCell>>;
  /** Uplift rate cells by category, one per year after the base year (the Assumptions sheet's uplift lines). */
  upliftRates: Partial<Record<PlacementCategory, LinkedCell[]>>;
  /** This year's figures by category (the Spend sheet). */
  spend: Partial<
    Record<
      PlacementCategory,
      { budget: LinkedCell | null; actualToDate: LinkedCell | null; commitmentOutturn: LinkedCell | null }
    >
  >;
}

/** A linked cell's number, or null when it holds none. */
function linkedNumber(cell: LinkedCell | null | undefined): number | null {
  return cell && typeof cell.value === "number" && Number.isFinite(cell.value) ? cell.value : null;
}

/** The care measures of each reporting period (one column each on the care sheets), and what the data held. */
export interface CareFigures {
  /** Each financial year the returns cover, then the part of the latest year the data reach; empty without episodes. */
  periods: ReportingPeriod[];
  /** The measures of each period, in `periods` order. */
  measures: PeriodMeasures[];
  /** How many children and episodes the measures were counted from. */
  children: number;
  episodes: number;
  /** The rows of the 903 data that could not be used. */
  issues: RowDiagnostic[];
}

/** The demand forecast and what its costing needed, or why there is none. */
export type DemandFigures =
  | { status: "noEpisodes" }
  /** The model refused the data (too little of it, say): the message says why. */
  | { status: "refused"; message: string }
  | {
      status: "forecast";
      referencePeriod: ReferencePeriod;
      forecast: DemandForecast;
      /** The prices the forecast was costed at (typed on the Cost forecast sheet, else linked, else 0). */
      cost: DemandCostAssumptions;
      /** Categories with children in the base or the scenario, in PLACEMENT_CATEGORIES order: one row each on the cost tables. */
      categories: PlacementCategory[];
      /** Those of `categories` with no weekly cost anywhere, so costed at 0. */
      unpriced: PlacementCategory[];
      /** The base forecast's cost of the days after the period end to 31 March; null without an outturn. */
      restOfYear: FinancialYearCost | null;
    };

export interface Figures {
  care: CareFigures;
  demand: DemandFigures;
}

/** Every figure of the care and demand sheets, from the 903 data, the assumptions and the money of the core sheets. */
export function computeFigures(demand: DemandSheetsInput, basis: FiguresBasis): Figures {
  return { care: computeCareFigures(demand.history, basis), demand: computeDemandFigures(demand, basis) };
}

/** The care measures of each reporting period, the population of each from the Assumptions. */
export function computeCareFigures(history: CareHistory, basis: FiguresBasis): CareFigures {
  const { assumptions } = basis;
  const periods = reportingPeriods(history, assumptions.careDataEnd?.value ?? undefined);
  const children = history.children.length;
  const episodes = history.children.reduce((n, child) => n + child.episodes.length, 0);
  if (periods.length === 0) return { periods, measures: [], children, episodes, issues: history.issues };
  const moves = assumptions.stabilityMoves ?? DEFAULT_MOVE_COUNTING;
  const measures = careMeasures(
    history,
    periods.map((p) => p.period),
    {
      moves,
      longTerm: assumptions.stabilityDefinition?.value ?? DEFAULT_LONG_TERM_DEFINITION,
      population: periods.map((p, i) => populationFor(assumptions, p, i === periods.length - 1)),
    },
  );
  return { periods, measures, children, episodes, issues: history.issues };
}

/** The population the Assumptions give for a period's year (keyed by the year of its 31 March), or null. */
export function populationOfYear(assumptions: Assumptions, period: ReportingPeriod): number | null {
  return assumptions.populationByYear[yearEnding(period.financialYear)] ?? null;
}

/** The population for a period: its year's figure, or for the latest column the current one. */
function populationFor(assumptions: Assumptions, period: ReportingPeriod, latest: boolean): number | null {
  return populationOfYear(assumptions, period) ?? (latest ? assumptions.population0to17.value : null);
}

/**
 * The reference period a forecast fits to unless the user chooses one: the DEFAULT_REFERENCE_YEARS
 * years up to the period end, or to the end of the 903 data when that is earlier (the projection
 * starts from the last day children are known). `dataEnd`: the date the data run to (the Assumptions'
 * careDataEnd); without it, the latest date in them.
 */
export function defaultReferencePeriod(
  history: CareHistory,
  periodEnd: number | null,
  dataEnd?: number,
): ReferencePeriod | null {
  const extent = dataExtent(history);
  if (!extent) return null;
  const last = dataEnd ?? extent.last;
  const end = periodEnd === null ? last : Math.min(periodEnd, last);
  return { start: Math.max(extent.first, addYears(end, -DEFAULT_REFERENCE_YEARS) + 1), end };
}

/**
 * The money the demand forecast is costed with, as numbers: the Unit costs sheet's weekly costs, the
 * Assumptions sheet's uplift rates (one a year after the base year) and the Spend sheet's budget and
 * actual to date. Null where a cell holds no number.
 */
export interface DemandMoney {
  weeklyCostGbp: Partial<Record<PlacementCategory, number | null>>;
  upliftRates: Partial<Record<PlacementCategory, (number | null)[]>>;
  spend: Partial<Record<PlacementCategory, { budget: number | null; actualToDate: number | null }>>;
}

/** The numbers of the cells the demand sheets' formulas read. */
export function demandMoneyOf(demand: DemandSheetsInput): DemandMoney {
  const categories = <T>(record: Partial<Record<PlacementCategory, T>>): [PlacementCategory, T][] =>
    Object.entries(record) as [PlacementCategory, T][];
  return {
    weeklyCostGbp: Object.fromEntries(
      categories(demand.weeklyCost).map(([category, cell]) => [category, linkedNumber(cell)]),
    ),
    upliftRates: Object.fromEntries(
      categories(demand.upliftRates).map(([category, cells]) => [category, cells.map(linkedNumber)]),
    ),
    spend: Object.fromEntries(
      categories(demand.spend).map(([category, cells]) => [
        category,
        { budget: linkedNumber(cells.budget), actualToDate: linkedNumber(cells.actualToDate) },
      ]),
    ),
  };
}

/** The demand forecast (base, outturn and scenario), costed at the typed or linked prices. */
export function computeDemandFigures(demand: DemandSheetsInput, basis: FiguresBasis): DemandFigures {
  return forecastFigures(demand.history, demand.options ?? {}, demandMoneyOf(demand), basis);
}

/** The demand figures from the money as numbers: for a host that has the figures but no plan. */
export function forecastFigures(
  history: CareHistory,
  options: DemandOptions,
  money: DemandMoney,
  basis: FiguresBasis,
): DemandFigures {
  const { assumptions, periodEnd } = basis;
  const dataEnd = assumptions.careDataEnd?.value ?? undefined;
  const referencePeriod = options.referencePeriod ?? defaultReferencePeriod(history, periodEnd, dataEnd);
  if (!referencePeriod) return { status: "noEpisodes" };

  const priceYear = assumptions.upliftBaseYear;
  const typed = options.typedPrices;
  const weeklyCost = (category: PlacementCategory): number | null =>
    typed?.weeklyCostGbp[category] ?? money.weeklyCostGbp[category] ?? null;
  const upliftRates = (category: PlacementCategory): number[] => {
    const given = money.upliftRates[category] ?? [];
    const typedYears = Object.keys(typed?.upliftRates[category] ?? {}).map((year) => Number(year) - priceYear);
    return Array.from(
      { length: Math.max(given.length, maxOf(typedYears, 0)) },
      (_, k) => typed?.upliftRates[category]?.[priceYear + 1 + k] ?? given[k] ?? 0,
    );
  };
  const cost: DemandCostAssumptions = {
    weeklyCostGbp: Object.fromEntries(PLACEMENT_CATEGORIES.map((category) => [category, weeklyCost(category) ?? 0])),
    priceYear,
    upliftRates: Object.fromEntries(PLACEMENT_CATEGORIES.map((category) => [category, upliftRates(category)])),
    ...(options.shares ? { shares: options.shares } : {}),
  };
  // Every category, so the outturn table can show the projection's cost where the budget has no line.
  const outturnLines: OutturnLineInput[] = PLACEMENT_CATEGORIES.map((category) => ({
    category,
    budgetGbp: money.spend[category]?.budget ?? null,
    actualToDateGbp: money.spend[category]?.actualToDate ?? 0,
    placements: null,
  }));

  let forecast: DemandForecast;
  try {
    forecast = forecastDemand({
      history,
      referencePeriod,
      ...(dataEnd !== undefined ? { dataEnd } : {}),
      ...(options.projectTo !== undefined ? { projectTo: options.projectTo } : {}),
      cost,
      ...(periodEnd !== null && periodEnd >= referencePeriod.end
        ? { outturn: { periodEnd, lines: outturnLines } }
        : {}),
      ...(options.scenario ? { scenario: options.scenario } : {}),
    });
  } catch (error) {
    if (!isLacError(error)) throw error;
    return { status: "refused", message: error.message };
  }
  const categories = costedCategories(forecast);
  return {
    status: "forecast",
    referencePeriod,
    forecast,
    cost,
    categories,
    unpriced: categories.filter((category) => weeklyCost(category) === null),
    restOfYear: periodEnd !== null && forecast.base.outturn !== null ? restOfYear(forecast, cost, periodEnd) : null,
  };
}

/** The days after the period end to 31 March, costed: none at P12, when the first year costed is the next one. */
function restOfYear(
  forecast: DemandForecast,
  cost: DemandCostAssumptions,
  periodEnd: number,
): FinancialYearCost | null {
  const year = costByFinancialYear(forecast.base.projection, forecast.shares, cost, periodEnd).years.find(
    (y) => y.financialYear === financialYearOf(periodEnd),
  );
  return year ?? null;
}

/** Categories with children in the base or the scenario, in PLACEMENT_CATEGORIES order. */
function costedCategories(forecast: DemandForecast): PlacementCategory[] {
  const present = new Set([...forecast.base.cost.categories, ...(forecast.scenario?.cost.categories ?? [])]);
  return PLACEMENT_CATEGORIES.filter((category) => present.has(category));
}

/*
 * The figures of the core sheets (Unit costs, Needs projection, Cost projection). They are worked out
 * from the values the Spend and Assumptions sheets hold, so after those two are laid out (their cells
 * are the inputs the formulas read) and before the three are; the demand forecast is then costed with
 * the weekly costs worked out here.
 */

/** What the core figures are worked out from: the sources' placement lists and the two input sheets' values. */
export interface CoreFiguresInput {
  assumptions: Assumptions;
  periodEnd: number | null;
  placementLists: readonly PlacementList[];
  spend: Pick<SpendSheet, "categories" | "figure" | "reportedWeeklyCosts">;
  inputs: Pick<AssumptionsSheet, "history" | "uplift" | "currentCost">;
}

/** One category's placements open at the period end, by the placement lists. */
export interface ListUnitCost {
  category: PlacementCategory;
  placements: number;
  weeklyTotalGbp: number;
  /** Weekly total / placements; null without placements. */
  averageGbp: number | null;
}

/** One category's weekly cost from the budget's spend and number of placements. */
export interface BudgetUnitCost {
  category: PlacementCategory;
  spendGbp: number | null;
  placements: number | null;
  /** Spend / (placements x weeks per year x fraction); null without spend or placements. */
  averageGbp: number | null;
}

/** Where a category's average weekly cost comes from: a row of one of the Unit costs sheet's tables. */
export interface ChosenUnitCost {
  category: PlacementCategory;
  table: "list" | "budget" | "reported";
  row: number;
  valueGbp: number | null;
}

export interface UnitCostFigures {
  /** From the placement lists; null without any list with placements, or without the period end. */
  list: { sheets: string[]; openAt: number; rows: ListUnitCost[]; total: Omit<ListUnitCost, "category"> } | null;
  /** The lists had placements but the period end is not known, so they were not used. */
  listNeedsPeriodEnd: boolean;
  /** From the budget's numbers of placements, costed from its forecast outturn or its actual to date. */
  budget: { column: "forecastOutturn" | "actualToDate"; fraction: number; rows: BudgetUnitCost[] } | null;
  /** Each category's weekly cost: the list's, else the budget's, else the one line that reports it. */
  chosen: ChosenUnitCost[];
}

/** The trend through the counts of children looked after, read at each date up to the target. */
export interface NeedsFigures {
  counts: number[];
  dates: number[];
  /** Rate per 10,000 of each count; null without a population. */
  rates: (number | null)[];
  /** Why there is no trend (the fit refused the counts); null when there is one or no counts at all. */
  refused: string | null;
  /** The fitted trend read at each count's date, then at each future date; null without a trend. */
  trend: {
    method: ProjectionMethod;
    atCounts: number[];
    /** Each 12 months back from the target date while after the latest count, then the target itself. */
    future: { date: number; monthsBack: number; count: number; rate: number | null }[];
    atTarget: number;
  } | null;
}

export interface CostProjectionFigures {
  /** Each uplift line's schedule, in the Assumptions sheet's order. */
  schedules: UpliftSchedule[];
  baseTotalGbp: number;
  upliftTotalGbp: number;
  currentCostGbp: number;
  /** The council's own projected count, else the trend's at the target; null without either. */
  projectedCount: number | null;
  /** The cost of the projected count at today's cost per child; null without a latest and projected count. */
  increaseGbp: number | null;
}

export interface CoreFigures {
  unitCosts: UnitCostFigures;
  needs: NeedsFigures;
  costProjection: CostProjectionFigures;
}

/** Every figure of the Unit costs, Needs projection and Cost projection sheets. */
export function computeCoreFigures(input: CoreFiguresInput): CoreFigures {
  const unitCosts = unitCostFigures(input);
  const needs = needsFigures(input.assumptions, input.inputs.history);
  return { unitCosts, needs, costProjection: costProjectionFigures(input, needs) };
}

function unitCostFigures({ assumptions, periodEnd, placementLists, spend }: CoreFiguresInput): UnitCostFigures {
  const lists = placementLists.filter((list) => list.placements.length > 0);
  const list = lists.length > 0 && periodEnd !== null ? listUnitCosts(lists, periodEnd) : null;
  const budget = budgetUnitCosts(spend, assumptions);
  const chosen: ChosenUnitCost[] = (list?.rows ?? []).map((row, i) => ({
    category: row.category,
    table: "list",
    row: i,
    valueGbp: row.averageGbp,
  }));
  const choose = (choice: ChosenUnitCost): void => {
    if (!chosen.some((c) => c.category === choice.category)) chosen.push(choice);
  };
  budget?.rows.forEach((row, i) =>
    choose({ category: row.category, table: "budget", row: i, valueGbp: row.averageGbp }),
  );
  const reported = spend.reportedWeeklyCosts;
  reported.forEach((line, i) => {
    // A category's own figure only when one line reports it: averages of several lines need their weights.
    if (reported.filter((other) => other.category === line.category).length === 1)
      choose({ category: line.category, table: "reported", row: i, valueGbp: line.figure.value });
  });
  return { list, listNeedsPeriodEnd: lists.length > 0 && periodEnd === null, budget, chosen };
}

/** Placements open at the period end by category, over every list: how many and their weekly costs. */
function listUnitCosts(lists: readonly PlacementList[], periodEnd: number): NonNullable<UnitCostFigures["list"]> {
  const open = new Map<PlacementCategory, { current: number; weeklyCostGbp: number }>();
  for (const list of lists) {
    for (const [category, figures] of Object.entries(placementsByCategory(list, periodEnd)) as [
      PlacementCategory,
      { current: number; weeklyCostGbp: number },
    ][]) {
      const entry = open.get(category) ?? { current: 0, weeklyCostGbp: 0 };
      entry.current += figures.current;
      entry.weeklyCostGbp += figures.weeklyCostGbp;
      open.set(category, entry);
    }
  }
  const average = (placements: number, weeklyTotalGbp: number): number | null =>
    placements > 0 ? weeklyTotalGbp / placements : null;
  const rows = [...open].map(([category, { current, weeklyCostGbp }]) => ({
    category,
    placements: current,
    weeklyTotalGbp: weeklyCostGbp,
    averageGbp: average(current, weeklyCostGbp),
  }));
  // Summed in the same order as the rows, so the total matches the sheet's SUM to the last bit.
  let placements = 0;
  let weeklyTotalGbp = 0;
  for (const row of rows) {
    placements += row.placements;
    weeklyTotalGbp += row.weeklyTotalGbp;
  }
  return {
    sheets: lists.map((list) => list.sheet),
    openAt: periodEnd,
    rows,
    total: { placements, weeklyTotalGbp, averageGbp: average(placements, weeklyTotalGbp) },
  };
}

/**
 * Weekly costs from the budget's numbers of placements: its forecast outturn over a year, else its
 * actual to date over the part of the year the period covers (which needs the period).
 */
function budgetUnitCosts(spend: CoreFiguresInput["spend"], assumptions: Assumptions): UnitCostFigures["budget"] {
  const categories = spend.categories.filter((category) => spend.figure(category, "placements") !== null);
  if (categories.length === 0) return null;
  const column = spend.figure(categories[0], "forecastOutturn") ? "forecastOutturn" : "actualToDate";
  const period = assumptions.period?.value ?? null;
  if (column === "actualToDate" && period === null) return null;
  const fraction = column === "forecastOutturn" || period === null ? 1 : period / 12;
  const rows = categories.map((category) => {
    const spendGbp = spend.figure(category, column)?.value ?? null;
    const placements = spend.figure(category, "placements")?.value ?? null;
    const averageGbp =
      spendGbp !== null && spendGbp >= 0 && placements !== null && placements > 0
        ? weeklyUnitCost(spendGbp, placements, assumptions.weeksPerYear, fraction)
        : null;
    return { category, spendGbp, placements, averageGbp };
  });
  return { column, fraction, rows };
}

function needsFigures(assumptions: Assumptions, history: CoreFiguresInput["inputs"]["history"]): NeedsFigures {
  const counts = history.map((h) => h.count.value ?? 0);
  const dates = history.map((h) => h.date.value ?? 0);
  const population = assumptions.population0to17.value;
  const rateOf = (count: number | null): number | null =>
    population !== null && population > 0 && count !== null && count >= 0 ? ratePer(count, population) : null;
  const rates = history.map((h) => rateOf(h.count.value));
  if (history.length === 0) return { counts, dates, rates, refused: null, trend: null };
  let projection: Projection;
  try {
    projection = fitProjection(counts, dates, assumptions.projectionMethod);
  } catch (error) {
    if (!isLacError(error)) throw error;
    return { counts, dates, rates, refused: error.message, trend: null };
  }
  const target = assumptions.projectionTargetDate;
  const lastDate = maxOf(dates, -Infinity);
  const future: { date: number; monthsBack: number }[] = [];
  for (let k = 1; addMonths(target, -12 * k) > lastDate; k += 1)
    future.unshift({ date: addMonths(target, -12 * k), monthsBack: 12 * k });
  future.push({ date: target, monthsBack: 0 });
  return {
    counts,
    dates,
    rates,
    refused: null,
    trend: {
      method: assumptions.projectionMethod,
      atCounts: dates.map((date) => projection.at(date)),
      future: future.map(({ date, monthsBack }) => {
        const count = projection.at(date);
        return { date, monthsBack, count, rate: rateOf(count) };
      }),
      atTarget: projection.at(target),
    },
  };
}

function costProjectionFigures(input: CoreFiguresInput, needs: NeedsFigures): CostProjectionFigures {
  const lines = input.inputs.uplift;
  const schedules = lines.map((line) => {
    try {
      return upliftSchedule(
        line.base.value ?? 0,
        line.rates.map((r) => r.value ?? 0),
      );
    } catch (error) {
      if (isLacError(error))
        throw new LacError(error.code, `Uplift line '${line.label}' on the Assumptions sheet: ${error.message}`);
      throw error;
    }
  });
  const baseTotalGbp = lines.reduce((sum, line) => sum + (line.base.value ?? 0), 0);
  const upliftTotalGbp = schedules.reduce((sum, s) => sum + s.total, 0);
  const currentCostGbp = input.inputs.currentCost.value ?? 0;
  const projectedCount = input.assumptions.projectedLacCount?.value ?? needs.trend?.atTarget ?? null;
  const nowCount = needs.counts.length > 0 ? needs.counts[needs.counts.length - 1] : null;
  const increaseGbp =
    nowCount !== null && nowCount > 0 && projectedCount !== null
      ? costOfMoreChildren(currentCostGbp, nowCount, projectedCount)
      : null;
  return { schedules, baseTotalGbp, upliftTotalGbp, currentCostGbp, projectedCount, increaseGbp };
}
