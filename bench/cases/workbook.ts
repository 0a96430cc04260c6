/**
 * The workbook plan at issue 3's sizes: recognition + plan for a budget monitoring sheet of 5,000 lines,
 * the plan alone for it, and the plan for that sheet beside a placement list of 50,000 rows. The sheets
 * are the recognition cases' own (bench/cases/recognition.ts). The ExcelJS write is timed by
 * bench/cases/cli.ts; issue 3's 3 s target covers the three parts together.
 */
import { serialFromYmd } from "../../src/core/dates";
import type { SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook, type Recognition } from "../../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import { formulaCells } from "../../src/workbook/formulas";
import type { WorkbookPlan } from "../../src/workbook/plan";
import type { BenchCase } from "../types";
import { cases as recognitionCases } from "./recognition";

const TODAY = serialFromYmd(2022, 2, 18);

async function sheetOf(caseName: string): Promise<SheetGrid> {
  const source = recognitionCases.find((c) => c.name === caseName);
  if (!source) throw new Error(`bench/cases/recognition.ts has no case '${caseName}'`);
  return (await source.setup()) as SheetGrid;
}

function plan(recognition: Recognition): WorkbookPlan {
  return buildSufficiencyPlan({
    recognition,
    assumptions: defaultAssumptions(recognition, { today: TODAY }),
    existingSheets: [],
  });
}

function figures(result: WorkbookPlan): { categories: number; formulaCells: number; cells: number } {
  let cells = 0;
  for (const sheet of result.sheets)
    for (const block of sheet.blocks) for (const row of block.cells) cells += row.length;
  return {
    categories: Object.keys(result.summary.categories).length,
    formulaCells: formulaCells(result).length,
    cells,
  };
}

const recognisedAndPlanned: BenchCase<SheetGrid> = {
  name: "recognise-and-plan-budget-5000-lines",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: () => sheetOf("recognise-budget-5000-lines"),
  run: (grid) => figures(plan(recogniseWorkbook([grid]))),
};

const plannedOnly: BenchCase<Recognition> = {
  name: "plan-budget-5000-lines",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: async () => recogniseWorkbook([await sheetOf("recognise-budget-5000-lines")]),
  run: (recognition) => figures(plan(recognition)),
};

const plannedWithPlacements: BenchCase<Recognition> = {
  name: "plan-budget-5000-lines-and-placement-list-50000-rows",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: async () =>
    recogniseWorkbook([
      await sheetOf("recognise-budget-5000-lines"),
      await sheetOf("recognise-placement-list-50000-rows"),
    ]),
  run: (recognition) => figures(plan(recognition)),
};

export const cases: BenchCase[] = [
  recognisedAndPlanned as BenchCase,
  plannedOnly as BenchCase,
  plannedWithPlacements as BenchCase,
];
