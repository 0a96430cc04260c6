/**
 * The HyperFormula harness itself: it must catch a formula whose engine value is wrong, run the LAC
 * functions through their real wrappers, keep user text as text, and hand the functions it lacks to
 * LibreOffice while still checking the cells that depend on them.
 */
import type { SheetGrid } from "../../src/core/grid";
import { usesAddInFunction } from "../../src/workbook/formulas";
import type { PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import { cellsForLibreOffice, evaluatePlan, functionsIn, planMismatches } from "../support/hyperformula";

function planOf(rows: (PlanCell | null)[][], names: WorkbookPlan["names"] = []): WorkbookPlan {
  return {
    sheets: [{ key: "test", name: "Test sheet", blocks: [{ row: 0, col: 0, cells: rows }] }],
    names,
    warnings: [],
    summary: {
      period: null,
      financialYear: null,
      units: null,
      categories: {},
      totals: { actualToDate: null, forecastOutturn: null, budget: null },
    },
  };
}

const source: SheetGrid = { name: "P10 Summary", origin: { row: 2, col: 1 }, cells: [["=1+1", "12", 12_119_924]] };

describe("HyperFormula harness", () => {
  it("agrees with a correct engine value and reports a wrong one with the cell and both values", () => {
    const right = planOf([[{ value: 2 }, { formula: "A1*3", value: 6 }]]);
    const wrong = planOf([[{ value: 2 }, { formula: "A1*3", value: 7 }]]);
    expect(planMismatches(right, [])).toEqual([]);
    expect(planMismatches(wrong, [])).toEqual(["'Test sheet'!B1 =A1*3: HyperFormula 6, engine 7"]);
  });

  it("reads source sheets at their origin, with workbook names", () => {
    const plan = planOf(
      [
        [
          { formula: "'P10 Summary'!$D$3*1000", value: 12_119_924_000 },
          { formula: "Income*2", value: 24_239_848 },
        ],
      ],
      [{ name: "Income", ref: { sheet: "P10 Summary", row: 2, col: 3, rows: 1, cols: 1 } }],
    );
    expect(planMismatches(plan, [source])).toEqual([]);
  });

  it("keeps a user's text as text, even when it looks like a formula or a number", () => {
    const plan = planOf([
      [
        { formula: "'P10 Summary'!B3", value: "=1+1" },
        { formula: "ISNUMBER('P10 Summary'!C3)", value: false },
        { value: "=A1" },
      ],
    ]);
    const evaluation = evaluatePlan(plan, [source]);
    expect(evaluation.value("Test sheet", 0, 0)).toBe("=1+1");
    expect(evaluation.value("Test sheet", 0, 1)).toBe(false);
    expect(evaluation.value("Test sheet", 0, 2)).toBe("=A1");
  });

  it("runs LAC functions through the add-in's own wrappers, errors included", () => {
    const plan = planOf([
      [
        { formula: "LAC.RATE(616,54098)", value: (616 / 54_098) * 10_000 },
        { formula: "LAC.RATE(616,0)", value: null },
      ],
    ]);
    const evaluation = evaluatePlan(plan, []);
    expect(evaluation.value("Test sheet", 0, 0)).toBeCloseTo(113.867, 3);
    expect(evaluation.value("Test sheet", 0, 1)).toEqual(expect.objectContaining({ error: "#DIV/0!" }));
    const uplift = evaluatePlan(planOf([[{ formula: 'LAC.UPLIFTCOST(14863922,0.05,3,"total")', value: null }]]), []);
    expect(uplift.value("Test sheet", 0, 0)).toBeCloseTo(743_196.1 + 780_355.905 + 819_373.70025, 6);
  });

  it("hands the functions it lacks to LibreOffice and still checks the cells that use their results", () => {
    const rows: (PlanCell | null)[][] = [
      [{ value: 1 }, { value: 436 }],
      [{ value: 2 }, { value: 480 }],
      [
        { formula: "FORECAST.LINEAR(3,B1:B2,A1:A2)", value: 524 },
        { formula: "A3*2", value: 1048 },
      ],
    ];
    const plan = planOf(rows);
    expect(cellsForLibreOffice(plan).map((cell) => cell.address)).toEqual(["A3"]);
    expect(planMismatches(plan, [])).toEqual([]);
    rows[2][1] = { formula: "A3*2", value: 1050 };
    expect(planMismatches(planOf(rows), [])).toEqual(["'Test sheet'!B3 =A3*2: HyperFormula 1048, engine 1050"]);
  });

  it("finds the functions a formula calls, not words inside text or sheet names", () => {
    expect(
      functionsIn(
        `IF(LAC_ProjectionMethod="GROWTH(",GROWTH(A1:A2,B1:B2,C1),FORECAST.LINEAR(C1,A1:A2,B1:B2))+'TREND(x'!A1`,
      ),
    ).toEqual(["IF", "GROWTH", "FORECAST.LINEAR"]);
  });
});

describe("usesAddInFunction", () => {
  it("finds calls of the add-in's functions, not names, text or sheet names that merely contain LAC.", () => {
    expect(usesAddInFunction("LAC.STABILITY(Episodes!A1:L900,DATE(2021,3,31))")).toBe(true);
    expect(usesAddInFunction("1+lac.rate(B2,B3)")).toBe(true);
    expect(usesAddInFunction("B5/LAC_Population0to17*10000")).toBe(false);
    expect(usesAddInFunction(`IF(A1="LAC.RATE(",1,'LAC.X (2)'!A1)`)).toBe(false);
  });
});
