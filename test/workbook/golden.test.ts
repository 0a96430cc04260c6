/**
 * Golden test: from the published strategy's P10 spend table and the assumptions of its cost projection, the plan
 * reproduces the figures the strategy publishes (lines 588-596, 644-656, 698-714).
 */
import { buildSufficiencyPlan } from "../../src/workbook/build";
import type { PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import { planMismatches } from "../support/hyperformula";
import { rowLabelled, sheetByKey, tableRows } from "./planReader";
import { SEED_SPEND, seedAssumptions, seedRecognition, seedSheet } from "./seed";

const recognition = seedRecognition();
const plan: WorkbookPlan = buildSufficiencyPlan({
  recognition,
  assumptions: seedAssumptions(recognition),
  existingSheets: [{ name: "P10 Summary", ownedKey: null }],
});

const value = (cell: PlanCell | null | undefined): number => {
  if (typeof cell?.value !== "number") throw new Error(`expected a number, found ${JSON.stringify(cell)}`);
  return cell.value;
};
const rounded = (cell: PlanCell | null | undefined): number => Math.round(value(cell));

describe("the published strategy golden figures", () => {
  it("shows the spend table by setting type, linked to the budget monitoring cells", () => {
    const lines = tableRows(sheetByKey(plan, "spend"), "Line (as the source names it)");
    expect(
      lines.map((row) => [
        row["Line (as the source names it)"]?.value,
        value(row["Actual to date £"]),
        value(row["Forecast outturn £"]),
      ]),
    ).toEqual([...SEED_SPEND.map((line) => [...line]), ["Total", 24_004_503, 28_153_700]]);
    expect(lines[0]["Actual to date £"]?.formula).toBe("'P10 Summary'!$B$5");
    expect(lines[6]["Forecast outturn £"]?.formula).toBe("'P10 Summary'!$C$11");
  });

  it("sums the spend by placement category", () => {
    const categories = tableRows(sheetByKey(plan, "spend"), "Placement category");
    const byName = Object.fromEntries(
      categories.map((row) => [
        row["Placement category"]?.value,
        [value(row["Actual to date £"]), value(row["Forecast outturn £"])],
      ]),
    );
    expect(byName).toEqual({
      Residential: [12_119_924, 14_000_100],
      "In House Fostering": [3_175_235, 3_863_500],
      "Independent Fostering": [4_745_315, 5_690_000],
      "Supported Accommodation": [1_733_306, 1_935_500],
      "Special Guardianship Orders": [1_508_673, 1_795_500],
      "Child Arrangement Orders": [251_222, 298_000],
      "Adoption Allowances": [470_828, 571_100],
      Total: [24_004_503, 28_153_700],
    });
    expect(plan.summary.totals).toEqual({ actualToDate: 24_004_503, forecastOutturn: 28_153_700, budget: null });
    expect(plan.summary.categories.residential).toEqual({ actualToDate: 12_119_924, forecastOutturn: 14_000_100 });
  });

  it("puts the run-rate outturn beside the council's forecast (P10: actual x 12 / 10)", () => {
    const categories = tableRows(sheetByKey(plan, "spend"), "Placement category");
    expect(value(categories[0]["Run-rate outturn £"])).toBeCloseTo(14_543_908.8, 6);
  });

  it("reproduces the uplift table to the pound", () => {
    const rows = tableRows(sheetByKey(plan, "costProjection"), "Line");
    const uplifts = rows.map((row) => [
      row.Line?.value,
      rounded(row["Base cost 2021/22 £"]),
      rounded(row["Uplift to Mar-23 £"]),
      rounded(row["Uplift to Mar-24 £"]),
      rounded(row["Uplift to Mar-25 £"]),
    ]);
    // The seed prints its bases rounded: they add up to 27,923,959 as printed, 27,923,958 in its total.
    expect(uplifts).toEqual([
      ["Indep Resi", 14_863_922, 743_196, 780_356, 819_374],
      ["IFA", 5_730_880, 286_544, 300_871, 315_915],
      ["Leaving Care", 1_739_594, 86_980, 91_329, 95_895],
      ["In House", 3_750_559, 88_888, 90_995, 93_151],
      ["SGO", 1_839_004, 43_584, 44_617, 45_675],
      ["Total", 27_923_959, 1_249_192, 1_308_168, 1_370_010],
    ]);
    const total = rows[rows.length - 1];
    expect(rounded(total["Total uplift £"])).toBe(3_927_370);
    expect(Math.abs(value(total["Cost at Mar-25 £"]) - 31_851_328)).toBeLessThan(2);
    expect(value(rows[0]["Uplift to Mar-23 £"])).toBeCloseTo(743_196.1, 6);
    expect(value(rows[3]["Uplift to Mar-25 £"])).toBeCloseTo(93_151.48, 2);
  });

  it("reconciles the lines to the current cost as the seed does (2,527,042 from its unrounded bases)", () => {
    const sheet = sheetByKey(plan, "costProjection");
    expect(
      Math.abs(
        value(rowLabelled(sheet, "Reconciling figure (current cost less the lines' base costs)").cells[1]) - 2_527_042,
      ),
    ).toBeLessThan(2);
    expect(rounded(rowLabelled(sheet, "Current annual cost of placements").cells[1])).toBe(30_451_000);
  });

  it("projects the cost 30,451 -> 37,880 -> 41,807 £000 for 619 -> 770 children", () => {
    const sheet = sheetByKey(plan, "costProjection");
    const count = rowLabelled(sheet, "Children looked after (projection)").cells;
    expect([value(count[1]), value(count[2])]).toEqual([619, 770]);
    const current = rowLabelled(sheet, "Current cost £000").cells;
    const increase = rowLabelled(sheet, "Cost projection - increase in children looked after £000").cells;
    const uplift = rowLabelled(sheet, "Cost projection - uplift £000").cells;
    const total = rowLabelled(sheet, "Total cost £000").cells;
    expect(value(current[2]) / 1000).toBeCloseTo(30_451, 9);
    expect(Math.abs((value(current[2]) + value(increase[2])) / 1000 - 37_880)).toBeLessThan(1);
    expect(Math.abs(value(uplift[2]) / 1000 - 3_927)).toBeLessThan(1);
    expect(Math.abs(value(total[2]) / 1000 - 41_807)).toBeLessThan(1);
    expect(value(total[1])).toBe(30_451_000);
    expect(total[2]?.format).toBe("#,##0,");
    // increase = current cost x (projected / current - 1) = 30,451,000 x 151 / 619 (7,428.27 £000).
    expect(plan.summary.costProjection).toEqual({
      currentCostGbp: 30_451_000,
      increaseGbp: expect.closeTo((30_451_000 * 151) / 619, 6),
      upliftGbp: expect.closeTo(value(uplift[2]), 9),
      totalGbp: expect.closeTo(value(total[2]), 9),
    });
  });

  it("writes the seed's exclusion note under the cost projection", () => {
    expect(() =>
      rowLabelled(
        sheetByKey(plan, "costProjection"),
        "* Total cost excludes Cherry Road, Adoption Allowances, Support Packages etc.",
      ),
    ).not.toThrow();
  });

  it("shows the seed's average weekly costs (£ per placement per week) on the Unit costs sheet", () => {
    const rows = tableRows(sheetByKey(plan, "unitCosts"), "Line (as the source names it)");
    expect(
      rows.map((row) => [row["Line (as the source names it)"]?.value, value(row["Average weekly cost £"])]),
    ).toEqual([
      ["Residential", 4_528],
      ["In House Fostering", 241],
      ["Independent Fostering", 798],
      ["Supported Living incl SAILS and Supported Lodgings", 1_062],
    ]);
    expect(plan.summary.averageWeeklyCost).toEqual({
      residential: 4_528,
      inHouseFostering: 241,
      ifa: 798,
      supported: 1_062,
    });
  });

  it("gives the rate per 10,000 at the latest count (619 / 54,098)", () => {
    expect(plan.summary.lookedAfter).toMatchObject({ latest: 619, ratePer10k: expect.closeTo(114.42, 2) });
  });

  it("evaluates every formula to the engine's value in HyperFormula", () => {
    expect(planMismatches(plan, [seedSheet()])).toEqual([]);
  });
});
