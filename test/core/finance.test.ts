import { serialFromYmd } from "../../src/core/dates";
import { commitmentOutturn, costOfMoreChildren, runRateOutturn, weeklyUnitCost } from "../../src/core/finance";
import { catchLacError } from "../support/lacError";

describe("costOfMoreChildren", () => {
  it("reproduces the published strategy: £30,451k for 619 children, 770 projected -> £7,428.27k", () => {
    expect(costOfMoreChildren(30_451, 619, 770)).toBeCloseTo(7_428.27, 2);
  });

  it("gives the published 7,429 from the council's unrounded projection of about 770.01", () => {
    expect(Math.round(costOfMoreChildren(30_451, 619, 770.01))).toBe(7_429);
  });

  it("is a saving when fewer children are projected, and nothing for the same number", () => {
    expect(costOfMoreChildren(30_451, 619, 600)).toBeLessThan(0);
    expect(costOfMoreChildren(30_451, 619, 619)).toBe(0);
  });

  it("is #DIV/0! with no current children and #NUM! for negatives", () => {
    expect(catchLacError(() => costOfMoreChildren(30_451, 0, 770)).code).toBe("div0");
    expect(catchLacError(() => costOfMoreChildren(-1, 619, 770)).message).toBe(
      "current_cost: expected 0 or more, found -1",
    );
    expect(catchLacError(() => costOfMoreChildren(30_451, 619, -770)).code).toBe("num");
  });
});

describe("runRateOutturn", () => {
  it("reproduces the published strategy's run-rate: residential P10 actual 12,119,924 x 12/10 = 14,543,908.80", () => {
    expect(runRateOutturn(12_119_924, 10)).toBeCloseTo(14_543_908.8, 6);
  });

  it("takes another number of periods in the year (13 four-weekly periods)", () => {
    expect(runRateOutturn(1_000, 4, 13)).toBeCloseTo(3_250, 10);
  });

  it("is #DIV/0! with no periods elapsed and #NUM! for more periods than the year has", () => {
    expect(catchLacError(() => runRateOutturn(1_000, 0)).code).toBe("div0");
    const error = catchLacError(() => runRateOutturn(1_000, 13));
    expect(error.code).toBe("num");
    expect(error.message).toBe("periods_elapsed is 13, more than the 12 periods in the year");
  });
});

describe("commitmentOutturn", () => {
  const p10End = serialFromYmd(2022, 1, 31);

  it("runs an open-ended placement for the 59 days left after P10 (8.43 weeks)", () => {
    const outturn = commitmentOutturn(12_119_924, p10End, [{ weeklyCostGbp: 4_528, endDate: null }]);
    expect(outturn).toBeCloseTo(12_119_924 + (4_528 * 59) / 7, 6);
  });

  it("counts 60 days after P10 in a leap year", () => {
    const outturn = commitmentOutturn(0, serialFromYmd(2024, 1, 31), [{ weeklyCostGbp: 700, endDate: null }]);
    expect(outturn).toBeCloseTo((700 * 60) / 7, 9);
  });

  it("stops a placement at its end date, caps it at 31 March, and adds nothing for one already ended", () => {
    const placements = [
      { weeklyCostGbp: 1_000, endDate: serialFromYmd(2022, 2, 28) }, // 28 days
      { weeklyCostGbp: 2_000, endDate: serialFromYmd(2022, 9, 30) }, // beyond the year end: 59 days
      { weeklyCostGbp: 5_000, endDate: serialFromYmd(2022, 1, 15) }, // ended before the period end
      { weeklyCostGbp: 9_000, endDate: p10End }, // ends on the period end
    ];
    expect(commitmentOutturn(100, p10End, placements)).toBeCloseTo(100 + 1_000 * 4 + (2_000 * 59) / 7, 9);
  });

  it("takes a year end other than 31 March when given", () => {
    const outturn = commitmentOutturn(0, p10End, [{ weeklyCostGbp: 700, endDate: null }], {
      yearEndSerial: serialFromYmd(2022, 2, 28),
    });
    expect(outturn).toBeCloseTo(2_800, 9);
  });

  it("is the actual to date when there are no placements, and at a period end of 31 March", () => {
    expect(commitmentOutturn(5, p10End, [])).toBe(5);
    expect(commitmentOutturn(5, serialFromYmd(2022, 3, 31), [{ weeklyCostGbp: 700, endDate: null }])).toBe(5);
  });

  it("names the placement with a bad weekly cost or end date", () => {
    const cost = catchLacError(() =>
      commitmentOutturn(0, p10End, [
        { weeklyCostGbp: 1, endDate: null },
        { weeklyCostGbp: -5, endDate: null },
      ]),
    );
    expect(cost.code).toBe("num");
    expect(cost.message).toBe("placement 2: weekly cost: expected 0 or more, found -5");
    const end = catchLacError(() => commitmentOutturn(0, p10End, [{ weeklyCostGbp: 1, endDate: -3 }]));
    expect(end.code).toBe("value");
    expect(end.message).toMatch(/^placement 1: end date: expected a date/);
  });

  it("is #NUM! for a year end before the period end", () => {
    const error = catchLacError(() => commitmentOutturn(0, p10End, [], { yearEndSerial: serialFromYmd(2021, 3, 31) }));
    expect(error.code).toBe("num");
    expect(error.message).toBe("year_end 31/03/2021 is before period_end 31/01/2022");
  });
});

describe("weeklyUnitCost", () => {
  it("divides spend by placement-weeks at the stated weeks per year", () => {
    expect(weeklyUnitCost(1_253_200, 100, 52)).toBeCloseTo(241, 10);
    expect(weeklyUnitCost(1_253_200, 100, 365 / 7)).toBeCloseTo(240.339726, 6);
  });

  it("scales a year-to-date spend by the fraction of the year it covers", () => {
    expect(weeklyUnitCost(4_528 * 52 * 10 * (10 / 12), 10, 52, 10 / 12)).toBeCloseTo(4_528, 9);
  });

  it("is #DIV/0! with no placements and #NUM! for impossible conventions", () => {
    expect(catchLacError(() => weeklyUnitCost(1_000, 0, 52)).code).toBe("div0");
    expect(catchLacError(() => weeklyUnitCost(1_000, 5, 0)).code).toBe("num");
    expect(catchLacError(() => weeklyUnitCost(1_000, 5, 52, 1.5)).message).toMatch(
      /^fraction_of_year: expected a fraction of a year/,
    );
  });
});
