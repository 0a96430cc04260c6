/**
 * Projections for councils without 903 episode data to hand: the published rates per 10,000 children
 * aged 0-17 and a population projection are enough for a flow projection, and a target rate turns into
 * a number of children. (Trend projections of counts are projection.ts's projectCounts.)
 */
import { requireDivisor, requireFiniteResult, requireNonNegative } from "../args";
import { LacError } from "../errors";
import { DEFAULT_RATE_PER } from "../rate";

/**
 * Children looked after at the end of each projection year, from the count at the start and the
 * starting and ceasing rates per 10,000 (the DfE's definitions: per 10,000 children aged 0-17 in the
 * area, not per child looked after), applied to each year's projected 0-17 population:
 *   count[k] = count[k-1] + (startersPer10k - ceasedPer10k) x populations[k] / 10,000.
 * populations[k] is the 0-17 population during year k + 1 of the projection. A projection that
 * would go below zero stops at zero: there cannot be fewer than no children in care.
 */
export function flowProjection(
  startCount: number,
  populations: number[],
  startersPer10k: number,
  ceasedPer10k: number,
): number[] {
  requireNonNegative("starting count of children looked after", startCount);
  requireNonNegative("starters per 10,000", startersPer10k);
  requireNonNegative("ceased per 10,000", ceasedPer10k);
  if (populations.length === 0)
    throw new LacError("value", "0-17 populations: expected one for each projection year, found none");
  let count = startCount;
  return populations.map((population, k) => {
    requireDivisor(
      `0-17 population of projection year ${k + 1}`,
      population,
      "the rates per 10,000 need the number of children living in the area",
    );
    count = Math.max(0, count + ((startersPer10k - ceasedPer10k) * population) / DEFAULT_RATE_PER);
    return requireFiniteResult(`the projected count for year ${k + 1}`, count);
  });
}

/**
 * How many fewer children looked after the area would have at a target rate per 10,000 (negative:
 * how many more): the current count less the target rate's count for the population.
 */
export function reductionToReachRate(currentCount: number, population: number, targetPer10k: number): number {
  requireNonNegative("current count of children looked after", currentCount);
  requireNonNegative("target rate per 10,000", targetPer10k);
  requireDivisor(
    "0-17 population",
    population,
    "a rate per 10,000 needs the number of children living in the area (ONS mid-year estimate)",
  );
  return requireFiniteResult("the reduction", currentCount - (targetPer10k * population) / DEFAULT_RATE_PER);
}
