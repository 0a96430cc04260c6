/** Scenarios: the file format, the adjusted rates, planned moves, and base beside scenario by financial year. */
import { PLACEMENT_CATEGORIES } from "../../../src/core/categories";
import { forecastDemand } from "../../../src/core/demand/forecast";
import { projectDemand, type DemandRates } from "../../../src/core/demand/project";
import { applyScenario, DAYS_PER_YEAR, parseScenario, type Scenario } from "../../../src/core/demand/scenario";
import { bandIndexOf, groupIndexOf, STATE_COUNT, STATE_LABELS, stateIndex } from "../../../src/core/demand/states";
import { simulateCareHistories, typicalCouncilRates } from "../../../tools/synthetic/demand";
import { LacError } from "../../../src/core/errors";
import { day } from "./histories";

const n = STATE_COUNT;
const residential10to15 = stateIndex(groupIndexOf("residential"), bandIndexOf("10to15"));
const fostering10to15 = stateIndex(groupIndexOf("fostering"), bandIndexOf("10to15"));

describe("the scenario file", () => {
  const example = {
    name: "Fewer entries, step-downs",
    description: "P10 planning case",
    adjustments: [
      { type: "entries", multiply: 0.9 },
      { type: "exits", from: "residential", ageBands: ["10to15", "16plus"], multiply: 1.2 },
      { type: "transitions", from: "Residential", to: ["fostering"], addPerYear: 0.1 },
      {
        type: "moves",
        from: "residential",
        to: "fostering",
        perMonth: 2,
        firstDate: "01/04/2025",
        lastDate: "2025-09-30",
      },
    ],
  };

  it("reads every kind of adjustment", () => {
    expect(parseScenario(example, "case.json")).toEqual({
      name: "Fewer entries, step-downs",
      description: "P10 planning case",
      adjustments: [
        { type: "entries", multiply: 0.9 },
        { type: "exits", from: ["residential"], ageBands: ["10to15", "16plus"], multiply: 1.2 },
        { type: "transitions", from: ["residential"], to: ["fostering"], addPerYear: 0.1 },
        {
          type: "moves",
          from: "residential",
          to: "fostering",
          perMonth: 2,
          firstDate: day("01/04/2025"),
          lastDate: day("30/09/2025"),
        },
      ],
    });
  });

  it("takes placement groups and age bands by their labels too", () => {
    const json = {
      name: "x",
      adjustments: [{ type: "exits", from: "Supported accommodation", ageBands: "16 years and over", addPerYear: 0.2 }],
    };
    expect(parseScenario(json, "case.json").adjustments).toEqual([
      { type: "exits", from: ["supported"], ageBands: ["16plus"], addPerYear: 0.2 },
    ]);
  });

  const withAdjustment = (adjustment: unknown) => ({ name: "x", adjustments: [adjustment] });
  it.each([
    [null, "case.json: the scenario: expected an object with a name and adjustments, found null"],
    [{ adjustments: [] }, "case.json: name: expected the scenario's name as text, found nothing"],
    [{ name: "x", adjustments: {} }, "case.json: adjustments: expected a list of adjustments, found an object"],
    [
      withAdjustment({ type: "entry", multiply: 1 }),
      'case.json: adjustments[0].type: expected "entries", "exits", "transitions" or "moves", found "entry"',
    ],
    [
      withAdjustment({ type: "entries" }),
      'case.json: adjustments[0]: expected "multiply" or "addPerYear", found neither',
    ],
    [
      withAdjustment({ type: "entries", multiply: "90%" }),
      'case.json: adjustments[0].multiply: expected a number from 0 to 100 (0.9 = 10% fewer), found "90%"',
    ],
    [
      withAdjustment({ type: "exits", from: "IFA", multiply: 1 }),
      'case.json: adjustments[0].from: expected placement group ("fostering", "residential", "supported", "other"), found "IFA"',
    ],
    [
      withAdjustment({ type: "exits", ageBands: ["16+"], multiply: 1 }),
      'case.json: adjustments[0].ageBands: expected age bands ("under1", "1to4", "5to9", "10to15", "16plus"), found "16+"',
    ],
    [
      withAdjustment({ type: "exits", to: "fostering", multiply: 1 }),
      'case.json: adjustments[0].to: expected no "to" (only transitions have one), found "fostering"',
    ],
    [
      withAdjustment({ type: "exits", multply: 1 }),
      'case.json: adjustments[0]: expected only the fields "type", "from", "to", "ageBands", "multiply", "addPerYear", found a field "multply"',
    ],
    [
      withAdjustment({ type: "moves", from: "residential", to: "fostering", perMonth: -2 }),
      "case.json: adjustments[0].perMonth: expected a number of children a month, from 0 to 10,000, found -2",
    ],
    [
      withAdjustment({ type: "moves", from: "residential", to: "residential", perMonth: 2 }),
      'case.json: adjustments[0].to: expected a placement group other than "residential", found "residential"',
    ],
    [
      withAdjustment({ type: "moves", from: ["residential", "other"], to: "fostering", perMonth: 2 }),
      'case.json: adjustments[0].from: expected one placement group, found ["residential","other"]',
    ],
    [
      withAdjustment({ type: "moves", from: "residential", to: "fostering", perMonth: 2, firstDate: "31/02/2025" }),
      'case.json: adjustments[0].firstDate: expected a date as dd/mm/yyyy, found "31/02/2025"',
    ],
    [
      withAdjustment({
        type: "moves",
        from: "residential",
        to: "fostering",
        perMonth: 2,
        firstDate: "01/04/2025",
        lastDate: "01/03/2025",
      }),
      'case.json: adjustments[0].lastDate: expected a date on or after firstDate, found "01/03/2025"',
    ],
  ])("says what is wrong, and where: %j", (json, message) => {
    expect(() => parseScenario(json, "case.json")).toThrow(new LacError("value", message));
  });
});

