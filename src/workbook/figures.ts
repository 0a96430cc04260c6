/**
 * The figures of the care and demand sheets, worked out in one step before anything is laid out: the
 * 903 care measures of each reporting period, and the demand forecast with its costs, its outturn and
 * its scenario. The results are plain data; the sheet builders in workbook/sheets/ only place them in
 * cells and never run a model themselves (a test holds them to that), so a host can show the figures
 * without building a plan.
 *
 * The demand forecast is costed with figures of the core sheets (the Unit costs sheet's weekly costs,
 * the Assumptions sheet's uplift rates, the Spend sheet's budget and actual), so the workbook builder
 * computes these after laying those sheets out and hands their cells over (DemandSheetsInput).
 */
import type { CareHistory } from "../core/careHistory";
import type { RowDiagnostic } from "../core/diagnostics";
import { careMeasures, type PeriodMeasures, type ReportingPeriod, reportingPeriods } from "../core/careMeasures";
import { PLACEMENT_CATEGORIES, type PlacementCategory, type PlacementGroup } from "../core/categories";
import { DEFAULT_MOVE_COUNTING } from "../core/codes903";
import { addYears, financialYearOf, yearEnding } from "../core/dates";
import {
  costByFinancialYear,
  type DemandCostAssumptions,
  type FinancialYearCost,
  type OutturnLineInput,
} from "../core/demand/cost";
import { dataExtent, type ReferencePeriod } from "../core/demand/fit";
import { type DemandForecast, forecastDemand } from "../core/demand/forecast";
import type { Scenario } from "../core/demand/scenario";
import { isLacError } from "../core/errors";
import { DEFAULT_LONG_TERM_DEFINITION } from "../core/stability";
import { maxOf } from "../core/arrays";
import type { Assumptions } from "./assumptions";
import type { Pos } from "./layout";
import type { CellValue } from "./plan";
import type { TypedPrices } from "./sheets/demandCost";

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
