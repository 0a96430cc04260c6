/**
 * The care sheets: every formula evaluates (HyperFormula) to the engine's value; counts are the
 * measures' counts; rates read the population cells; comparators come from the Assumptions; and given
 * the published strategy's 2018 counts by age, the % cells show its published one-decimal figures.
 */
import type { CareHistory, ChildHistory } from "../../src/core/careHistory";
import { careMeasures, financialYearPeriod, reportingPeriods } from "../../src/core/careMeasures";
import { addYears, serialFromYmd } from "../../src/core/dates";
import { generateCareHistory } from "../../tools/synthetic/ssda903";
import type { Assumptions } from "../../src/workbook/assumptions";
import { sheetContext } from "../../src/workbook/context";
import { computeCareFigures } from "../../src/workbook/figures";
import type { SheetPlan, WorkbookPlan } from "../../src/workbook/plan";
import { buildCareSheets, CARE_SHEETS } from "../../src/workbook/sheets/care";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { rowLabelled, sheetByKey } from "./planReader";

const d = serialFromYmd;
const ASSUMPTIONS_SHEET = "Assumptions";

function assumptionsFor(overrides: Partial<Assumptions>): Assumptions {
  return {
    population0to17: { value: 54_098, source: "test" },
    populationByYear: {},
    comparators: {},
    ...overrides,
  } as Assumptions;
}

/** The care sheets in a plan with a stand-in Assumptions sheet holding LAC_Population0to17. */
function carePlan(history: CareHistory, assumptions: Assumptions): WorkbookPlan {
  const context = sheetContext(Object.fromEntries(CARE_SHEETS.map((s) => [s.key, s.name])), assumptions, null);
  const part = buildCareSheets(computeCareFigures(history, context), context);
  const stand: SheetPlan = {
    key: "assumptions",
    name: ASSUMPTIONS_SHEET,
    blocks: [{ row: 0, col: 0, cells: [[{ value: assumptions.population0to17.value }]] }],
  };
  return {
    sheets: [stand, ...part.sheets],
    names: [
      { name: "LAC_Population0to17", ref: { sheet: ASSUMPTIONS_SHEET, row: 0, col: 0, rows: 1, cols: 1 } },
      ...part.names,
    ],
    warnings: part.warnings,
    summary: {
      period: null,
      financialYear: null,
      units: null,
      categories: {},
      totals: { actualToDate: null, forecastOutturn: null, budget: null },
    },
  };
}

const FIRST_YEAR = 2016;
const generated = generateCareHistory({ children: 1_500, seed: 7, firstYear: FIRST_YEAR, years: 5 });
const periods = reportingPeriods(generated);

