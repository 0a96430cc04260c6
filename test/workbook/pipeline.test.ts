/**
 * The build both hosts run between reading a workbook and writing its plan: it describes the same
 * workbook as building the plan directly, and says when the plan must not be written.
 */
import { buildSufficiencyPlan } from "../../src/workbook/build";
import { readSheetInputs } from "../../src/workbook/sheetInputs";
import { planWorkbook, recogniseSnapshot, scenarioKeptOn } from "../../src/workbook/pipeline";
import { seedAssumptions, seedRecognition, seedSheet } from "./seed";

const NO_SHEETS = { ownedGrids: [], existing: [] };

describe("planWorkbook", () => {
  it("plans the seed workbook as buildSufficiencyPlan does, with the host's warnings first, and lets it be written", () => {
    const recognition = seedRecognition();
    const assumptions = seedAssumptions(recognition);
    const hostWarning = { severity: "info" as const, message: "Read by the host.", where: "sheet 'P10 Summary'" };
    const { plan, refusal } = planWorkbook({
      snapshot: NO_SHEETS,
      recognition,
      assumptions,
      sheetInputs: readSheetInputs(NO_SHEETS),
      previous903Sheets: "keep",
      warnings: [hostWarning],
    });
    expect(refusal).toBeNull();
    expect(plan).toEqual(
      buildSufficiencyPlan({
        recognition,
        assumptions,
        existingSheets: [],
        previous903Sheets: "keep",
        warnings: [hostWarning],
      }),
    );
    expect(plan.warnings[0]).toEqual(hostWarning);
  });

  it("refuses a plan whose sums overflow, naming a cell and what to look for, for the host to report", () => {
    const sheet = seedSheet();
    sheet.cells[4] = [sheet.cells[4]?.[0], 1e308, 1e308];
    sheet.cells[5] = [sheet.cells[5]?.[0], 1e308, 1e308];
    const { recognition } = recogniseSnapshot({ grids: [sheet] }, {});
    const { refusal } = planWorkbook({
      snapshot: NO_SHEETS,
      recognition,
      assumptions: seedAssumptions(recognition),
      sheetInputs: readSheetInputs(NO_SHEETS),
      previous903Sheets: "keep",
      warnings: [],
    });
    expect(refusal?.message).toMatch(
      /^Expected figures a workbook can hold, but the sources hold numbers so large that the build's sums overflow: cell [A-Z]+\d+ of sheet '.+'( and \d+ more)? would be infinite\.$/,
    );
    expect(refusal?.whatToDo).toBe(
      "Look in the budget and placement sheets for figures shown with an exponent (such as 1E+308) and correct them, then build again.",
    );
  });
});

describe("the sources of a snapshot", () => {
  it("recognises the budget sheet and finds no 903 history without an episodes sheet", () => {
    const { recognition, careHistory } = recogniseSnapshot({ grids: [seedSheet()] }, {});
    expect(recognition.budgets.map((budget) => budget.sheet)).toEqual(["P10 Summary"]);
    expect(careHistory).toBeUndefined();
  });

  it("keeps no scenario when the workbook has no Scenarios sheet of the add-in's", () => {
    expect(scenarioKeptOn({ existing: [{ name: "Scenarios", ownedKey: null }], ownedGrids: [] })).toBeNull();
  });
});
