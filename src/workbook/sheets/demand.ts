/**
 * The demand sheets: Demand forecast (children by placement group and age band, with a band), Cost
 * forecast (by budget category and financial year, this year's outturn beside the budget and the
 * commitments) and Scenarios (inputs, and the scenario beside the base).
 *
 * What is live and what is recomputed: the demand model is a 20-state daily projection, which no
 * worksheet formula can re-run, so children and placement days are the engine's values, recomputed on
 * every rebuild. The money is live: costs are formulas on those placement days and on the weekly costs
 * and uplift rates of the Unit costs and Assumptions sheets (and budget figures of the Spend sheet), so
 * a changed weekly cost or rate recalculates the Cost forecast and Scenarios sheets in Excel at once.
 * A scenario's inputs are on the Scenarios sheet; the add-in reads them back (readScenarioSheet) when
 * it rebuilds.
 */
import { addYears, formatDate } from "../../core/dates";
import type { CareHistory } from "../../core/careHistory";
import { CATEGORY_LABELS, type PlacementCategory, type PlacementGroup, PLACEMENT_CATEGORIES } from "../../core/categories";
import type { DemandCostAssumptions, OutturnLineInput } from "../../core/demand/cost";
import { dataExtent, type ReferencePeriod } from "../../core/demand/fit";
import { type DemandForecast, forecastDemand } from "../../core/demand/forecast";
import type { Scenario } from "../../core/demand/scenario";
import { isLacError } from "../../core/errors";
import type { SheetContext, SheetsPart } from "../context";
import type { Pos } from "../layout";
import type { CellValue } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { SheetSpec } from "../names";
import { buildDemandCostSheet, type TypedPrices } from "./demandCost";
import { buildDemandForecastSheet } from "./demandForecast";
import { buildScenariosSheet } from "./demandScenarios";
import { maxOf, pushAll } from "../../core/arrays";

export const DEMAND_SHEETS = [
  { key: "demandForecast", name: "Demand forecast" },
  { key: "demandCost", name: "Cost forecast" },
  { key: "demandScenarios", name: "Scenarios" },
] as const satisfies readonly SheetSpec[];

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
  spend: Partial<Record<PlacementCategory, { budget: LinkedCell | null; actualToDate: LinkedCell | null; commitmentOutturn: LinkedCell | null }>>;
}

export interface DemandSheetsPart extends SheetsPart {
  /** The engine's forecast the sheets show, or null when the 903 data could not give one (see warnings). */
  forecast: DemandForecast | null;
}

/** A linked cell's number, or null when it holds none. */
export function linkedNumber(cell: LinkedCell | null | undefined): number | null {
  return cell && typeof cell.value === "number" && Number.isFinite(cell.value) ? cell.value : null;
}

/**
 * The reference period a forecast fits to unless the user chooses one: the DEFAULT_REFERENCE_YEARS
 * years up to the period end, or to the end of the 903 data when that is earlier (the projection
 * starts from the last day children are known). `dataEnd`: the date the data run to (the Assumptions'
 * careDataEnd); without it, the latest date in them.
 */
export function defaultReferencePeriod(history: CareHistory, periodEnd: number | null, dataEnd?: number): ReferencePeriod | null {
  const extent = dataExtent(history);
  if (!extent) return null;
  const last = dataEnd ?? extent.last;
  const end = periodEnd === null ? last : Math.min(periodEnd, last);
  return { start: Math.max(extent.first, addYears(end, -DEFAULT_REFERENCE_YEARS) + 1), end };
}

