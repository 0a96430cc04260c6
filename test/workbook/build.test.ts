/**
 * The plan for layouts other than the seed's: £000 sheets with totals, text amounts and user text
 * that looks like a formula; a placement list; missing inputs; the user's own sheet names.
 */
import type { CareHistory, ChildHistory, Episode } from "../../src/core/careHistory";
import { serialFromYmd } from "../../src/core/dates";
import { isLacError } from "../../src/core/errors";
import type { SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import type { Assumptions } from "../../src/workbook/assumptions";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import { formulaCells } from "../../src/workbook/formulas";
import type { PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import { cellsForLibreOffice, evaluatePlan, planMismatches } from "../support/hyperformula";
import { rowLabelled, sheetByKey, tableRows } from "./planReader";
import { seedAssumptions, seedRecognition, seedSheet } from "./seed";

const TODAY = serialFromYmd(2022, 2, 18);

/** A £000 budget sheet of P10 2021/22 not starting at A1, with a text amount, a total row and a label that looks like a formula. */
function thousandsSheet(): SheetGrid {
  return {
    name: "Budget P10",
    origin: { row: 1, col: 1 },
    cells: [
      ["Children's placements budget monitoring, Period 10 2021/22"],
      ["£000"],
      ["Service line", "Annual budget", "Actual to date", "Forecast outturn", "Variance", "No. of placements"],
      ["External residential", 9000, 6100.5, 9400, 400, 31],
      ["IFA", 4000, "(1,234)", 3900, -100, 72],
      ['=HYPERLINK("http://example.org")', 100, 50, 80, -20, 2],
      [],
      ["Total", 13100, 4916.5, 13380, 280, 105],
    ],
  };
}

function placementSheet(): SheetGrid {
  return {
    name: "Placements",
    origin: { row: 0, col: 0 },
    cells: [
      ["Placement ID", "Placement type", "Provider", "Start date", "End date", "Weekly cost"],
      ["P1", "IFA", "Acme Fostering", "01/04/2021", null, 700],
      ["P2", "IFA", "Acme Fostering", "01/06/2021", "14/02/2022", 1400],
      ["P3", "External residential", "Homes Ltd", "01/05/2021", "15/12/2021", 5000],
    ],
  };
}

function build(
  sheets: SheetGrid[],
  change: (a: Assumptions) => Assumptions = (a) => a,
  existing = sheets.map((s) => ({ name: s.name, ownedKey: null })),
): WorkbookPlan {
  const recognition = recogniseWorkbook(sheets);
  return buildSufficiencyPlan({
    recognition,
    assumptions: change(defaultAssumptions(recognition, { today: TODAY })),
    existingSheets: existing,
  });
}

const value = (cell: PlanCell | null | undefined): unknown => cell?.value;

/** Formula cells HyperFormula evaluated to an error (#DIV/0!, #VALUE!...). */
function errorCells(plan: WorkbookPlan, sources: SheetGrid[]): string[] {
  const evaluation = evaluatePlan(plan, sources);
  return evaluation.checked.flatMap((cell) => {
    const result = evaluation.value(cell.sheet, cell.row, cell.col);
    return typeof result === "object" && result !== null
      ? [`'${cell.sheet}'!${cell.address} =${cell.formula}: ${result.error}`]
      : [];
  });
}

describe("a £000 budget sheet with totals and text", () => {
  const sheets = [thousandsSheet()];
  const plan = build(sheets);
  const lines = tableRows(sheetByKey(plan, "spend"), "Line (as the source names it)");

  it("links each number in £, multiplying £000 cells by 1,000 but never the numbers of placements", () => {
    expect(lines[0]["Actual to date £"]).toMatchObject({ formula: "'Budget P10'!$D$5*1000", value: 6_100_500 });
    expect(lines[0]["Budget £"]).toMatchObject({ formula: "'Budget P10'!$C$5*1000", value: 9_000_000 });
    expect(lines[0].Placements).toMatchObject({ formula: "'Budget P10'!$G$5", value: 31 });
  });

  it("writes an amount typed as text as its value with a note, never as a formula", () => {
    expect(lines[1]["Actual to date £"]).toEqual({ value: -1_234_000, format: "£#,##0" });
    expect(value(lines[1].Notes)).toBe(
      "Actual to date £ read from the text \"(1,234)\" in cell D6 of sheet 'Budget P10': a value, not a link; retype it as a number there to link it.",
    );
  });

  it("writes a label that looks like a formula as text", () => {
    expect(lines[2]["Line (as the source names it)"]).toEqual({
      value: '=HYPERLINK("http://example.org")',
      style: "label",
    });
    const formulas = formulaCells(plan).map((cell) => cell.formula);
    expect(formulas.some((f) => f.includes("HYPERLINK"))).toBe(false);
  });

  it("checks the lines against the sheet's own total: the difference is 0", () => {
    const sheet = sheetByKey(plan, "spend");
    const total = rowLabelled(sheet, "Total as 'Budget P10' shows it");
    expect(total.cells.slice(2, 7).map((cell) => cell?.formula)).toEqual([
      "'Budget P10'!$C$9*1000",
      "'Budget P10'!$D$9*1000",
      "'Budget P10'!$E$9*1000",
      "'Budget P10'!$F$9*1000",
      "'Budget P10'!$G$9",
    ]);
    const difference = rowLabelled(sheet, "Difference (sum of lines less the source's totals)");
    expect(difference.cells.slice(2, 7).map(value)).toEqual([0, 0, 0, 0, 0]);
  });

  it("shows budget, variance and placements by category, and unit costs from the numbers of placements", () => {
    const categories = tableRows(sheetByKey(plan, "spend"), "Placement category");
    expect(
      categories.map((row) => [
        value(row["Placement category"]),
        value(row["Budget £"]),
        value(row["Variance £"]),
        value(row.Placements),
      ]),
    ).toEqual([
      ["Residential", 9_000_000, 400_000, 31],
      ["Independent Fostering", 4_000_000, -100_000, 72],
      ["Needs a choice", 100_000, -20_000, 2],
      ["Total", 13_100_000, 280_000, 105],
    ]);
    const unitCosts = tableRows(sheetByKey(plan, "unitCosts"), "Placement category");
    // 9,400,000 / (31 x 52) = 5,831.27 a week.
    expect(unitCosts[0]["Average weekly cost £"]?.value).toBeCloseTo(9_400_000 / (31 * 52), 9);
    expect(plan.summary.units).toBe("thousands");
    expect(plan.summary.totals).toEqual({ actualToDate: 4_916_500, forecastOutturn: 13_380_000, budget: 13_100_000 });
  });

  it("evaluates every formula to the engine's value, with no error in any cell", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
    expect(errorCells(plan, sheets)).toEqual([]);
  });
});

describe("a budget sheet with a placement list", () => {
  const sheets = [thousandsSheet(), placementSheet()];
  const plan = build(sheets);

  it("adds the outturn the open placements commit to 31 March (P10: 59 days left)", () => {
    const ifa = tableRows(sheetByKey(plan, "spend"), "Placement category").find(
      (row) => row["Placement category"]?.value === "Independent Fostering",
    );
    // 700 a week open-ended: 59 days = 5,900; 1,400 a week to 14 February: 14 days = 2,800.
    expect(ifa?.["Committed to 31 March £ (placement list)"]?.value).toBeCloseTo(8_700, 9);
    expect(ifa?.["Commitment-based outturn £"]).toMatchObject({ value: -1_234_000 + 8_700 });
  });

  it("averages the weekly costs of the placements open at the period end", () => {
    const rows = tableRows(sheetByKey(plan, "unitCosts"), "Placement category");
    expect(rows[0]).toMatchObject({
      "Placement category": { value: "Independent Fostering" },
      Placements: { value: 2 },
      "Average weekly cost £": { value: 1_050 },
    });
    expect(rows[0]["Annual cost per placement £"]?.value).toBe(1_050 * 52);
    expect(plan.summary.averageWeeklyCost).toMatchObject({ ifa: 1_050 });
  });

  it("evaluates every formula to the engine's value, with no error in any cell", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
    expect(errorCells(plan, sheets)).toEqual([]);
  });
});

