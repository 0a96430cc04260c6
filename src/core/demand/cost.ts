/**
 * The cost of a demand projection, in financial years (1 April - 31 March), beside the budget: what
 * the open demand models do not do, and what a finance business partner needs.
 *
 * Each projected day costs, for each budget category, the expected children in it that day (the
 * state's children x the category's share of the state) x the category's weekly cost / 7, at the
 * prices of that day's financial year: the weekly cost is at the prices of `priceYear`, and each later
 * year's uplift applies from 1 April (the finance convention), compounded unrounded. The day a
 * projection starts from is not costed: its cost is in the actuals to that date.
 */
import { describeNumber, requireFinite, requireNonNegative } from "../args";
import { CATEGORY_LABELS, type PlacementCategory, PLACEMENT_CATEGORIES, type PlacementGroup } from "../categories";
import { PLACEMENT_GROUP_LABELS, PLACEMENT_GROUPS } from "../codes903";
import { financialYearEnd, financialYearLabel, financialYearOf, formatDate } from "../dates";
import { LacError } from "../errors";
import type { Diagnostic } from "../diagnostics";
import { type CommittedPlacement, commitmentOutturn } from "../finance";
import { upliftSchedule } from "../uplift";
import type { DemandProjection } from "./project";
import { BAND_COUNT, STATE_COUNT } from "./states";

const CATEGORY_COUNT = PLACEMENT_CATEGORIES.length;

export interface DemandCostAssumptions {
  /** Weekly cost of a placement in each budget category, in £ at the prices of `priceYear`. */
  weeklyCostGbp: Partial<Record<PlacementCategory, number>>;
  /** The financial year whose prices the weekly costs are (2024 = 2024/25). */
  priceYear: number;
  /** Uplift rates by category, one per year after `priceYear` in turn: rates[0] applies from 1 April of priceYear + 1. */
  upliftRates: Partial<Record<PlacementCategory, number[]>>;
  /**
   * The share of each placement group's children in each category, replacing the reference period's
   * shares (which are by age band too) for that group; each group's shares must add up to 1.
   */
  shares?: Partial<Record<PlacementGroup, Partial<Record<PlacementCategory, number>>>>;
}

export interface CategoryYearCost {
  /** Expected days children spend in the category over the part of the year costed. */
  childDays: number;
  costGbp: number;
}

export interface FinancialYearCost {
  financialYear: number;
  /** The first and last days costed (Excel serials): a part year at either end of a projection. */
  firstDay: number;
  lastDay: number;
  byCategory: Partial<Record<PlacementCategory, CategoryYearCost>>;
  totalCostGbp: number;
}

export interface DemandCostForecast {
  /** The categories with children in them, in PLACEMENT_CATEGORIES order. */
  categories: PlacementCategory[];
  years: FinancialYearCost[];
  warnings: Diagnostic[];
}

/**
 * Each state's shares by category, at [state * categories + category]: the model's, with the groups
 * the assumptions override replaced.
 */
export function costShares(modelShares: Float64Array, overrides: DemandCostAssumptions["shares"] = {}): Float64Array {
  if (modelShares.length !== STATE_COUNT * CATEGORY_COUNT) {
    throw new LacError(
      "value",
      `expected category shares for ${STATE_COUNT} states and ${CATEGORY_COUNT} categories, found ${modelShares.length} values`,
    );
  }
  const shares = Float64Array.from(modelShares);
  PLACEMENT_GROUPS.forEach((group, g) => {
    const override = overrides[group];
    if (!override) return;
    let total = 0;
    const row = new Float64Array(CATEGORY_COUNT);
    for (const [category, share] of Object.entries(override) as [PlacementCategory, number][]) {
      requireNonNegative(`share of ${PLACEMENT_GROUP_LABELS[group]} in ${CATEGORY_LABELS[category]}`, share);
      row[PLACEMENT_CATEGORIES.indexOf(category)] = share;
      total += share;
    }
    if (Math.abs(total - 1) > 1e-9) {
      throw new LacError(
        "value",
        `the shares of ${PLACEMENT_GROUP_LABELS[group]} children by category add up to ${describeNumber(total)}; expected 1 (100%)`,
      );
    }
    for (let b = 0; b < BAND_COUNT; b += 1) shares.set(row, (g * BAND_COUNT + b) * CATEGORY_COUNT);
  });
  return shares;
}

