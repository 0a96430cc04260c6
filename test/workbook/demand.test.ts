/**
 * The workbook with SSDA903 data: the care sheets and the demand sheets join the core sheets, the latter reading the
 * Unit costs, Assumptions and Spend cells the workbook builder hands them, and every formula of the
 * whole plan still evaluates to the engine's value.
 */
import { serialFromYmd } from "../../src/core/dates";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";
import { buildSufficiencyPlan } from "../../src/workbook/build";
import { CARE_SHEETS } from "../../src/workbook/sheets/care";
import { DEMAND_SHEETS } from "../../src/workbook/sheets/demand";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { seedAssumptions, seedRecognition, seedSheet } from "./seed";

/** A council like the published strategy's, simulated to the P10 period end (31 January 2022) from nobody 19 years before. */
const { history } = simulateCareHistories({
  seed: 20220131,
  firstDay: serialFromYmd(2003, 1, 31),
  lastDay: serialFromYmd(2022, 1, 31),
  ...typicalCouncilRates(),
  inHouseFosteringShare: 0.6,
});

describe("a workbook with SSDA903 data", () => {
  const recognition = seedRecognition();
  const sheets = [seedSheet()];
  const plan = buildSufficiencyPlan({
    recognition,
    assumptions: seedAssumptions(recognition),
    existingSheets: [
      { name: "P10 Summary", ownedKey: null },
      { name: "Scenarios", ownedKey: null },
    ],
    careHistory: history,
  });

  it("adds the care and demand sheets after the core ones, never over a user's sheet of the same name", () => {
    expect(plan.sheets.map((sheet) => sheet.key)).toEqual([
      "summary",
      "assumptions",
      "spend",
      "unitCosts",
      "needs",
      "costProjection",
      ...CARE_SHEETS.map((s) => s.key),
      ...DEMAND_SHEETS.map((s) => s.key),
    ]);
    expect(plan.sheets.find((sheet) => sheet.key === "demandScenarios")?.name).toBe("LAC Scenarios");
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: expect.stringContaining("written as 'LAC Scenarios'") }),
      ]),
    );
  });

  it("evaluates every formula of the whole plan to the engine's value, with no error in any cell", () => {
    expect(planMismatches(plan, sheets)).toEqual([]);
    const evaluation = evaluatePlan(plan, sheets);
    const errors = evaluation.checked.filter((cell) => {
      const value = evaluation.value(cell.sheet, cell.row, cell.col);
      return typeof value === "object" && value !== null;
    });
    expect(errors.map((cell) => `'${cell.sheet}'!${cell.address} =${cell.formula}`)).toEqual([]);
  });
});