/** A small made-up model: every state has entries, exits and a move to the next group. */
function madeUpRates(): DemandRates {
  const transitionRates = new Float64Array(n * n);
  const exitRates = new Float64Array(n).fill(0.001);
  const entryRates = new Float64Array(n).fill(0.01);
  for (let s = 0; s + 5 < n; s += 1) transitionRates[s * n + s + 5] = 0.0005;
  transitionRates[residential10to15 * n + fostering10to15] = 0.0002;
  const rateVariances = {
    transitionRates: transitionRates.map((r) => r / 100),
    exitRates: exitRates.map((r) => r / 100),
    entryRates: entryRates.map((r) => r / 100),
  };
  return { stateLabels: STATE_LABELS, transitionRates, exitRates, entryRates, plannedMoves: [], rateVariances };
}

describe("applying a scenario to the rates", () => {
  const scenario = (adjustments: Scenario["adjustments"]): Scenario => ({ name: "test", adjustments });

  it("multiplies entry rates, and their estimation variance by the square", () => {
    const { rates } = applyScenario(madeUpRates(), scenario([{ type: "entries", from: ["fostering"], multiply: 0.9 }]));
    expect(rates.entryRates[fostering10to15]).toBeCloseTo(0.009, 15);
    expect(rates.rateVariances?.entryRates[fostering10to15]).toBeCloseTo(0.0001 * 0.81, 15);
    expect(rates.entryRates[residential10to15]).toBe(0.01);
  });

  it("shares extra entrants a year between the states in proportion to their entry rates", () => {
    const { rates } = applyScenario(
      madeUpRates(),
      scenario([{ type: "entries", from: ["residential"], ageBands: ["10to15", "16plus"], addPerYear: 36.525 }]),
    );
    // 36.525 a year is 0.1 a day, half to each of the two states (equal entry rates).
    expect(rates.entryRates[residential10to15]).toBeCloseTo(0.01 + 0.05, 15);
    expect(rates.rateVariances?.entryRates[residential10to15]).toBeCloseTo(0.0001, 15);
  });

  it("adds moves a year per child to exits and transitions, taking no rate below zero", () => {
    const { rates, warnings } = applyScenario(
      madeUpRates(),
      scenario([
        { type: "transitions", from: ["residential"], to: ["fostering"], ageBands: ["10to15"], addPerYear: 0.1 },
        { type: "exits", from: ["other"], addPerYear: -1 },
      ]),
    );
    expect(rates.transitionRates[residential10to15 * n + fostering10to15]).toBeCloseTo(
      0.0002 + 0.1 / DAYS_PER_YEAR,
      15,
    );
    const other16plus = stateIndex(groupIndexOf("other"), bandIndexOf("16plus"));
    expect(rates.exitRates[other16plus]).toBe(0);
    expect(warnings).toEqual([
      { severity: "warning", message: 'Scenario "test": 5 rate(s) would go below zero and are 0 instead.' },
    ]);
  });

  it("leaves the fitted rates as they were", () => {
    const fitted = madeUpRates();
    applyScenario(fitted, scenario([{ type: "entries", multiply: 0 }]));
    expect(fitted.entryRates[0]).toBe(0.01);
  });
});

