/**
 * Projecting counts of children forward from a series: the "linear trendline" of sufficiency strategies
 * (the published strategy), which is ordinary least squares, exactly Excel's FORECAST.LINEAR / TREND, and the
 * exponential trend of Excel's GROWTH (least squares on the logarithm of the counts).
 *
 * The sums are taken about the means (two passes), as Excel does: with dates as serials near 45,000 the
 * one-pass textbook formula (n Σxy - Σx Σy) loses most of its digits to cancellation.
 */
import { describeNumber, requireFinite, requireFiniteResult, requireNonNegative, requireSameCount } from "./args";
import { LacError } from "./errors";

export type ProjectionMethod = "linear" | "exponential";

export const PROJECTION_METHODS: readonly ProjectionMethod[] = ["linear", "exponential"];

export interface LinearFit {
  slope: number;
  intercept: number;
}

/** A fitted trend, ready to be read at any date. */
export interface Projection extends LinearFit {
  method: ProjectionMethod;
  /** The projected count at a date (throws #NUM! if it is beyond what a cell can hold). */
  at(date: number): number;
}

/**
 * Least-squares line through (x, y): the slope and intercept Excel's SLOPE / INTERCEPT return.
 * Fewer than two points, or every x the same, is #DIV/0! as in Excel.
 */
export function fitLinear(xs: number[], ys: number[]): LinearFit {
  requireSameCount("known_counts", ys.length, "known_dates", xs.length);
  xs.forEach((x) => requireFinite("known_dates", x));
  ys.forEach((y) => requireFinite("known_counts", y));
  const n = xs.length;
  if (n < 2) {
    throw new LacError("div0", `a trend needs at least 2 pairs of counts and dates, found ${n}`);
  }
  if (xs.every((x) => x === xs[0])) {
    throw new LacError(
      "div0",
      `known_dates are all ${describeNumber(xs[0])}: a trend needs at least two different dates`,
    );
  }
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i += 1) {
    sumX += xs[i];
    sumY += ys[i];
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = xs[i] - meanX;
    sxy += dx * (ys[i] - meanY);
    sxx += dx * dx;
  }
  requireFiniteResult("the spread of the dates", sxx);
  requireFiniteResult("the spread of the counts over the dates", sxy);
  const slope = requireFiniteResult("the trend's slope", sxy / sxx);
  const intercept = requireFiniteResult("the trend's intercept", meanY - slope * meanX);
  return { slope, intercept };
}

/**
 * Fits the trend of known counts over known dates. Counts cannot be negative (#NUM!); an exponential
 * trend needs every count above 0, as Excel's GROWTH does (#NUM!).
 */
export function fitProjection(knownCounts: number[], knownDates: number[], method: ProjectionMethod): Projection {
  requireSameCount("known_counts", knownCounts.length, "known_dates", knownDates.length);
  knownCounts.forEach((count) => requireNonNegative("known_counts", count));
  if (method === "linear") {
    const fit = fitLinear(knownDates, knownCounts);
    return {
      method,
      ...fit,
      at: (date) =>
        requireFiniteResult("the projection", fit.intercept + fit.slope * requireFinite("target date", date)),
    };
  }
  if (knownCounts.includes(0)) {
    throw new LacError(
      "num",
      `known_counts include a 0: an exponential trend needs every count above 0 (use "linear")`,
    );
  }
  const fit = fitLinear(knownDates, knownCounts.map(Math.log));
  return {
    method,
    ...fit,
    at: (date) =>
      requireFiniteResult("the projection", Math.exp(fit.intercept + fit.slope * requireFinite("target date", date))),
  };
}

/** Projected counts at each target date: Excel's FORECAST.LINEAR ("linear") or GROWTH ("exponential"). */
export function projectCounts(
  knownCounts: number[],
  knownDates: number[],
  targets: number[],
  method: ProjectionMethod,
): number[] {
  const projection = fitProjection(knownCounts, knownDates, method);
  return targets.map((target) => projection.at(target));
}
