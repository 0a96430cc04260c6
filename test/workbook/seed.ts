/**
 * The published strategy's published figures (Sefton sufficiency strategy 2022-25, lines 579-714) as test inputs:
 * its P10 spend table as a sheet, and the assumptions its cost projection and uplift table were made
 * with. The expected results live in the tests, written as the seed prints them.
 */
import { serialFromYmd } from "../../src/core/dates";
import type { SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook, type Recognition } from "../../src/sources/recognise";
import type { Assumptions } from "../../src/workbook/assumptions";
import { defaultAssumptions } from "../../src/workbook/build";

/** The seven setting types with P10 actual and forecast 21/22, in £ (the published strategy). */
export const SEED_SPEND: readonly [string, number, number][] = [
  ["Residential", 12_119_924, 14_000_100],
  ["In House Fostering", 3_175_235, 3_863_500],
  ["Independent Fostering", 4_745_315, 5_690_000],
  ["Supported Living incl SAILS and Supported Lodgings", 1_733_306, 1_935_500],
  ["Special Guardianship Orders", 1_508_673, 1_795_500],
  ["Child Arrangement Orders", 251_222, 298_000],
  ["Adoption Allowances", 470_828, 571_100],
];

/** Average weekly costs, £ per placement per week (the published strategy), the table under the spend. */
export const SEED_AVERAGE_WEEKLY_COST: readonly [string, number][] = [
  ["Residential", 4_528],
  ["In House Fostering", 241],
  ["Independent Fostering", 798],
  ["Supported Living incl SAILS and Supported Lodgings", 1_062],
];

/** The seed's two tables as the budget monitoring sheet holds them: title, units row, source note. */
export function seedSheet(name = "P10 Summary"): SheetGrid {
  return {
    name,
    origin: { row: 0, col: 0 },
    cells: [
      ["Accommodation and Support Spend"],
      [],
      ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"],
      [null, "£", "£"],
      ...SEED_SPEND.map(([label, actual, forecast]) => [label, actual, forecast]),
      [],
      ["Source: P10 Budget Monitoring report"],
      [],
      ["Average Costs"],
      [null, "£"],
      ...SEED_AVERAGE_WEEKLY_COST.map(([label, cost]) => [label, cost]),
    ],
  };
}

export function seedRecognition(sheets: SheetGrid[] = [seedSheet()]): Recognition {
  return recogniseWorkbook(sheets);
}

/** The uplift lines of the published strategy: label, category, 21/22 base cost, annual rate. */
export const SEED_UPLIFT = [
  { label: "Indep Resi", category: "residential", base: 14_863_922, rate: 0.05 },
  { label: "IFA", category: "ifa", base: 5_730_880, rate: 0.05 },
  { label: "Leaving Care", category: "supported", base: 1_739_594, rate: 0.05 },
  { label: "In House", category: "inHouseFostering", base: 3_750_559, rate: 0.0237 },
  { label: "SGO", category: "sgo", base: 1_839_004, rate: 0.0237 },
] as const;

/**
 * The seed's assumptions: 619 children on 18 February 2022 (with the counts at 31 March of earlier
 * years, 436 in February 2017 and 616 in January 2022), projected to 770 by February 2025 by the
 * council's own trendline; current cost £30,451,000 excluding Cherry Road, adoption allowances and
 * support packages; population 54,098 (616 / 54,098 = 113.87 per 10,000).
 */
export function seedAssumptions(recognition: Recognition): Assumptions {
  const defaults = defaultAssumptions(recognition, { today: serialFromYmd(2022, 2, 18) });
  return {
    ...defaults,
    population0to17: { value: 54_098, source: "ONS mid-year estimate" },
    lacHistory: {
      value: [
        { date: serialFromYmd(2017, 2, 28), count: 436 },
        { date: serialFromYmd(2018, 3, 31), count: 480 },
        { date: serialFromYmd(2019, 3, 31), count: 527 },
        { date: serialFromYmd(2020, 3, 31), count: 566 },
        { date: serialFromYmd(2021, 3, 31), count: 613 },
        { date: serialFromYmd(2022, 1, 31), count: 616 },
        { date: serialFromYmd(2022, 2, 18), count: 619 },
      ],
      source: "strategy 2022-25",
    },
    projectionTargetDate: serialFromYmd(2025, 2, 28),
    projectedLacCount: { value: 770, source: "the council's linear trendline of its monthly counts" },
    upliftBaseYear: 2021,
    uplift: SEED_UPLIFT.map((line) => ({
      label: line.label,
      category: line.category,
      baseCostGbp: { value: line.base, source: "21/22 cost" },
      rates: [line.rate, line.rate, line.rate],
    })),
    currentCostGbp: { value: 30_451_000, source: "P&P cost excl. Cherry Road" },
    currentCostExcludes: "Cherry Road, Adoption Allowances, Support Packages etc.",
  };
}
