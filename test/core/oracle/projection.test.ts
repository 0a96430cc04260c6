/**
 * The trend fits of LAC.PROJECTION (FORECAST.LINEAR and GROWTH) checked against an independent oracle:
 * mathjs solving the least-squares normal equations (X'X) b = X'y by LU decomposition in 100-digit
 * decimals, on random series, with the doubles the kernel receives handed over exactly. At that
 * precision the oracle is exact for our purposes, however badly conditioned the equations are (dates
 * near 45,000 make X'X close to singular in doubles), so any gap is the kernel's own rounding.
 *
 * The tolerances come from the error analysis of the kernel, not from the differences observed:
 * - A backward-stable fit of n points is off by a few n x eps relative to the counts, amplified when
 *   read far from the dates' mean (by 1 + |date - mean| / spread of the dates). A factor of 50 covers
 *   the constant.
 * - Reading the trend as intercept + slope x date rounds too, by a few eps x (|intercept| +
 *   |slope x date|): the intercept is the trend at serial 0, a century before the data.
 * - The mean date is rounded, by about n x eps x the date. Taking the sums about that mean (the two
 *   passes) cancels the error to first order; what is left is (n x eps x date / spread)^2, relative.
 *   For whole days that is 1e-22; it shows only for dates a second or less apart (two dates 1 second
 *   apart give a slope off by 4e-13, 1 ms apart by 4e-7, one unit in the last place apart, 0.6
 *   microseconds, by half).
 *   mathjs found this term: measuring dates from the first one (an exact subtraction) would remove it.
 * A real fault (a wrong mean, a one-pass sum losing digits to cancellation) shows up millions of times
 * above these bounds.
 */
import fc from "fast-check";
import type { BigNumber } from "mathjs";
import { fitLinear, fitProjection, projectCounts } from "../../../src/core/projection";
import { big, decimal } from "./decimals";
import { catchLacError } from "../../support/lacError";

const EPS = Number.EPSILON;

interface OracleFit {
  intercept: BigNumber;
  slope: BigNumber;
}

/** Least squares through (x, y) by the normal equations, in 100-digit decimals. */
function oracleFit(xs: number[], ys: BigNumber[]): OracleFit {
  const design = big.matrix(xs.map((x) => [big.bignumber(1), decimal(x)]));
  const counts = big.matrix(ys.map((y) => [y]));
  const transposed = big.transpose(design);
  const beta = big.lusolve(big.multiply(transposed, design), big.multiply(transposed, counts));
  // A coefficient that comes out exactly 0 is a plain number 0: bignumber() makes every one a decimal.
  return {
    intercept: big.bignumber(beta.get([0, 0]) as BigNumber),
    slope: big.bignumber(beta.get([1, 0]) as BigNumber),
  };
}

function oracleAt(fit: OracleFit, date: number): BigNumber {
  return fit.intercept.plus(fit.slope.times(decimal(date)));
}

function meanAndSpread(xs: number[]): { mean: number; spread: number } {
  const mean = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  return { mean, spread: Math.sqrt(xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / xs.length) };
}

/** The relative error left by rounding the mean date (second order in the mean's rounding). */
function roundedMean(xs: number[]): number {
  const { mean, spread } = meanAndSpread(xs);
  return ((xs.length * EPS * Math.abs(mean)) / spread) ** 2;
}

/** How much reading the trend at `date` amplifies the rounding of the fit. */
function leverage(xs: number[], date: number): number {
  const { mean, spread } = meanAndSpread(xs);
  return 1 + Math.abs(date - mean) / spread;
}

/** The bound on the trend read at `date`, for values of size `scale` (counts, or their logarithms). */
function tolerance(fit: OracleFit, xs: number[], scale: number, date: number): number {
  const reading = Math.abs(fit.intercept.toNumber()) + Math.abs(fit.slope.toNumber() * date);
  return (50 * xs.length * EPS + 4 * roundedMean(xs)) * scale * leverage(xs, date) + 8 * EPS * reading;
}

