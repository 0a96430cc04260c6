/**
 * Uplifting a cost line year by year (the published strategy): each year's uplift is the rate applied
 * to the previous year's *uplifted* cost, unrounded. Rounding an uplift and compounding the rounded
 * figure drifts by pounds within three years (93,152 instead of 93,151 for in-house fostering).
 */
import { describeNumber, requireFinite, requireFiniteResult } from "./args";
import { LacError } from "./errors";

/** The longest schedule a worksheet may ask for; a sufficiency strategy looks three to five years ahead. */
export const MAX_UPLIFT_YEARS = 100;

export interface UpliftSchedule {
  /** Year k's uplift = base x prod_{j<k}(1 + r_j) x r_k. */
  uplifts: number[];
  /** The uplifted cost at the end of each year. */
  costs: number[];
  /** The sum of the uplifts. */
  total: number;
}

/**
 * The uplift schedule of an annual cost, one rate per year (0.05 = 5%). A rate must lie between -100%
 * and 100% a year: a rate typed as 5 for 5% would otherwise multiply the cost six-fold, silently.
 */
export function upliftSchedule(baseGbp: number, rates: number[]): UpliftSchedule {
  requireFinite("base", baseGbp);
  if (rates.length === 0) throw new LacError("value", "rates: expected at least one rate, found none");
  rates.forEach((rate, k) => requireRate(rate, k, rates.length));
  const uplifts: number[] = [];
  const costs: number[] = [];
  let cost = baseGbp;
  let total = 0;
  for (const rate of rates) {
    const uplift = cost * rate;
    cost += uplift;
    total += uplift;
    uplifts.push(requireFiniteResult("the uplift", uplift));
    costs.push(requireFiniteResult("the uplifted cost", cost));
  }
  return { uplifts, costs, total: requireFiniteResult("the total uplift", total) };
}

/**
 * One rate per year from what a user gives: a single rate applied every year (years then says how
 * many), or one rate for each year in turn (years, if given, takes the first so many).
 */
export function ratesForYears(rates: number[], years: number | null): number[] {
  if (rates.length === 0) throw new LacError("value", "rates: expected at least one rate, found none");
  if (years === null) {
    if (rates.length === 1) {
      throw new LacError("value", "years: needed when rates is a single rate (how many years to apply it for)");
    }
    return rates;
  }
  requireFinite("years", years);
  if (!Number.isInteger(years) || years < 1 || years > MAX_UPLIFT_YEARS) {
    throw new LacError(
      "num",
      `years: expected a whole number from 1 to ${MAX_UPLIFT_YEARS}, found ${describeNumber(years)}`,
    );
  }
  if (rates.length === 1) return new Array<number>(years).fill(rates[0]);
  if (years > rates.length) {
    throw new LacError(
      "na",
      `rates has ${rates.length} values, years is ${years}: give one rate per year, or a single rate for every year`,
    );
  }
  return rates.slice(0, years);
}

function requireRate(rate: number, k: number, count: number): void {
  const name = count === 1 ? "rates" : `rates: year ${k + 1}'s rate`;
  requireFinite(name, rate);
  if (rate <= -1 || rate > 1) {
    throw new LacError(
      "num",
      `${name} is ${describeNumber(rate)}, which means ${describeNumber(rate * 100)}% a year; expected a rate above -100% and at most 100% (enter 5% as 5% or 0.05)`,
    );
  }
}
