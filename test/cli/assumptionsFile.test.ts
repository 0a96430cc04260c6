import { applyAssumptions } from "../../src/cli/assumptionsFile";
import { CliError } from "../../src/xlsx/errors";
import { serialFromYmd } from "../../src/core/dates";
import type { Assumptions } from "../../src/workbook/assumptions";

const DEFAULTS: Assumptions = {
  population0to17: { value: null, source: "not given" },
  populationByYear: {},
  lacHistory: { value: [], source: "not given" },
  projectionTargetDate: serialFromYmd(2025, 3, 31),
  projectionMethod: "linear",
  weeksPerYear: 52,
  upliftBaseYear: 2021,
  uplift: [],
  currentCostGbp: { value: null, source: "sum of the uplift lines' base costs" },
  comparators: {},
  period: { value: 10, source: "header 'P10'" },
};

describe("applyAssumptions", () => {
  it("replaces only the keys given, reading sources, dates and uplift lines", () => {
    const result = applyAssumptions(
      DEFAULTS,
      {
        population0to17: 54_098,
        lacHistory: {
          value: [
            { date: "28/02/2017", count: 436 },
            { date: "2022-02-28", count: 619 },
          ],
          source: "monthly return",
        },
        projectionTargetDate: "28/02/2025",
        projectedLacCount: { value: 770, source: "the council's projection" },
        uplift: [
          { label: "Indep Resi", category: "residential", baseCostGbp: 14_863_922, rates: [0.05, 0.05, 0.05] },
          { label: "IFA", category: "ifa", rates: [0.05] },
        ],
        populationByYear: { "2021": 54_098, "2020": null },
      },
      "a.json",
    );
    expect(result.population0to17).toEqual({ value: 54_098, source: "given in the assumptions file" });
    expect(result.lacHistory).toEqual({
      value: [
        { date: serialFromYmd(2017, 2, 28), count: 436 },
        { date: serialFromYmd(2022, 2, 28), count: 619 },
      ],
      source: "monthly return",
    });
    expect(result.projectionTargetDate).toBe(serialFromYmd(2025, 2, 28));
    expect(result.projectedLacCount).toEqual({ value: 770, source: "the council's projection" });
    expect(result.uplift[0]).toEqual({
      label: "Indep Resi",
      category: "residential",
      baseCostGbp: { value: 14_863_922, source: "given in the assumptions file" },
      rates: [0.05, 0.05, 0.05],
    });
    expect(result.uplift[1].baseCostGbp).toEqual({ value: null, source: "forecast outturn on the Spend sheet" });
    expect(result.populationByYear).toEqual({ 2021: 54_098, 2020: null });
    expect(result.period).toEqual(DEFAULTS.period);
    expect(result.weeksPerYear).toBe(52);
  });

  it.each([
    [{ weeksPerYear: 365 }, `In a.json, "weeksPerYear": expected 52 or 52.142857 (365/7), found 365.`],
    [{ weeksPerYear: 5.2 }, `In a.json, "weeksPerYear": expected 52 or 52.142857 (365/7), found 5.2.`],
    [
      { lacHistory: [{ date: "31/02/2021", count: 600 }] },
      `In a.json, "lacHistory[0].date": expected a date (dd/mm/yyyy), found "31/02/2021".`,
    ],
    [
      { uplift: [{ label: "Resi", category: "homes", rates: [0.05] }] },
      `In a.json, "uplift[0].category": expected a placement category such as residential, ifa, inHouseFostering, supported, sgo, found "homes".`,
    ],
    [
      { uplift: [{ label: "Resi", category: "residential", rates: [5] }] },
      `In a.json, "uplift[0].rates[0]": expected an annual rate such as 0.05 for 5%, found 5.`,
    ],
    [
      { projectionMethod: "quadratic" },
      `In a.json, "projectionMethod": expected "linear" or "exponential", found "quadratic".`,
    ],
    [{ popluation0to17: 54_098 }, `In a.json, "popluation0to17" is not an assumption.`],
    [[1, 2], `In a.json, "(the file)": expected an object of assumptions, found [1,2].`],
    [
      { comparators: { placementRate: [] } },
      `In a.json, "comparators.placementRate": expected one of the keys lookedAfterRate, startedRate, ceasedRate, stabilityShort, stabilityLong, found "placementRate".`,
    ],
    [
      { comparators: [] },
      `In a.json, "comparators": expected an object with some of the keys lookedAfterRate, startedRate, ceasedRate, stabilityShort, stabilityLong, found [].`,
    ],
    [
      { comparators: { lookedAfterRate: { name: "England" } } },
      `In a.json, "comparators.lookedAfterRate": expected a list of { "name": "North West", "values": { "2021": 97 } }, found {"name":"England"}.`,
    ],
    [
      { comparators: { lookedAfterRate: [{ values: { "2021": 67 } }] } },
      `In a.json, "comparators.lookedAfterRate[0].name": expected the comparator's name, such as "North West" or "England", found null.`,
    ],
    [
      { comparators: { startedRate: [{ name: "England", values: [24] }] } },
      `In a.json, "comparators.startedRate[0].values": expected { "2021": value, ... } by the year of the 31 March, found [24].`,
    ],
    [
      { comparators: { ceasedRate: [{ name: "England", values: { "2020/21": 23 } }] } },
      `In a.json, "comparators.ceasedRate[0].values.2020/21": expected a four-digit year (of the 31 March) as the key, found "2020/21".`,
    ],
    [
      { comparators: { ceasedRate: [{ name: "England", values: { "2021": "23" } }] } },
      `In a.json, "comparators.ceasedRate[0].values.2021": expected a rate per 10,000 children such as 97, found "23".`,
    ],
    [
      { comparators: { stabilityLong: [{ name: "England", values: { "2021": 70 } }] } },
      `In a.json, "comparators.stabilityLong[0].values.2021": expected a fraction such as 0.69 for 69%, found 70.`,
    ],
    [{ stabilityMoves: "carers" }, `In a.json, "stabilityMoves": expected "placement" or "carer", found "carers".`],
    [{ stabilityDefinition: "2024" }, `In a.json, "stabilityDefinition": expected "2023" or "2025", found "2024".`],
  ])("refuses %j naming the file and key", (json, message) => {
    expect(() => applyAssumptions(DEFAULTS, json, "a.json")).toThrow(CliError);
    expect(() => applyAssumptions(DEFAULTS, json, "a.json")).toThrow(message);
  });

  it("reads the care sheets' comparators by year (rates per 10,000, stability as fractions) and how moves are counted", () => {
    const result = applyAssumptions(
      { ...DEFAULTS, comparators: { ceasedRate: [{ name: "England", values: { 2021: 23 } }] } },
      {
        comparators: {
          lookedAfterRate: [
            { name: " North West ", values: { "2020": 97, "2021": 97 } },
            { name: "England", values: { "2021": 67, "2022": null } },
          ],
          stabilityLong: [{ name: "England", values: { "2021": 0.7 } }],
        },
        stabilityMoves: "carer",
      },
      "a.json",
    );
    expect(result.comparators).toEqual({
      ceasedRate: [{ name: "England", values: { 2021: 23 } }],
      lookedAfterRate: [
        { name: "North West", values: { 2020: 97, 2021: 97 } },
        { name: "England", values: { 2021: 67, 2022: null } },
      ],
      stabilityLong: [{ name: "England", values: { 2021: 0.7 } }],
    });
    expect(result.stabilityMoves).toBe("carer");
    expect(applyAssumptions(DEFAULTS, {}, "a.json").stabilityMoves).toBeUndefined();
    expect(applyAssumptions(DEFAULTS, { stabilityDefinition: 2023 }, "a.json").stabilityDefinition).toEqual({
      value: "2023",
      source: "given in the assumptions file",
    });
    expect(applyAssumptions(DEFAULTS, {}, "a.json").stabilityDefinition).toBeUndefined();
  });
});