describe("missing inputs", () => {
  const sheets = [
    {
      name: "Spend report",
      origin: { row: 0, col: 0 },
      cells: [
        ["Placement", "Spend to date", "Projected outturn"],
        ["Residential", 100, 150],
        ["IFA", 50, 60],
      ],
    },
  ];
  const plan = build(sheets);

  it("builds without a period, population or counts of children, and says what is missing", () => {
    expect(plan.summary.period).toBeNull();
    expect(plan.summary.lookedAfter).toMatchObject({ latest: null, projected: null });
    const messages = plan.warnings.map((w) => w.message).join("\n");
    expect(messages).toContain("No counts of children looked after were given");
    expect(messages).toContain("no increase from more children");
    expect(() =>
      rowLabelled(
        sheetByKey(plan, "spend"),
        "No run-rate outturn: the budget monitoring period is not known. Enter it on the Assumptions sheet and rebuild.",
      ),
    ).not.toThrow();
  });

  it("lists every warning on the Summary, below its charts, with where it is and then the message", () => {
    const summary = sheetByKey(plan, "summary");
    expect(rowLabelled(summary, `${plan.warnings.length} things to read: see "Please read" further down.`).row).toBe(2);
    const listed = tableRows(summary, "Where");
    expect(listed.map((row) => row.Message?.value)).toEqual(plan.warnings.map((w) => w.message));
    expect(listed.map((row) => row.Where?.value)).toEqual(plan.warnings.map((w) => w.where ?? ""));
    const belowCharts = Math.max(...(summary.charts ?? []).map((chart) => chart.anchor.row + chart.anchor.rows));
    expect(summary.charts?.length).toBeGreaterThan(0);
    expect(rowLabelled(summary, "Where").row).toBeGreaterThan(belowCharts);
  });

  it("leaves no formula showing an error", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
    expect(errorCells(plan, sheets)).toEqual([]);
  });

  it("builds an empty workbook plan from a sheet with nothing recognisable", () => {
    const empty = [{ name: "Notes", origin: { row: 0, col: 0 }, cells: [["Minutes of the meeting"]] }];
    const nothing = build(empty);
    expect(nothing.summary.categories).toEqual({});
    expect(nothing.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Sheet 'Notes' was not used"),
        "No budget lines were recognised, so the Spend sheet is empty.",
      ]),
    );
    expect(planMismatches(nothing, empty)).toEqual([]);
  });
});