/**
 * The projection's cost by financial year and category, for the days after `fromDate` (default: the
 * day the projection starts from) to its last day.
 */
export function costByFinancialYear(
  projection: DemandProjection,
  shares: Float64Array,
  assumptions: DemandCostAssumptions,
  fromDate: number = projection.startDate,
): DemandCostForecast {
  const n = STATE_COUNT;
  if (projection.stateLabels.length !== n)
    throw new LacError(
      "value",
      `expected a projection of the demand model's ${n} states, found ${projection.stateLabels.length}`,
    );
  const lastDate = projection.startDate + projection.days;
  if (fromDate < projection.startDate || fromDate > lastDate) {
    throw new LacError(
      "value",
      `expected a date to cost from within the projection (${formatDate(projection.startDate)} to ${formatDate(lastDate)}), found ${formatDate(fromDate)}`,
    );
  }

  // Expected child-days by category in each financial year touched.
  const firstYear = financialYearOf(fromDate + 1);
  const yearCount = Math.max(0, financialYearOf(lastDate) - firstYear + 1);
  const childDays = new Float64Array(yearCount * CATEGORY_COUNT);
  let year = firstYear;
  let yearEnd = financialYearEnd(year);
  for (let t = fromDate - projection.startDate + 1; t <= projection.days; t += 1) {
    if (projection.startDate + t > yearEnd) {
      year += 1;
      yearEnd = financialYearEnd(year);
    }
    const row = (year - firstYear) * CATEGORY_COUNT;
    for (let s = 0; s < n; s += 1) {
      const children = projection.mean[t * n + s];
      if (children === 0) continue;
      for (let c = 0; c < CATEGORY_COUNT; c += 1) {
        const share = shares[s * CATEGORY_COUNT + c];
        if (share !== 0) childDays[row + c] += children * share;
      }
    }
  }

  const categories = PLACEMENT_CATEGORIES.filter((_, c) => {
    for (let y = 0; y < yearCount; y += 1) if (childDays[y * CATEGORY_COUNT + c] > 0) return true;
    return false;
  });
  const warnings: Diagnostic[] = [];
  const priceFactors = priceFactorsByCategory(categories, assumptions, firstYear + yearCount - 1, warnings);
  const years: FinancialYearCost[] = [];
  for (let y = 0; y < yearCount; y += 1) {
    const financialYear = firstYear + y;
    const byCategory: Partial<Record<PlacementCategory, CategoryYearCost>> = {};
    let totalCostGbp = 0;
    for (const category of categories) {
      const days = childDays[y * CATEGORY_COUNT + PLACEMENT_CATEGORIES.indexOf(category)];
      const weekly = assumptions.weeklyCostGbp[category] as number;
      const costGbp = (days * weekly * priceFactors[category](financialYear)) / 7;
      byCategory[category] = { childDays: days, costGbp };
      totalCostGbp += costGbp;
    }
    years.push({
      financialYear,
      firstDay: Math.max(fromDate + 1, financialYearEnd(financialYear - 1) + 1),
      lastDay: Math.min(lastDate, financialYearEnd(financialYear)),
      byCategory,
      totalCostGbp,
    });
  }
  return { categories, years, warnings };
}

/** For each category, its price in a financial year relative to `priceYear`'s. */
function priceFactorsByCategory(
  categories: PlacementCategory[],
  assumptions: DemandCostAssumptions,
  lastYear: number,
  warnings: Diagnostic[],
): Record<PlacementCategory, (financialYear: number) => number> {
  const factors = {} as Record<PlacementCategory, (financialYear: number) => number>;
  // Categories whose rates run out, by the last year rated and the years held: one warning a group.
  const held = new Map<string, { lastRated: number; years: number; labels: string[] }>();
  for (const category of categories) {
    const weekly = assumptions.weeklyCostGbp[category];
    if (weekly === undefined) {
      throw new LacError(
        "value",
        `expected a weekly cost for ${CATEGORY_LABELS[category]}, which has children in the projection, found none`,
      );
    }
    requireNonNegative(`weekly cost of ${CATEGORY_LABELS[category]}`, weekly);
    const rates = assumptions.upliftRates[category] ?? [];
    // Cumulative uplift at the end of each year after the price year: the price of the year after.
    const cumulative = rates.length > 0 ? upliftSchedule(1, rates).costs : [];
    const yearsNeeded = lastYear - assumptions.priceYear;
    if (yearsNeeded > rates.length) {
      const lastRated = assumptions.priceYear + rates.length;
      const years = yearsNeeded - rates.length;
      const group = held.get(`${lastRated}|${years}`) ?? { lastRated, years, labels: [] };
      group.labels.push(CATEGORY_LABELS[category]);
      held.set(`${lastRated}|${years}`, group);
    }
    factors[category] = (financialYear) => {
      const k = financialYear - assumptions.priceYear;
      if (k <= 0 || cumulative.length === 0) return 1;
      return cumulative[Math.min(k, cumulative.length) - 1];
    };
  }
  for (const { lastRated, years, labels } of held.values()) {
    warnings.push({
      severity: "warning",
      message: `No uplift rate for ${labels.join(", ")} after ${financialYearLabel(lastRated)}: ${labels.length === 1 ? "its prices are" : "their prices are"} held there for the ${years} later year(s) of the projection.`,
    });
  }
  return factors;
}