describe("care sheets from five years of 903 data", () => {
  const assumptions = assumptionsFor({
    populationByYear: { 2018: 50_000, 2019: 51_000 },
    comparators: {
      lookedAfterRate: [
        { name: "North West", values: { 2017: 86, 2018: 91, 2019: 94, 2020: 97, 2021: 97 } },
        { name: "England", values: { 2017: 62, 2018: 64, 2019: 65, 2020: 67, 2021: 67 } },
      ],
      stabilityLong: [{ name: "England", values: { 2018: 0.69, 2019: 0.68, 2020: 0.68, 2021: 0.7 } }],
    },
    stabilityMoves: "carer",
  });
  const plan = carePlan(generated, assumptions);
  const inCare = sheetByKey(plan, "careInCare");
  const measures = careMeasures(
    generated,
    periods.map((p) => p.period),
    { moves: "carer", population: periods.map(() => null) },
  );

  it("has a column per year the returns cover", () => {
    expect(periods.map((p) => p.label)).toEqual(["2017", "2018", "2019", "2020", "2021"]);
    expect(plan.sheets.map((s) => s.name)).toEqual([ASSUMPTIONS_SHEET, "In care", "Starters and leavers", "Stability"]);
  });

  it("writes formulas that evaluate to the engine's values", () => {
    expect(planMismatches(plan, [])).toEqual([]);
  });

  it("shows the measured counts, the rates on the population cells, and the comparators given", () => {
    const evaluation = evaluatePlan(plan, []);
    const count = rowLabelled(inCare, "Children looked after");
    const population = rowLabelled(inCare, "Population aged 0-17 (ONS mid-year estimate)");
    const rate = rowLabelled(inCare, "This council: rate per 10,000");
    const northWest = rowLabelled(inCare, "North West");
    periods.forEach((_, i) => {
      expect(evaluation.value("In care", count.row, 1 + i)).toBe(measures[i].lookedAfter.total);
    });
    expect(population.cells.slice(1).map((c) => c?.value ?? null)).toEqual([null, 50_000, 51_000, null, 54_098]);
    expect(population.cells[5]?.formula).toBe('IF(ISNUMBER(LAC_Population0to17),LAC_Population0to17,"")');
    expect(evaluation.value("In care", rate.row, 2)).toBeCloseTo((measures[1].lookedAfter.total / 50_000) * 10_000, 9);
    // No population in 2017 or 2020: no rate cell at all, so the chart leaves a gap instead of drawing a rate of 0.
    expect([rate.cells[1], rate.cells[4]]).toEqual([null, null]);
    expect(rate.cells[5]?.formula).toBe(
      'IF(AND(ISNUMBER(F8),F8>0),F7/F8*10000,"")'
        .replace(/F8/g, `F${population.row + 1}`)
        .replace("F7", `F${count.row + 1}`),
    );
    expect(northWest.cells.slice(1).map((c) => c?.value)).toEqual([86, 91, 94, 97, 97]);
    expect(northWest.cells[1]?.style).toBe("input");
  });

  it("counts stability with the move counting the Assumptions choose, and says so", () => {
    const stability = sheetByKey(plan, "careStability");
    const denominators = rowLabelled(stability, "Children looked after at 31 March");
    const numerators = rowLabelled(stability, "With 3 or more placements during the year");
    expect(numerators.cells.slice(1).map((c) => c?.value)).toEqual(measures.map((m) => m.stability.short.numerator));
    expect(denominators.cells.slice(1).map((c) => c?.value)).toEqual(
      measures.map((m) => m.stability.short.denominator),
    );
    expect(JSON.stringify(stability.blocks)).toContain("Moves counted for the short term: changes of carer only");
    const long = rowLabelled(stability, "Under 16, looked after continuously for 2.5 years or more");
    expect(long.cells.slice(1).map((c) => c?.value)).toEqual(
      periods.map((p, i) => (p.longTermKnown ? measures[i].stability.long.denominator : "n/a")),
    );
    // The charted share: no cell where the long-term measure is not known, so the chart has a gap, not 0%.
    const share = rowLabelled(stability, "This council: % (higher is better)");
    expect(periods.some((p) => !p.longTermKnown)).toBe(true);
    expect(share.cells.slice(1).map((c) => c?.value ?? null)).toEqual(
      periods.map((p, i) =>
        p.longTermKnown ? measures[i].stability.long.numerator / measures[i].stability.long.denominator : null,
      ),
    );
    expect(periods.map((p) => p.longTermKnown)).toEqual([false, false, true, true, true]);
  });

  it("lists the reasons for ceasing that occur, in the published strategy's order, adding up to the children who ceased", () => {
    const evaluation = evaluatePlan(plan, []);
    const sheet = sheetByKey(plan, "careStartersLeavers");
    const total = rowLabelled(sheet, "Total children who ceased");
    periods.forEach((_, i) =>
      expect(evaluation.value("Starters and leavers", total.row, 1 + i)).toBe(measures[i].ceased.total),
    );
    const adopted = rowLabelled(sheet, "E11 - Adopted, application unopposed");
    const returnedHome = rowLabelled(
      sheet,
      "E4A - Returned home to live with parents, relatives, or other person with parental responsibility as part of the care planning process",
    );
    expect(adopted.row).toBeLessThan(returnedHome.row);
    const groups = [
      "Adopted",
      "Special guardianship order",
      "Child arrangement order",
      "Returned home or to live with relatives",
      "Independent living or adult services",
      "Other reasons",
    ];
    periods.forEach((_, i) => {
      const grouped = groups.map(
        (label) => evaluation.value("Starters and leavers", rowLabelled(sheet, label, total.row).row, 1 + i) as number,
      );
      expect(grouped.reduce((a, b) => a + b, 0)).toBe(measures[i].ceased.total);
      expect(grouped[0]).toBe((measures[i].ceased.byReason.E11 ?? 0) + (measures[i].ceased.byReason.E12 ?? 0));
    });
  });

  it("charts each council rate against its comparator rows", () => {
    const chart = inCare.charts?.[0];
    expect(chart?.type).toBe("lineMarkers");
    expect(chart?.series.map((s) => s.name)).toEqual(["This council", "North West", "England"]);
    expect(chart?.series[0].values).toEqual({
      sheet: "In care",
      row: rowLabelled(inCare, "This council: rate per 10,000").row,
      col: 1,
      rows: 1,
      cols: 5,
    });
    const keys = plan.sheets.flatMap((s) => s.charts ?? []).map((c) => c.key);
    expect(keys).toEqual(["careLookedAfterRate", "careStartedRate", "careCeasedRate", "careStabilityLong"]);
  });
});

