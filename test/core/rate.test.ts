import { DEFAULT_RATE_PER, ratePer } from "../../src/core/rate";
import { catchLacError } from "../support/lacError";

const POPULATION_0_TO_17 = 54_098; // Sefton, the published strategy

describe("ratePer", () => {
  it.each([
    // count, unrounded rate to 2 dp, the whole number the published strategy publishes
    [616, 113.87, 114], // children looked after
    [2_028, 374.88, 375], // children in need
    [274, 50.65, 51], // child protection plans
    [185, 34.2, 34], // started to be looked after
    [164, 30.32, 30], // ceased to be looked after
  ])("%i of 54,098 children is %f per 10,000 (published %i)", (count, rate, published) => {
    const result = ratePer(count, POPULATION_0_TO_17);
    expect(result).toBeCloseTo(rate, 2);
    expect(Math.round(result)).toBe(published);
  });

  it("does not round", () => {
    expect(ratePer(616, POPULATION_0_TO_17)).not.toBe(113.87);
    expect(ratePer(616, POPULATION_0_TO_17)).toBeCloseTo((616 / 54_098) * 10_000, 12);
  });

  it("defaults to per 10,000 and takes another base when given", () => {
    expect(DEFAULT_RATE_PER).toBe(10_000);
    expect(ratePer(616, POPULATION_0_TO_17, 1_000)).toBeCloseTo(11.387, 3);
    expect(ratePer(0, POPULATION_0_TO_17)).toBe(0);
  });

  it("is #DIV/0! for a population of 0, naming the population", () => {
    const error = catchLacError(() => ratePer(616, 0));
    expect(error.code).toBe("div0");
    expect(error.message).toMatch(/^population is 0: a rate needs the number of children/);
  });

  it.each([
    ["count", -1, 54_098, 10_000],
    ["population", 616, -54_098, 10_000],
    ["per", 616, 54_098, 0],
    ["per", 616, 54_098, -10],
  ])("is #NUM! for a negative %s", (name, count, population, per) => {
    const error = catchLacError(() => ratePer(count, population, per));
    expect(error.code).toBe("num");
    expect(error.message.startsWith(`${name}:`)).toBe(true);
  });

  it("is #VALUE! for NaN and #NUM! for a rate beyond what a cell holds", () => {
    expect(catchLacError(() => ratePer(Number.NaN, 5)).code).toBe("value");
    expect(catchLacError(() => ratePer(1e308, 1e-10)).code).toBe("num");
  });
});
