/**
 * Costing a demand projection by financial year: the split at 31 March after a P10 period end, the
 * uplift from 1 April, category shares from the 903 providers, and the outturn beside the budget.
 */
import {
  costByFinancialYear,
  costShares,
  type DemandCostAssumptions,
  forecastOutturn,
} from "../../../src/core/demand/cost";
import { fitDemandModel } from "../../../src/core/demand/fit";
import { projectDemand } from "../../../src/core/demand/project";
import { bandIndexOf, groupIndexOf, STATE_COUNT, STATE_LABELS, stateIndex } from "../../../src/core/demand/states";
import { PLACEMENT_CATEGORIES } from "../../../src/core/categories";
import { LacError } from "../../../src/core/errors";
import { child, day, episode, history } from "./histories";

const fostering10to15 = stateIndex(groupIndexOf("fostering"), bandIndexOf("10to15"));
const C = PLACEMENT_CATEGORIES.length;
const inHouse = PLACEMENT_CATEGORIES.indexOf("inHouseFostering");
const ifa = PLACEMENT_CATEGORIES.indexOf("ifa");

/** Seven foster children who neither move nor leave, and no newcomers: a constant population. */
function steadyProjection(startDate: number, days: number) {
  const population = new Float64Array(STATE_COUNT);
  population[fostering10to15] = 7;
  const rates = {
    stateLabels: STATE_LABELS,
    transitionRates: new Float64Array(STATE_COUNT * STATE_COUNT),
    exitRates: new Float64Array(STATE_COUNT),
    entryRates: new Float64Array(STATE_COUNT),
    plannedMoves: [],
  };
  return projectDemand(rates, { date: startDate, population }, days);
}

/** Every fostering child in in-house fostering. */
function allInHouse(): Float64Array {
  const shares = new Float64Array(STATE_COUNT * C);
  for (let s = 0; s < STATE_COUNT; s += 1) shares[s * C + inHouse] = 1;
  return shares;
}

/** £700 a week: £100 a day per child, at 2024/25 prices. */
const assumptions: DemandCostAssumptions = {
  weeklyCostGbp: { inHouseFostering: 700 },
  priceYear: 2024,
  upliftRates: { inHouseFostering: [0.05, 0.03] },
};

describe("financial years", () => {
  it("costs the 59 days from the end of P10 (31 January 2025) to 31 March, then each year from 1 April", () => {
    const projection = steadyProjection(day("31/01/2025"), 59 + 365 + 365 + 30);
    const forecast = costByFinancialYear(projection, allInHouse(), assumptions);
    expect(forecast.categories).toEqual(["inHouseFostering"]);
    expect(forecast.years.map((y) => y.financialYear)).toEqual([2024, 2025, 2026, 2027]);
    const [rest, next, after, last] = forecast.years;
    expect(rest.firstDay).toBe(day("01/02/2025"));
    expect(rest.lastDay).toBe(day("31/03/2025"));
    expect(rest.byCategory.inHouseFostering?.childDays).toBeCloseTo(59 * 7, 9);
    expect(rest.totalCostGbp).toBeCloseTo(59 * 7 * 100, 6);
    // The 5% uplift from 1 April 2025; then 3% on top from 1 April 2026.
    expect(next.totalCostGbp).toBeCloseTo(365 * 7 * 100 * 1.05, 6);
    expect(after.totalCostGbp).toBeCloseTo(365 * 7 * 100 * 1.05 * 1.03, 6);
    // 2027/28 has no rate: prices held at 2026/27's, and the user is told.
    expect(last.firstDay).toBe(day("01/04/2027"));
    expect(last.lastDay).toBe(day("30/04/2027"));
    expect(last.totalCostGbp).toBeCloseTo(30 * 7 * 100 * 1.05 * 1.03, 6);
    expect(forecast.warnings.map((w) => w.message)).toEqual([
      "No uplift rate for In House Fostering after 2026/27: its prices are held there for the 1 later year(s) of the projection.",
    ]);
  });

  it("says once which categories' prices are held for want of uplift rates, grouped by how long", () => {
    const halves = allInHouse();
    for (let st = 0; st < STATE_COUNT; st += 1) {
      halves[st * C + inHouse] = 0.5;
      halves[st * C + ifa] = 0.5;
    }
    const projection = steadyProjection(day("31/01/2025"), 59 + 365 + 365 + 30);
    const unrated = { weeklyCostGbp: { inHouseFostering: 700, ifa: 900 }, priceYear: 2024, upliftRates: {} };
    expect(costByFinancialYear(projection, halves, unrated).warnings.map((w) => w.message)).toEqual([
      "No uplift rate for Independent Fostering, In House Fostering after 2024/25: their prices are held there for the 3 later year(s) of the projection.",
    ]);
    const oneRated = { ...unrated, upliftRates: { ifa: [0.04] } };
    expect(costByFinancialYear(projection, halves, oneRated).warnings.map((w) => w.message)).toEqual([
      "No uplift rate for Independent Fostering after 2025/26: its prices are held there for the 2 later year(s) of the projection.",
      "No uplift rate for In House Fostering after 2024/25: its prices are held there for the 3 later year(s) of the projection.",
    ]);
  });

  it("has 60 days left after P10 when February has 29 (31 January 2024)", () => {
    const projection = steadyProjection(day("31/01/2024"), 100);
    const forecast = costByFinancialYear(projection, allInHouse(), { ...assumptions, priceYear: 2023 });
    expect(forecast.years[0].lastDay - forecast.years[0].firstDay + 1).toBe(60);
    expect(forecast.years[0].totalCostGbp).toBeCloseTo(60 * 7 * 100, 6);
    expect(forecast.years[1].totalCostGbp).toBeCloseTo(40 * 7 * 100 * 1.05, 6);
  });

  it("asks for a weekly cost for every category with children", () => {
    const projection = steadyProjection(day("31/01/2025"), 10);
    expect(() => costByFinancialYear(projection, allInHouse(), { ...assumptions, weeklyCostGbp: {} })).toThrow(
      new LacError(
        "value",
        "expected a weekly cost for In House Fostering, which has children in the projection, found none",
      ),
    );
  });
});

