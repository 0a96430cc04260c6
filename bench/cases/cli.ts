/**
 * The command line at issue 3's sizes: a workbook holding the budget monitoring sheet of 5,000 lines and
 * the placement list of 50,000 rows of bench/cases/recognition.ts. Issue 3's 3 s target covers
 * recognition + plan + write; the cases time the write alone, those three together, and the whole
 * build a user waits for (reading the .xlsx with ExcelJS first).
 */
import ExcelJS from "exceljs";
import { serialFromYmd } from "../../src/core/dates";
import type { SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { applyPlanToWorkbook } from "../../src/xlsx/xlsxWrite";
import type { BenchCase } from "../types";
import { cases as recognitionCases } from "./recognition";

const TODAY = serialFromYmd(2022, 2, 18);

interface Workbook {
  /** The .xlsx file's bytes, as the command line reads them. */
  bytes: Buffer;
  /** The grids as read from it. */
  grids: SheetGrid[];
  existing: { name: string; ownedKey: string | null }[];
}

async function sheetOf(caseName: string): Promise<SheetGrid> {
  const source = recognitionCases.find((c) => c.name === caseName);
  if (!source) throw new Error(`bench/cases/recognition.ts has no case '${caseName}'`);
  return (await source.setup()) as SheetGrid;
}

async function workbookOfBothSheets(): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  for (const grid of [
    await sheetOf("recognise-budget-5000-lines"),
    await sheetOf("recognise-placement-list-50000-rows"),
  ]) {
    const sheet = workbook.addWorksheet(grid.name);
    grid.cells.forEach((row, r) =>
      row?.forEach((value, c) => {
        if (value === null || value === undefined) return;
        const cell = sheet.getCell(grid.origin.row + r + 1, grid.origin.col + c + 1);
        cell.value = value;
        if (value instanceof Date) cell.numFmt = "dd/mm/yyyy";
      }),
    );
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const { grids, existing } = await readWorkbookGrids(bytes);
  return { bytes, grids, existing };
}

function plan(grids: SheetGrid[], existing: Workbook["existing"]): WorkbookPlan {
  const recognition = recogniseWorkbook(grids);
  return buildSufficiencyPlan({
    recognition,
    assumptions: defaultAssumptions(recognition, { today: TODAY }),
    existingSheets: existing,
  });
}

async function written(
  workbook: Workbook,
  result: WorkbookPlan,
): Promise<{ inputMb: number; outputMb: number; sheetsWritten: number }> {
  const { bytes, report } = await applyPlanToWorkbook(workbook.bytes, result, { sourceGrids: workbook.grids });
  const mb = (n: number): number => Math.round((n / 1_048_576) * 10) / 10;
  return { inputMb: mb(workbook.bytes.length), outputMb: mb(bytes.length), sheetsWritten: report.sheets.length };
}

const writeOnly: BenchCase<Workbook & { plan: WorkbookPlan }> = {
  name: "cli-write-plan-into-workbook-5000-lines-50000-placements",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: async () => {
    const workbook = await workbookOfBothSheets();
    return { ...workbook, plan: plan(workbook.grids, workbook.existing) };
  },
  run: (state) => written(state, state.plan),
};

const recognisePlanWrite: BenchCase<Workbook> = {
  name: "cli-recognise-plan-write-5000-lines-50000-placements",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: workbookOfBothSheets,
  run: (workbook) => written(workbook, plan(workbook.grids, workbook.existing)),
};

const wholeBuild: BenchCase<Workbook> = {
  name: "cli-read-recognise-plan-write-5000-lines-50000-placements",
  issue: 3,
  runs: 3,
  setup: workbookOfBothSheets,
  run: async (workbook) => {
    const read = await readWorkbookGrids(workbook.bytes);
    return written({ ...workbook, grids: read.grids }, plan(read.grids, read.existing));
  },
};

export const cases: BenchCase[] = [writeOnly as BenchCase, recognisePlanWrite as BenchCase, wholeBuild as BenchCase];
