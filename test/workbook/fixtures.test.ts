/**
 * Every budget-sheet layout of test/fixtures/budget (the recognition fixtures): the plan built from what
 * was recognised evaluates, formula by formula, to the engine's values in HyperFormula, with no error
 * in any cell, and its Spend totals equal the sum of the recognised lines.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { serialFromYmd } from "../../src/core/dates";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook, type RecogniseOptions } from "../../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import { evaluatePlan, planMismatches } from "../support/hyperformula";

const DIR = path.join(__dirname, "..", "fixtures", "budget");

interface Fixture {
  sheets: { name: string; origin: { row: number; col: number }; cells: unknown[][] }[];
  options?: RecogniseOptions;
}

/** A fixture cell: {"date": "yyyy-mm-dd"} stands for a Date, as ExcelJS gives date cells. */
function toCell(value: unknown): Cell {
  if (value !== null && typeof value === "object" && "date" in value)
    return new Date(`${(value as { date: string }).date}T00:00:00Z`);
  return value as Cell;
}

const fixtures = readdirSync(DIR)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => {
    const fixture = JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as Fixture;
    const sheets: SheetGrid[] = fixture.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((row) => row.map(toCell)),
    }));
    return [file, sheets, fixture.options ?? {}] as const;
  });

describe.each(fixtures)("plan for %s", (_file, sheets, options) => {
  const recognition = recogniseWorkbook(sheets, options);
  const assumptions = defaultAssumptions(recognition, { today: serialFromYmd(2022, 2, 18) });
  const plan = buildSufficiencyPlan({
    recognition,
    assumptions,
    existingSheets: sheets.map((s) => ({ name: s.name, ownedKey: null })),
  });

  it("evaluates every formula to the engine's value, with no error in any cell", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
    const evaluation = evaluatePlan(plan, sheets);
    const errors = evaluation.checked.filter((cell) => {
      const result = evaluation.value(cell.sheet, cell.row, cell.col);
      return typeof result === "object" && result !== null;
    });
    expect(errors.map((cell) => `'${cell.sheet}'!${cell.address} =${cell.formula}`)).toEqual([]);
  });

  it("totals the spend of every recognised line, none dropped", () => {
    const lines = recognition.budgets.flatMap((budget) => budget.lines);
    const sum = (measure: "actualToDate" | "forecastOutturn"): number | null =>
      lines.some((line) => line.values[measure])
        ? lines.reduce((total, line) => total + (line.values[measure]?.value ?? 0), 0)
        : null;
    for (const measure of ["actualToDate", "forecastOutturn"] as const) {
      const expected = sum(measure);
      if (expected === null) expect(plan.summary.totals[measure]).toBeNull();
      else expect(plan.summary.totals[measure]).toBeCloseTo(expected, 6);
    }
  });
});