describe("shares by provider", () => {
  // Two foster children with the council's carers (PR1) for all of January, one with an agency (PR4) for half of it.
  const data = history(
    child("a", "01/01/2012", episode("01/12/2024", null, "U4", { placeProvider: "PR1" })),
    child("b", "01/01/2012", episode("01/12/2024", null, "U6", { placeProvider: "PR1" })),
    child("c", "01/01/2012", episode("01/12/2024", "17/01/2025", "U4", { placeProvider: "PR4" })),
  );
  const model = fitDemandModel(data, { start: day("01/01/2025"), end: day("31/01/2025") });

  it("splits each state's children by the days they spent with each provider in the reference period", () => {
    // In-house 31 + 31 days, agency 16 days (1-16 January).
    expect(model.categoryShares[fostering10to15 * C + inHouse]).toBeCloseTo(62 / 78, 15);
    expect(model.categoryShares[fostering10to15 * C + ifa]).toBeCloseTo(16 / 78, 15);
    // A fostering band with no children takes the group's shares.
    const fosteringUnder1 = stateIndex(groupIndexOf("fostering"), bandIndexOf("under1"));
    expect(model.categoryShares[fosteringUnder1 * C + ifa]).toBeCloseTo(16 / 78, 15);
  });

  it("costs each category at its own weekly cost, or at shares the user gives", () => {
    const projection = steadyProjection(day("31/01/2025"), 59);
    const weekly: DemandCostAssumptions = {
      weeklyCostGbp: { inHouseFostering: 241, ifa: 798 },
      priceYear: 2024,
      upliftRates: {},
    };
    const fromModel = costByFinancialYear(projection, costShares(model.categoryShares), weekly).years[0];
    expect(fromModel.byCategory.inHouseFostering?.costGbp).toBeCloseTo((7 * 59 * 241 * 62) / 78 / 7, 6);
    expect(fromModel.byCategory.ifa?.costGbp).toBeCloseTo((7 * 59 * 798 * 16) / 78 / 7, 6);
    const overridden = costByFinancialYear(
      projection,
      costShares(model.categoryShares, { fostering: { inHouseFostering: 0.25, ifa: 0.75 } }),
      weekly,
    ).years[0];
    expect(overridden.totalCostGbp).toBeCloseTo(59 * (0.25 * 241 + 0.75 * 798), 6);
  });

  it("refuses override shares that do not add up to 100%", () => {
    expect(() => costShares(model.categoryShares, { fostering: { inHouseFostering: 0.5, ifa: 0.4 } })).toThrow(
      new LacError("value", "the shares of Fostering children by category add up to 0.9; expected 1 (100%)"),
    );
  });
});

describe("the current year's outturn", () => {
  it("adds the projected rest of the year to the actual to date, beside the budget and the commitments", () => {
    const projection = steadyProjection(day("31/01/2025"), 400);
    const { lines } = forecastOutturn(projection, allInHouse(), assumptions, day("31/01/2025"), [
      {
        category: "inHouseFostering",
        budgetGbp: 300_000,
        actualToDateGbp: 250_000,
        // One placement to 28 February (28 days), one open-ended (59 days).
        placements: [
          { weeklyCostGbp: 700, endDate: day("28/02/2025") },
          { weeklyCostGbp: 350, endDate: null },
        ],
      },
      { category: "ifa", budgetGbp: null, actualToDateGbp: 10_000, placements: null },
    ]);
    expect(lines[0]).toEqual({
      category: "inHouseFostering",
      budgetGbp: 300_000,
      actualToDateGbp: 250_000,
      projectedRemainderGbp: expect.closeTo(59 * 700, 6),
      forecastOutturnGbp: expect.closeTo(250_000 + 59 * 700, 6),
      varianceGbp: expect.closeTo(250_000 + 59 * 700 - 300_000, 6),
      commitmentOutturnGbp: expect.closeTo(250_000 + 28 * 100 + 59 * 50, 6),
      commitmentVarianceGbp: expect.closeTo(250_000 + 28 * 100 + 59 * 50 - 300_000, 6),
    });
    // A line the projection has no children in: its outturn is its actuals.
    expect(lines[1]).toMatchObject({
      projectedRemainderGbp: 0,
      forecastOutturnGbp: 10_000,
      varianceGbp: null,
      commitmentOutturnGbp: null,
    });
  });

  it("needs a projection that reaches 31 March", () => {
    const projection = steadyProjection(day("31/01/2025"), 30);
    expect(() => forecastOutturn(projection, allInHouse(), assumptions, day("31/01/2025"), [])).toThrow(
      /expected a projection covering 31\/01\/2025 to 31\/03\/2025 \(the period end to the year end\), found 31\/01\/2025 to 02\/03\/2025/,
    );
  });
});