describe("projection", () => {
  const recognition = seedRecognition();

  it("uses the Needs projection when the council gives no count of its own", () => {
    const plan = buildSufficiencyPlan({
      recognition,
      assumptions: { ...seedAssumptions(recognition), projectedLacCount: { value: null, source: "not given" } },
      existingSheets: [],
    });
    const trendAtTarget = rowLabelled(sheetByKey(plan, "needs"), "Projected at the target date (trend)").cells[1];
    expect(plan.summary.lookedAfter).toMatchObject({ projected: trendAtTarget?.value });
    expect(planMismatches(plan, [seedSheet()])).toEqual([]);
  });

  it("reads the exponential trend with GROWTH, and lists the trend cells for LibreOffice", () => {
    const linear = buildSufficiencyPlan({ recognition, assumptions: seedAssumptions(recognition), existingSheets: [] });
    const exponential = buildSufficiencyPlan({
      recognition,
      assumptions: { ...seedAssumptions(recognition), projectionMethod: "exponential" },
      existingSheets: [],
    });
    const trend = (plan: WorkbookPlan): number =>
      rowLabelled(sheetByKey(plan, "needs"), "Projected at the target date (trend)").cells[1]?.value as number;
    expect(trend(exponential)).toBeGreaterThan(trend(linear));
    const forLibreOffice = cellsForLibreOffice(exponential);
    expect(forLibreOffice.length).toBeGreaterThan(0);
    expect(
      forLibreOffice.every(
        (cell) => cell.sheet === "Needs projection" && /GROWTH\(.*FORECAST\.LINEAR\(/.test(cell.formula),
      ),
    ).toBe(true);
    expect(planMismatches(exponential, [seedSheet()])).toEqual([]);
  });
});

describe("the user's workbook", () => {
  it("writes beside a user's sheets called Spend and Summary, under other names, and links to them correctly", () => {
    const sheets = [seedSheet("Spend"), { name: "summary", origin: { row: 0, col: 0 }, cells: [["our notes"]] }];
    const recognition = recogniseWorkbook([sheets[0]]);
    const plan = buildSufficiencyPlan({
      recognition,
      assumptions: seedAssumptions(recognition),
      existingSheets: sheets.map((s) => ({ name: s.name, ownedKey: null })),
    });
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "LAC Summary",
      "Assumptions",
      "LAC Spend",
      "Unit costs",
      "Needs projection",
      "Cost projection",
    ]);
    const lines = tableRows(sheetByKey(plan, "spend"), "Line (as the source names it)");
    expect(lines[0]["Actual to date £"]?.formula).toBe("Spend!$B$5");
    expect(planMismatches(plan, sheets)).toEqual([]);
  });

  it("does not change the recognition or the source grids it is given", () => {
    const sheets = [thousandsSheet(), placementSheet()];
    const before = JSON.stringify(sheets);
    const recognition = recogniseWorkbook(sheets);
    const recognised = JSON.stringify(recognition);
    buildSufficiencyPlan({
      recognition,
      assumptions: defaultAssumptions(recognition, { today: TODAY }),
      existingSheets: [],
    });
    expect(JSON.stringify(sheets)).toBe(before);
    expect(JSON.stringify(recognition)).toBe(recognised);
  });
});

