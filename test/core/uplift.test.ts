import { MAX_UPLIFT_YEARS, ratesForYears, upliftSchedule } from "../../src/core/uplift";
import { catchLacError } from "../support/lacError";

/** the published strategy: "Cost Projection - uplift", 21/22 base cost and three years of uplift. */
const SEED_LINES = [
  { label: "Indep Resi", rate: 0.05, base: 14_863_922, published: [743_196, 780_356, 819_374] },
  { label: "IFA", rate: 0.05, base: 5_730_880, published: [286_544, 300_871, 315_915] },
  { label: "Leaving Care", rate: 0.05, base: 1_739_594, published: [86_980, 91_329, 95_895] },
  { label: "In House", rate: 0.0237, base: 3_750_559, published: [88_888, 90_995, 93_151] },
  { label: "SGO", rate: 0.0237, base: 1_839_004, published: [43_584, 44_617, 45_675] },
];

describe("upliftSchedule", () => {
  it("reproduces independent residential at 5%: 743,196.10 | 780,355.91 | 819,373.70", () => {
    const { uplifts } = upliftSchedule(14_863_922, [0.05, 0.05, 0.05]);
    expect(uplifts.map((u) => u.toFixed(2))).toEqual(["743196.10", "780355.91", "819373.70"]);
  });

  it("reproduces in-house fostering at 2.37%: 88,888.25 | 90,994.90 | 93,151.48 (not 93,152)", () => {
    const { uplifts } = upliftSchedule(3_750_559, [0.0237, 0.0237, 0.0237]);
    expect(uplifts.map((u) => u.toFixed(2))).toEqual(["88888.25", "90994.90", "93151.48"]);
    // Compounding the previous rounded uplift is the mistake the seed warns of: it gives 93,152.
    expect(Math.round(Math.round(uplifts[1]) * 1.0237)).toBe(93_152);
  });

  it.each(SEED_LINES)("reproduces every published figure of $label", ({ base, rate, published }) => {
    const { uplifts } = upliftSchedule(base, [rate, rate, rate]);
    expect(uplifts.map(Math.round)).toEqual(published);
  });

  it("totals the five lines' three years to 3,927,370, and each year's column as published", () => {
    const schedules = SEED_LINES.map(({ base, rate }) => upliftSchedule(base, [rate, rate, rate]));
    const total = schedules.reduce((sum, s) => sum + s.total, 0);
    expect(Math.round(total)).toBe(3_927_370);
    const byYear = [0, 1, 2].map((k) => Math.round(schedules.reduce((sum, s) => sum + s.uplifts[k], 0)));
    expect(byYear).toEqual([1_249_192, 1_308_168, 1_370_010]);
  });

  it("gives the cost at the end of each year and the total as their difference from the base", () => {
    const schedule = upliftSchedule(1_000, [0.0688, 0.0355]);
    expect(schedule.uplifts[0]).toBeCloseTo(68.8, 10);
    expect(schedule.uplifts[1]).toBeCloseTo(1_068.8 * 0.0355, 10);
    expect(schedule.costs[0]).toBeCloseTo(1_068.8, 10);
    expect(schedule.costs[1]).toBeCloseTo(1_068.8 * 1.0355, 10);
    expect(schedule.total).toBeCloseTo(schedule.costs[1] - 1_000, 10);
  });

  it("allows a cut in price (a negative rate) and a rate of 0", () => {
    expect(upliftSchedule(1_000, [-0.1, 0]).costs).toEqual([900, 900]);
  });

  it.each([
    [5, "rates is 5, which means 500% a year"],
    [-1, "rates is -1, which means -100% a year"],
  ])("is #NUM! for a rate of %p, saying what it means", (rate, words) => {
    const error = catchLacError(() => upliftSchedule(1_000, [rate]));
    expect(error.code).toBe("num");
    expect(error.message).toContain(words);
  });

  it("names the year of a bad rate in a list", () => {
    expect(catchLacError(() => upliftSchedule(1_000, [0.05, 2])).message).toMatch(/^rates: year 2's rate is 2/);
  });

  it("is #NUM! when the cost overflows and #VALUE! for a base that is not a number", () => {
    expect(catchLacError(() => upliftSchedule(1e308, [1, 1])).code).toBe("num");
    expect(catchLacError(() => upliftSchedule(Number.NaN, [0.05])).code).toBe("value");
  });
});

describe("ratesForYears", () => {
  it("repeats a single rate for the years asked", () => {
    expect(ratesForYears([0.05], 3)).toEqual([0.05, 0.05, 0.05]);
  });

  it("takes a list as it is, or its first years", () => {
    expect(ratesForYears([0.0688, 0.0355], null)).toEqual([0.0688, 0.0355]);
    expect(ratesForYears([0.0688, 0.0355, 0.03], 2)).toEqual([0.0688, 0.0355]);
  });

  it("needs years with a single rate", () => {
    const error = catchLacError(() => ratesForYears([0.05], null));
    expect(error.code).toBe("value");
    expect(error.message).toMatch(/^years: needed when rates is a single rate/);
  });

  it("is #N/A when years asks for more rates than given", () => {
    const error = catchLacError(() => ratesForYears([0.05, 0.04], 3));
    expect(error.code).toBe("na");
    expect(error.message).toMatch(/^rates has 2 values, years is 3/);
  });

  it.each([0, 1.5, -2, MAX_UPLIFT_YEARS + 1])("is #NUM! for %p years", (years) => {
    expect(catchLacError(() => ratesForYears([0.05], years)).code).toBe("num");
  });
});