/** One budget line of the current year, as the budget monitoring report gives it. */
export interface OutturnLineInput {
  category: PlacementCategory;
  budgetGbp: number | null;
  actualToDateGbp: number;
  /** Placements open at the period end (the placement list), for the commitment-based outturn; null if not known. */
  placements: CommittedPlacement[] | null;
}

export interface OutturnLine {
  category: PlacementCategory;
  budgetGbp: number | null;
  actualToDateGbp: number;
  /** The demand projection's cost from the day after the period end to 31 March. */
  projectedRemainderGbp: number;
  /** Actual to date + projected remainder. */
  forecastOutturnGbp: number;
  /** Forecast outturn - budget (positive = overspend); null without a budget. */
  varianceGbp: number | null;
  commitmentOutturnGbp: number | null;
  commitmentVarianceGbp: number | null;
}

/**
 * The current year's forecast outturn by budget line: actual to date (to the period end) + the
 * projection's cost of the rest of the year, beside the budget and the commitment-based outturn, each
 * with its variance against the budget. At the end of P10 (31 January) the rest of the year is 59
 * days, 60 when February has 29; at the end of P12 (31 March) it is none, and the outturn is the actual.
 */
export function forecastOutturn(
  projection: DemandProjection,
  shares: Float64Array,
  assumptions: DemandCostAssumptions,
  periodEnd: number,
  lines: OutturnLineInput[],
): { lines: OutturnLine[]; warnings: Diagnostic[] } {
  const yearEnd = financialYearEnd(financialYearOf(periodEnd));
  const lastDate = projection.startDate + projection.days;
  if (periodEnd < projection.startDate || lastDate < yearEnd) {
    throw new LacError(
      "value",
      `expected a projection covering ${formatDate(periodEnd)} to ${formatDate(yearEnd)} (the period end to the year end), found ${formatDate(projection.startDate)} to ${formatDate(lastDate)}`,
    );
  }
  const remainder = costByFinancialYear(projection, shares, assumptions, periodEnd);
  // At the year end (P12) no day of the year is left: the first year costed is the next one, not this.
  const thisYear = remainder.years.find((year) => year.financialYear === financialYearOf(periodEnd));
  return {
    warnings: remainder.warnings,
    lines: lines.map((line) => {
      requireFinite(`actual to date of ${CATEGORY_LABELS[line.category]}`, line.actualToDateGbp);
      const projectedRemainderGbp = thisYear?.byCategory[line.category]?.costGbp ?? 0;
      const forecastOutturnGbp = line.actualToDateGbp + projectedRemainderGbp;
      const commitmentOutturnGbp =
        line.placements === null ? null : commitmentOutturn(line.actualToDateGbp, periodEnd, line.placements);
      const versusBudget = (value: number | null) =>
        value === null || line.budgetGbp === null ? null : value - line.budgetGbp;
      return {
        category: line.category,
        budgetGbp: line.budgetGbp,
        actualToDateGbp: line.actualToDateGbp,
        projectedRemainderGbp,
        forecastOutturnGbp,
        varianceGbp: versusBudget(forecastOutturnGbp),
        commitmentOutturnGbp,
        commitmentVarianceGbp: versusBudget(commitmentOutturnGbp),
      };
    }),
  };
}
