/** Projections without 903 data: the flow projection from rates per 10,000, and a target rate's children. */
import { flowProjection, reductionToReachRate } from "../../../src/core/demand/simple";
import { LacError } from "../../../src/core/errors";
import { ratePer } from "../../../src/core/rate";

describe("flow projection", () => {
  it("gives back the year's starters and leavers when the rates come from them (the published strategy: 185 in, 164 out, 54,098 children)", () => {
    const starters = ratePer(185, 54_098);
    const ceased = ratePer(164, 54_098);
    expect(starters).toBeCloseTo(34.197, 3);
    const [year1, year2] = flowProjection(616, [54_098, 54_098], starters, ceased);
    expect(year1).toBeCloseTo(616 + 185 - 164, 9);
    expect(year2).toBeCloseTo(616 + 2 * (185 - 164), 9);
  });

  it("applies the rates to each year's own population", () => {
    // 34 and 30 per 10,000 of 50,000 then 60,000: +20 then +24.
    expect(flowProjection(600, [50_000, 60_000], 34, 30)).toEqual([620, 644]);
  });

  it("stops at zero children", () => {
    expect(flowProjection(10, [50_000, 50_000], 0, 30)).toEqual([0, 0]);
  });

  it("names the year whose population is missing", () => {
    expect(() => flowProjection(600, [50_000, 0], 34, 30)).toThrow(LacError);
    expect(() => flowProjection(600, [50_000, 0], 34, 30)).toThrow(/0-17 population of projection year 2 is 0/);
    expect(() => flowProjection(600, [], 34, 30)).toThrow(/expected one for each projection year, found none/);
    expect(() => flowProjection(600, [50_000], -1, 30)).toThrow(/starters per 10,000: expected 0 or more, found -1/);
  });
});

describe("children to reach a target rate", () => {
  it("Sefton's 2023-28 strategy: 606 children of 54,098 at 80 per 10,000 is 173.2 fewer", () => {
    // Sefton's 2023-28 sufficiency strategy gives 606 children looked after (1 January 2023) and 54,098 children aged 0-17 (ONS
    // mid-2021). 80 per 10,000 of 54,098 is 432.78 children: 173.2 fewer. The published "165 fewer"
    // needs about 598 children or a population of about 55,125, neither of which the strategy states.
    expect(reductionToReachRate(606, 54_098, 80)).toBeCloseTo(606 - 432.784, 9);
  });

  it("is negative when the target is above the current rate (more children)", () => {
    expect(reductionToReachRate(300, 50_000, 80)).toBe(-100);
  });

  it("needs a population", () => {
    expect(() => reductionToReachRate(606, 0, 80)).toThrow(expect.objectContaining({ code: "div0" }));
  });
});
