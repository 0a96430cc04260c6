/**
 * Rates per 10,000 children: how councils compare themselves with their neighbours and England
 * (children looked after, starters, leavers, children in need, protection plans). Unrounded: the
 * publications round to whole numbers, and that is a number format's job.
 */
import { requireDivisor, requireFiniteResult, requireNonNegative, requirePositive } from "./args";

/** The DfE's convention: rates per 10,000 children aged 0-17. */
export const DEFAULT_RATE_PER = 10_000;

/** count / population x per. The published strategy: 616 children of 54,098 -> 113.87 per 10,000. */
export function ratePer(count: number, population: number, per: number = DEFAULT_RATE_PER): number {
  requireNonNegative("count", count);
  requireDivisor(
    "population",
    population,
    "a rate needs the number of children living in the area (ONS mid-year estimate, ages 0-17)",
  );
  requirePositive("per", per);
  return requireFiniteResult("the rate", (count / population) * per);
}