describe("care sheets given the published strategy's 2018 children by age", () => {
  const yearEnd = d(2018, 3, 31);
  const bands: [number, number][] = [
    [19, 0],
    [87, 1],
    [116, 5],
    [181, 10],
    [77, 16],
  ];
  const children: ChildHistory[] = [];
  for (const [count, years] of bands) {
    for (let k = 0; k < count; k += 1) {
      const dob = addYears(yearEnd, -years) - 1 - (k % 200);
      children.push({
        child: `S${children.length}`,
        dob,
        sex: null,
        episodes: [
          {
            start: Math.max(dob, d(2017, 6, 1)),
            end: null,
            rne: "S",
            ls: "C2",
            cin: "N1",
            place: "U4",
            placeProvider: "PR1",
            rec: null,
          },
        ],
      });
    }
  }
  children.push({
    child: "LEFT",
    dob: d(2005, 1, 1),
    sex: null,
    episodes: [
      {
        start: d(2016, 1, 1),
        end: d(2018, 3, 20),
        rne: "S",
        ls: "C2",
        cin: "N1",
        place: "U4",
        placeProvider: "PR1",
        rec: "E13",
      },
    ],
  });
  const history: CareHistory = { children, stitching: {}, issues: [] };

  it("shows 4.0, 18.1, 24.2, 37.7, 16.0 per cent of 480", () => {
    expect(reportingPeriods(history).map((p) => p.period)).toEqual([financialYearPeriod(2017)]);
    const plan = carePlan(history, assumptionsFor({}));
    const evaluation = evaluatePlan(plan, []);
    const inCare = sheetByKey(plan, "careInCare");
    expect(evaluation.value("In care", rowLabelled(inCare, "Children looked after").row, 1)).toBe(480);
    const shown = ["Under 1 year", "1 to 4 years", "5 to 9 years", "10 to 15 years", "16 years and over"].map(
      (label) => {
        const percentRow = rowLabelled(inCare, label, rowLabelled(inCare, "Age group - %").row);
        const share = evaluation.value("In care", percentRow.row, 1) as number;
        return (Math.round(share * 1000) / 10).toFixed(1);
      },
    );
    expect(shown).toEqual(["4.0", "18.1", "24.2", "37.7", "16.0"]);
  });
});

describe("care sheets without usable episodes", () => {
  it("are left out, with a warning", () => {
    const context = sheetContext(Object.fromEntries(CARE_SHEETS.map((s) => [s.key, s.name])), assumptionsFor({}), null);
    const part = buildCareSheets(computeCareFigures({ children: [], stitching: {}, issues: [] }, context), context);
    expect(part.sheets).toEqual([]);
    expect(part.warnings).toEqual([
      {
        severity: "warning",
        message: "The 903 data has no episodes, so there are no In care, Starters and leavers or Stability sheets.",
        where: "sheet 'In care'",
      },
    ]);
  });
});