/** Dates as Excel serials from 2000 to 2050: a start and offsets up to ten years, repeats allowed. */
const dates = (counts: number) =>
  fc
    .tuple(
      fc.integer({ min: 36_526, max: 54_789 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 3_650 }), fc.double({ min: 0, max: 3_650, noNaN: true })), {
        minLength: counts,
        maxLength: counts,
      }),
    )
    .map(([start, offsets]) => offsets.map((offset) => start + offset))
    .filter((xs) => xs.some((x) => x !== xs[0]));

/** A series of counts with their dates, and dates to read the trend at (up to ten years either side). */
const series = (count: fc.Arbitrary<number>) =>
  fc.integer({ min: 2, max: 40 }).chain((n) =>
    fc.record({
      xs: dates(n),
      ys: fc.array(count, { minLength: n, maxLength: n }),
      reads: fc.array(fc.integer({ min: -3_650, max: 3_650 }), { minLength: 1, maxLength: 5 }),
    }),
  );

const childCount = fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
const positiveCount = fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.double({ min: 0.01, max: 1e6, noNaN: true }));

describe("the linear trend (FORECAST.LINEAR) against mathjs least squares", () => {
  it("has the oracle's slope and projects the oracle's counts at dates around the series", () => {
    fc.assert(
      fc.property(series(childCount), ({ xs, ys, reads }) => {
        const oracle = oracleFit(
          xs,
          ys.map((y) => decimal(y)),
        );
        const n = xs.length;
        const scale = Math.max(1, ...ys);
        const fit = fitLinear(xs, ys);
        const spanX = Math.max(...xs) - Math.min(...xs);
        const slopeBound = ((50 * n * EPS + 4 * roundedMean(xs)) * scale * leverage(xs, Math.max(...xs))) / spanX;
        expect(Math.abs(fit.slope - oracle.slope.toNumber())).toBeLessThanOrEqual(slopeBound);

        const targets = [...xs, ...reads.map((offset) => xs[0] + offset)];
        const projected = projectCounts(ys, xs, targets, "linear");
        targets.forEach((date, i) => {
          const expected = oracleAt(oracle, date).toNumber();
          expect(Math.abs(projected[i] - expected)).toBeLessThanOrEqual(tolerance(oracle, xs, scale, date));
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("the exponential trend (GROWTH) against mathjs least squares on the logarithms", () => {
  const LARGEST_LOG = Math.log(Number.MAX_VALUE);

  it("projects the oracle's counts, and says #NUM! only where the count is beyond what a cell holds", () => {
    fc.assert(
      fc.property(series(positiveCount), ({ xs, ys, reads }) => {
        // The logarithms are taken in 100 digits from the same doubles the kernel receives.
        const logs = ys.map((y) => big.log(decimal(y)));
        const oracle = oracleFit(xs, logs);
        const logScale = 1 + Math.max(...ys.map((y) => Math.abs(Math.log(y))));
        const projection = fitProjection(ys, xs, "exponential");
        for (const date of [...xs, ...reads.map((offset) => xs[0] + offset)]) {
          const expectedLog = oracleAt(oracle, date).toNumber();
          // The relative error of exp(a + b x) is the absolute error of a + b x, plus exp's own rounding.
          const bound = tolerance(oracle, xs, logScale, date);
          if (expectedLog > LARGEST_LOG + bound) {
            expect(catchLacError(() => projection.at(date)).code).toBe("num");
          } else if (expectedLog < LARGEST_LOG - bound) {
            const expected = Math.exp(expectedLog);
            const found = projection.at(date);
            // Below the smallest normal double the relative error is no longer bounded: compare absolutely.
            if (expected < 2.3e-308) expect(found).toBeLessThan(2.3e-308 * (1 + bound) + Number.MIN_VALUE);
            else expect(Math.abs(found / expected - 1)).toBeLessThanOrEqual(bound + 2 * EPS);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
