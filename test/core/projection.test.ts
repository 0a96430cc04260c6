import { addMonths, serialFromYmd } from "../../src/core/dates";
import { fitLinear, fitProjection, projectCounts } from "../../src/core/projection";
import { catchLacError } from "../support/lacError";

/**
 * FORECAST.LINEAR in exact rational arithmetic (BigInt), for integer data: the reference the floating
 * point fit must meet. forecast = (Sy D - B Sx + n B t) / (n D), D = n Sxx - Sx^2, B = n Sxy - Sx Sy.
 */
function exactForecast(xs: number[], ys: number[], target: number): number {
  const n = BigInt(xs.length);
  const big = (values: number[]): bigint[] => values.map((v) => BigInt(v));
  const [x, y, t] = [big(xs), big(ys), BigInt(target)];
  const sum = (values: bigint[]): bigint => values.reduce((a, b) => a + b, 0n);
  const sx = sum(x);
  const sy = sum(y);
  const sxy = sum(x.map((xi, i) => xi * y[i]));
  const sxx = sum(x.map((xi) => xi * xi));
  const d = n * sxx - sx * sx;
  const b = n * sxy - sx * sy;
  const numerator = sy * d - b * sx + n * b * t;
  const denominator = n * d;
  const scale = 10n ** 30n;
  return Number((numerator * scale) / denominator) / 1e30;
}

/** A deterministic series of counts with noise (no Math.random: a failure must reproduce). */
function noisyCounts(length: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length }, (_, i) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 400 + 3 * i + (state % 41) - 20;
  });
}

describe("linear projection (Excel FORECAST.LINEAR)", () => {
  it("reproduces the worked example: 436..613 over x = 1..5 gives slope 44.0 and 788.4 at x = 9", () => {
    const fit = fitLinear([1, 2, 3, 4, 5], [436, 480, 527, 566, 613]);
    expect(fit.slope).toBeCloseTo(44, 12);
    expect(fit.intercept).toBeCloseTo(392.4, 10);
    expect(projectCounts([436, 480, 527, 566, 613], [1, 2, 3, 4, 5], [9], "linear")[0]).toBeCloseTo(788.4, 10);
  });

  it("keeps full precision with Excel serial dates near 45,000 (monthly counts over five years)", () => {
    const dates = Array.from({ length: 60 }, (_, i) => addMonths(serialFromYmd(2020, 1, 31), i));
    const counts = noisyCounts(60, 7);
    const target = serialFromYmd(2025, 2, 18);
    const projected = projectCounts(counts, dates, [target], "linear")[0];
    const exact = exactForecast(dates, counts, target);
    expect(Math.abs(projected - exact) / Math.abs(exact)).toBeLessThan(1e-12);
  });

  it("matches exact arithmetic on many series, yearly and monthly, small and serial-date x", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const length = 3 + (seed % 20);
      const start = seed % 2 === 0 ? 1 : 44_000 + seed * 17;
      const step = seed % 3 === 0 ? 1 : 30 + (seed % 2);
      const dates = Array.from({ length }, (_, i) => start + i * step);
      const counts = noisyCounts(length, seed);
      const target = dates[length - 1] + 3 * step;
      const exact = exactForecast(dates, counts, target);
      const projected = projectCounts(counts, dates, [target], "linear")[0];
      expect(Math.abs(projected - exact)).toBeLessThanOrEqual(1e-12 * Math.abs(exact));
    }
  });

  it("spreads over many targets and lets a falling trend project below today's count", () => {
    const projected = projectCounts([10, 8, 6], [1, 2, 3], [4, 5, 6], "linear");
    expect(projected.map((p) => Math.round(p * 1e9) / 1e9)).toEqual([4, 2, 0]);
  });
});

describe("exponential projection (Excel GROWTH)", () => {
  it("recovers a constant growth rate exactly", () => {
    const dates = [1, 2, 3, 4, 5];
    const counts = dates.map((x) => 100 * 1.1 ** x);
    const [at6, at10] = projectCounts(counts, dates, [6, 10], "exponential");
    expect(at6).toBeCloseTo(100 * 1.1 ** 6, 9);
    expect(at10).toBeCloseTo(100 * 1.1 ** 10, 9);
  });

  it("fits least squares on the logarithm of the counts", () => {
    const counts = [436, 480, 527, 566, 613];
    const dates = [1, 2, 3, 4, 5];
    const onLogs = fitLinear(dates, counts.map(Math.log));
    const trend = fitProjection(counts, dates, "exponential");
    expect(trend.slope).toBe(onLogs.slope);
    expect(trend.at(9)).toBeCloseTo(Math.exp(onLogs.intercept + onLogs.slope * 9), 9);
    expect(trend.at(9)).toBeGreaterThan(788.4); // compounding grows faster than the straight line
  });

  it("is #NUM! when a count is 0, as GROWTH is", () => {
    const error = catchLacError(() => projectCounts([5, 0, 7], [1, 2, 3], [4], "exponential"));
    expect(error.code).toBe("num");
    expect(error.message).toMatch(/known_counts include a 0: an exponential trend needs every count above 0/);
  });

  it("is #NUM! when the projection overflows", () => {
    const error = catchLacError(() => projectCounts([1, 1e300], [1, 2], [1000], "exponential"));
    expect(error.code).toBe("num");
  });
});

describe("bad known data", () => {
  it("is #N/A when the ranges differ in size, saying both sizes", () => {
    const error = catchLacError(() => projectCounts([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [7], "linear"));
    expect(error.code).toBe("na");
    expect(error.message).toBe("known_counts has 5 values, known_dates has 6");
  });

  it("is #DIV/0! when every date is the same, as FORECAST.LINEAR is", () => {
    const error = catchLacError(() => fitLinear([45_000, 45_000, 45_000], [1, 2, 3]));
    expect(error.code).toBe("div0");
    expect(error.message).toBe("known_dates are all 45,000: a trend needs at least two different dates");
  });

  it("is #DIV/0! with fewer than two points", () => {
    expect(catchLacError(() => fitLinear([1], [5])).code).toBe("div0");
    expect(catchLacError(() => fitLinear([], [])).code).toBe("div0");
  });

  it("is #NUM! for a negative count and #VALUE! for NaN", () => {
    expect(catchLacError(() => projectCounts([5, -1, 7], [1, 2, 3], [4], "linear")).message).toBe(
      "known_counts: expected 0 or more, found -1",
    );
    expect(catchLacError(() => projectCounts([5, 6, 7], [1, Number.NaN, 3], [4], "linear")).code).toBe("value");
  });

  it("is #NUM! when sums overflow", () => {
    expect(catchLacError(() => fitLinear([1e200, -1e200, 0], [1, 2, 3])).code).toBe("num");
  });
});