describe("defaultAssumptions", () => {
  it("takes the period and year from the budget, projects three years to 31 March, one uplift line per category", () => {
    const a = defaultAssumptions(seedRecognition(), { today: TODAY });
    expect(a.period).toMatchObject({ value: 10 });
    expect(a.financialYear).toMatchObject({ value: 2021 });
    expect(a.projectionTargetDate).toBe(serialFromYmd(2025, 3, 31));
    expect(a.weeksPerYear).toBe(52);
    expect(a.upliftBaseYear).toBe(2021);
    expect(a.uplift.map((line) => [line.category, line.baseCostGbp.value, line.rates])).toEqual([
      ["residential", null, [0.05, 0.05, 0.05]],
      ["inHouseFostering", null, [0.0237, 0.0237, 0.0237]],
      ["ifa", null, [0.05, 0.05, 0.05]],
      ["supported", null, [0.05, 0.05, 0.05]],
      ["sgo", null, [0.0237, 0.0237, 0.0237]],
      ["cao", null, [0.0237, 0.0237, 0.0237]],
      ["adoption", null, [0.0237, 0.0237, 0.0237]],
    ]);
  });

  it("counts children looked after at each 31 March of the SSDA903 history, to the 31 March of the latest return's year unless told the data end sooner", () => {
    const episode = (start: number, end: number | null): Episode => ({
      start,
      end,
      rne: "S",
      ls: "C2",
      cin: "N1",
      place: "U1",
      placeProvider: "PR1",
      rec: end === null ? null : "E8",
    });
    const child = (id: string, ...episodes: Episode[]): ChildHistory => ({
      child: id,
      dob: serialFromYmd(2010, 1, 1),
      sex: "1",
      episodes,
    });
    const history: CareHistory = {
      children: [
        child("A", episode(serialFromYmd(2019, 4, 10), null)),
        child("B", episode(serialFromYmd(2020, 6, 1), serialFromYmd(2021, 6, 30))),
        child("C", episode(serialFromYmd(2022, 1, 10), null)),
        child("D", episode(serialFromYmd(2017, 4, 10), serialFromYmd(2017, 5, 1))),
        child("E", episode(serialFromYmd(2021, 12, 1), serialFromYmd(2022, 1, 20))),
      ],
      stitching: {},
      issues: [],
    };
    const a = defaultAssumptions(seedRecognition(), { today: TODAY, careHistory: history });
    expect(a.lacHistory.value.slice(0, 4)).toEqual([
      { date: serialFromYmd(2018, 3, 31), count: 0 },
      { date: serialFromYmd(2019, 3, 31), count: 0 },
      { date: serialFromYmd(2020, 3, 31), count: 1 },
      { date: serialFromYmd(2021, 3, 31), count: 2 },
    ]);
    // The latest date is 20 January 2022, but a return covers its year: to 31 March 2022, A and C still in care.
    expect(a.lacHistory.value[4]).toEqual({ date: serialFromYmd(2022, 3, 31), count: 2 });
    expect(a.careDataEnd).toEqual({
      value: serialFromYmd(2022, 3, 31),
      source:
        "default: 31/03/2022, the 31 March of the latest return's year (the latest date in the data is 20/01/2022)",
    });
    expect(a.lacHistory.source).toContain("SSDA903");
    // An extract the user says ends on its latest date ends the counts there, in a part year.
    const extract = defaultAssumptions(seedRecognition(), {
      today: TODAY,
      careHistory: history,
      careDataEnd: { value: serialFromYmd(2022, 1, 20), source: "--903-to" },
    });
    expect(extract.lacHistory.value[4]).toEqual({ date: serialFromYmd(2022, 1, 20), count: 2 });
    expect(extract.careDataEnd?.source).toBe("--903-to");
  });

  it("makes a plan whose uplift bases and current cost follow the Spend sheet's forecasts", () => {
    const recognition = seedRecognition();
    const plan = buildSufficiencyPlan({
      recognition,
      assumptions: defaultAssumptions(recognition, { today: TODAY }),
      existingSheets: [],
    });
    const uplift = tableRows(sheetByKey(plan, "assumptions"), "Line");
    expect(uplift[0]["Base cost 2021/22 £"]).toMatchObject({
      formula: "Spend!$C$7",
      value: 14_000_100,
      style: "input",
    });
    expect(plan.summary.costProjection).toMatchObject({ currentCostGbp: 28_153_700 });
    expect(planMismatches(plan, [seedSheet()])).toEqual([]);
  });
});

describe("bad assumptions", () => {
  const recognition = seedRecognition();
  const attempt = (change: Partial<Assumptions>): unknown => {
    try {
      buildSufficiencyPlan({
        recognition,
        assumptions: { ...seedAssumptions(recognition), ...change },
        existingSheets: [],
      });
      return null;
    } catch (error) {
      return isLacError(error) ? error.message : error;
    }
  };

  it("refuses a period outside 1-12 and names it", () => {
    expect(attempt({ period: { value: 13, source: "typed" } })).toBe(
      "Assumptions: the budget monitoring period must be a whole number from 1 (April) to 12 (March), found 13",
    );
  });

  it("refuses an uplift rate typed as a whole number, naming the line", () => {
    const uplift = seedAssumptions(recognition).uplift.map((line, i) =>
      i === 1 ? { ...line, rates: [5, 0.05, 0.05] } : line,
    );
    expect(attempt({ uplift })).toMatch(
      /^Uplift line 'IFA' on the Assumptions sheet: rates: year 1's rate is 5, which means 500% a year/,
    );
  });
});