describe("planned moves", () => {
  const still = (): DemandRates => ({
    stateLabels: STATE_LABELS,
    transitionRates: new Float64Array(n * n),
    exitRates: new Float64Array(n),
    entryRates: new Float64Array(n),
    plannedMoves: [],
  });
  const start = day("31/03/2025");

  it("moves the planned number a month, keeping the age band, from the first date to the last", () => {
    const population = new Float64Array(n);
    population[residential10to15] = 10;
    const { rates } = applyScenario(still(), {
      name: "step-downs",
      adjustments: [
        {
          type: "moves",
          from: "residential",
          to: "fostering",
          perMonth: 2,
          firstDate: day("01/04/2025"),
          lastDate: day("30/04/2025"),
        },
      ],
    });
    const projection = projectDemand(rates, { date: start, population }, 60);
    const perDay = (2 * 12) / DAYS_PER_YEAR;
    expect(projection.mean[30 * n + residential10to15]).toBeCloseTo(10 - 30 * perDay, 12);
    expect(projection.mean[30 * n + fostering10to15]).toBeCloseTo(30 * perDay, 12);
    // Nothing moves after 30 April.
    expect(projection.mean[60 * n + fostering10to15]).toBeCloseTo(30 * perDay, 12);
  });

  it("cannot move more children than there are", () => {
    const population = new Float64Array(n);
    population[residential10to15] = 1;
    const { rates } = applyScenario(still(), {
      name: "too many",
      adjustments: [{ type: "moves", from: "residential", to: "fostering", perMonth: 30 }],
    });
    const projection = projectDemand(rates, { date: start, population }, 10);
    for (let t = 0; t <= 10; t += 1) {
      expect(projection.mean[t * n + residential10to15]).toBeGreaterThanOrEqual(0);
      expect(projection.mean[t * n + residential10to15] + projection.mean[t * n + fostering10to15]).toBeCloseTo(1, 12);
    }
    expect(projection.mean[10 * n + residential10to15]).toBe(0);
  });
});

describe("base and scenario side by side", () => {
  const referenceEnd = day("31/01/2025");
  const { history } = simulateCareHistories({
    seed: 7,
    firstDay: referenceEnd - 22 * 365,
    lastDay: referenceEnd,
    ...typicalCouncilRates(1),
    inHouseFosteringShare: 0.6,
  });
  const weeklyCostGbp = Object.fromEntries(PLACEMENT_CATEGORIES.map((category) => [category, 500]));
  weeklyCostGbp.residential = 4528;
  const input = {
    history,
    referencePeriod: { start: referenceEnd - 3 * 365 + 1, end: referenceEnd },
    cost: { weeklyCostGbp, priceYear: 2024, upliftRates: {} },
  };

  it("shows no difference for a scenario that changes nothing", () => {
    const forecast = forecastDemand({ ...input, scenario: { name: "as is", adjustments: [] } });
    expect(forecast.scenario?.comparison.map((y) => [y.differenceChildren, y.differenceGbp])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it("with 10% fewer entries: fewer children and less money every year, the gap growing", () => {
    const forecast = forecastDemand({
      ...input,
      scenario: { name: "fewer", adjustments: [{ type: "entries", multiply: 0.9 }] },
    });
    const comparison = forecast.scenario?.comparison ?? [];
    expect(comparison.map((y) => y.financialYear)).toEqual([2024, 2025, 2026, 2027]);
    for (const year of comparison) {
      expect(year.differenceChildren).toBeLessThan(0);
      expect(year.differenceGbp).toBeCloseTo(year.scenarioCostGbp - year.baseCostGbp, 6);
      expect(year.differenceGbp).toBeLessThan(0);
    }
    for (let i = 1; i < comparison.length; i += 1)
      expect(comparison[i].differenceChildren).toBeLessThan(comparison[i - 1].differenceChildren);
    // The base's cost of a year is the base forecast's own.
    expect(comparison[1].baseCostGbp).toBe(forecast.base.cost.years[1].totalCostGbp);
    expect(comparison[3].baseChildrenAtYearEnd).toBeCloseTo(
      forecast.base.projection.aggregates[0].mean[forecast.base.projection.days],
      9,
    );
  });
});
