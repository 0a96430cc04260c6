import { applyAssumptions } from "../../src/cli/assumptionsFile";
import { CliError } from "../../src/cli/errors";
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
        lacHistory: { value: [{ date: "28/02/2017", count: 436 }, { date: "2022-02-28", count: 619 }], source: "monthly return" },
        projectionTargetDate: "28/02/2025",
        projectedLacCount: { value: 770, source: "the council's projection" },
        uplift: [{ label: "Indep Resi", category: "residential", baseCostGbp: 14_863_922, rates: [0.05, 0.05, 0.05] }, { label: "IFA", category: "ifa", rates: [0.05] }],
        populationByYear: { "2021": 54_098, "2020": null },
      },
      "a.json",
    );
    expect(result.population0to17).toEqual({ value: 54_098, source: "given in the assumptions file" });
    expect(result.lacHistory).toEqual({ value: [{ date: serialFromYmd(2017, 2, 28), count: 436 }, { date: serialFromYmd(2022, 2, 28), count: 619 }], source: "monthly return" });
    expect(result.projectionTargetDate).toBe(serialFromYmd(2025, 2, 28));
    expect(result.projectedLacCount).toEqual({ value: 770, source: "the council's projection" });
    expect(result.uplift[0]).toEqual({ label: "Indep Resi", category: "residential", baseCostGbp: { value: 14_863_922, source: "given in the assumptions file" }, rates: [0.05, 0.05, 0.05] });
    expect(result.uplift[1].baseCostGbp).toEqual({ value: null, source: "forecast outturn on the Spend sheet" });
    expect(result.populationByYear).toEqual({ 2021: 54_098, 2020: null });
    expect(result.period).toEqual(DEFAULTS.period);
    expect(result.weeksPerYear).toBe(52);
  });

  it.each([
    [{ weeksPerYear: 365 }, `In a.json, "weeksPerYear": expected 52 or 52.142857 (365/7), found 365.`],
    [{ lacHistory: [{ date: "31/02/2021", count: 600 }] }, `In a.json, "lacHistory[0].date": expected a date (dd/mm/yyyy), found "31/02/2021".`],
    [{ uplift: [{ label: "Resi", category: "homes", rates: [0.05] }] }, `In a.json, "uplift[0].category": expected a placement category such as residential, ifa, inHouseFostering, supported, sgo, found "homes".`],
    [{ uplift: [{ label: "Resi", category: "residential", rates: [5] }] }, `In a.json, "uplift[0].rates[0]": expected an annual rate such as 0.05 for 5%, found 5.`],
    [{ projectionMethod: "quadratic" }, `In a.json, "projectionMethod": expected "linear" or "exponential", found "quadratic".`],
    [{ popluation0to17: 54_098 }, `In a.json, "popluation0to17" is not an assumption.`],
    [[1, 2], `In a.json, "(the file)": expected an object of assumptions, found [1,2].`],
  ])("refuses %j naming the file and key", (json, message) => {
    expect(() => applyAssumptions(DEFAULTS, json, "a.json")).toThrow(CliError);
    expect(() => applyAssumptions(DEFAULTS, json, "a.json")).toThrow(message);
  });
});