export function buildDemandSheets(demand: DemandSheetsInput, context: SheetContext): DemandSheetsPart {
  const options = demand.options ?? {};
  const where = `sheet '${context.sheetName("demandForecast")}'`;
  const warnings: Diagnostic[] = [];
  const dataEnd = context.assumptions.careDataEnd?.value ?? undefined;
  const referencePeriod = options.referencePeriod ?? defaultReferencePeriod(demand.history, context.periodEnd, dataEnd);
  if (!referencePeriod) {
    return { sheets: [], names: [], warnings: [{ severity: "warning", message: "The 903 data has no episodes, so there is no demand forecast.", where }], forecast: null };
  }

  const priceYear = context.assumptions.upliftBaseYear;
  const typed = options.typedPrices;
  const weeklyCost = (category: PlacementCategory): number | null => typed?.weeklyCostGbp[category] ?? linkedNumber(demand.weeklyCost[category]);
  const upliftRates = (category: PlacementCategory): number[] => {
    const links = demand.upliftRates[category] ?? [];
    const typedYears = Object.keys(typed?.upliftRates[category] ?? {}).map((year) => Number(year) - priceYear);
    return Array.from({ length: Math.max(links.length, maxOf(typedYears, 0)) }, (_, k) => typed?.upliftRates[category]?.[priceYear + 1 + k] ?? linkedNumber(links[k]) ?? 0);
  };
  const cost: DemandCostAssumptions = {
    weeklyCostGbp: Object.fromEntries(PLACEMENT_CATEGORIES.map((category) => [category, weeklyCost(category) ?? 0])),
    priceYear,
    upliftRates: Object.fromEntries(PLACEMENT_CATEGORIES.map((category) => [category, upliftRates(category)])),
    ...(options.shares ? { shares: options.shares } : {}),
  };
  const periodEnd = context.periodEnd;
  // Every category, so the outturn table can show the projection's cost where the budget has no line.
  const outturnLines: OutturnLineInput[] = PLACEMENT_CATEGORIES.map((category) => ({
    category,
    budgetGbp: linkedNumber(demand.spend[category]?.budget),
    actualToDateGbp: linkedNumber(demand.spend[category]?.actualToDate) ?? 0,
    placements: null,
  }));

  let forecast: DemandForecast;
  try {
    forecast = forecastDemand({
      history: demand.history,
      referencePeriod,
      ...(dataEnd !== undefined ? { dataEnd } : {}),
      ...(options.projectTo !== undefined ? { projectTo: options.projectTo } : {}),
      cost,
      ...(periodEnd !== null && periodEnd >= referencePeriod.end ? { outturn: { periodEnd, lines: outturnLines } } : {}),
      ...(options.scenario ? { scenario: options.scenario } : {}),
    });
  } catch (error) {
    if (!isLacError(error)) throw error;
    return { sheets: [], names: [], warnings: [{ severity: "warning", message: `No demand forecast: ${error.message}`, where }], forecast: null };
  }

  pushAll(warnings, forecast.warnings.map((warning): Diagnostic => ({ ...warning, where })));
  if (periodEnd !== null && periodEnd < referencePeriod.end) {
    warnings.push({ severity: "info", message: `The demand forecast starts after the budget period end (${formatDate(periodEnd)}), so it gives no outturn for this year.`, where });
  } else if (periodEnd !== null && periodEnd > referencePeriod.end) {
    warnings.push({
      severity: "info",
      message: `The 903 data ends on ${formatDate(referencePeriod.end)}, ${periodEnd - referencePeriod.end} days before the budget period end: the rest of this year is costed from projected children, not known ones.`,
      where,
    });
  }
  const categories = costedCategories(forecast);
  const unpriced = categories.filter((category) => weeklyCost(category) === null).map((category) => CATEGORY_LABELS[category]);
  if (unpriced.length > 0) {
    warnings.push({
      severity: "warning",
      message: `No weekly cost for ${unpriced.join(", ")}, which the demand forecast has children in: ${unpriced.length === 1 ? "its cost is" : "their costs are"} 0 until one is entered on the Cost forecast sheet.`,
      where: `sheet '${context.sheetName("demandCost")}'`,
    });
  }

  const forecastSheet = buildDemandForecastSheet({ name: context.sheetName("demandForecast"), forecast });
  const costSheet = buildDemandCostSheet({ name: context.sheetName("demandCost"), forecast, categories, demand, cost, periodEnd });
  const scenariosSheet = buildScenariosSheet({ name: context.sheetName("demandScenarios"), forecast, options, costSheet });
  return {
    sheets: [forecastSheet, costSheet.sheet, scenariosSheet],
    names: [],
    warnings,
    forecast,
  };
}

/** Categories with children in the base or the scenario, in PLACEMENT_CATEGORIES order: one row each on the cost tables. */
function costedCategories(forecast: DemandForecast): PlacementCategory[] {
  const present = new Set([...forecast.base.cost.categories, ...(forecast.scenario?.cost.categories ?? [])]);
  return PLACEMENT_CATEGORIES.filter((category) => present.has(category));
}
