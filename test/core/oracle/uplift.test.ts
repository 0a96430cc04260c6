/**
 * The compounding of uplift checked against an independent oracle: mathjs in 100-digit decimals, on
 * random costs and schedules of rates. The oracle reads the schedule the way the definition states it:
 * year k's uplifted cost is base x prod_{j<=k} (1 + r_j), and its uplift the year before's cost x r_k. The doubles are handed over exactly, so any gap is
 * the kernel's rounding.
 *
 * Tolerances follow the kernel's rounding year by year: the uplift (cost x rate) rounds once, and
 * adding it to the cost rounds once, by eps of the larger of the two costs (a rate near -100% cancels
 * most of the cost, so the error is then large beside what is left). An error carried from the year
 * before grows or shrinks with the cost, by (1 + rate). The total adds the uplifts' errors and the
 * sum's own rounding. Below 1e-308 a rounding is off by up to the smallest double, not by eps of the
 * result (fast-check does draw costs of 1e-210). A factor of 4 covers the constants. A real fault (a rounded uplift compounded, a
 * rate applied to the base rather than the uplifted cost, a year skipped) is off by pounds, not by
 * 1e-15 of them.
 */
import fc from "fast-check";
import { MAX_UPLIFT_YEARS, upliftSchedule } from "../../../src/core/uplift";
import { decimal } from "./decimals";

const EPS = Number.EPSILON;
/** The most a rounding is off by below the normal doubles. */
const TINY = Number.MIN_VALUE;

/** Rates a worksheet may give: typical inflation, anything the kernel accepts (above -100%, at most 100%). */
const rate = fc.oneof(
  fc.double({ min: -0.05, max: 0.1, noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true, minExcluded: true }),
  fc.constantFrom(0, 0.05, 0.0237, 1),
);
const base = fc.oneof(
  fc.integer({ min: -50_000_000, max: 50_000_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
);

describe("upliftSchedule against mathjs products of (1 + rate)", () => {
  it("compounds each year's rate on the previous year's uplifted cost, as the products say", () => {
    fc.assert(
      fc.property(base, fc.array(rate, { minLength: 1, maxLength: MAX_UPLIFT_YEARS }), (baseGbp, rates) => {
        const schedule = upliftSchedule(baseGbp, rates);
        expect(schedule.costs).toHaveLength(rates.length);
        let previous = decimal(baseGbp);
        let costBound = 0;
        let upliftBounds = 0;
        let upliftSizes = 0;
        let total = decimal(0);
        rates.forEach((r, k) => {
          const cost = previous.times(decimal(1).plus(decimal(r)));
          const uplift = previous.times(decimal(r));
          const upliftBound = Math.abs(r) * costBound + EPS * Math.abs(uplift.toNumber()) + TINY;
          costBound =
            Math.abs(1 + r) * costBound +
            2 * (EPS * Math.max(Math.abs(cost.toNumber()), Math.abs(previous.toNumber())) + TINY);
          expect(Math.abs(schedule.costs[k] - cost.toNumber())).toBeLessThanOrEqual(4 * costBound);
          expect(Math.abs(schedule.uplifts[k] - uplift.toNumber())).toBeLessThanOrEqual(4 * upliftBound);
          upliftBounds += upliftBound;
          upliftSizes += Math.abs(uplift.toNumber());
          previous = cost;
          total = total.plus(uplift);
        });
        const sumBound = upliftBounds + rates.length * (EPS * upliftSizes + TINY);
        expect(Math.abs(schedule.total - total.toNumber())).toBeLessThanOrEqual(4 * sumBound);
      }),
      { numRuns: 200 },
    );
  });
});
