/**
 * A workbook in the 1904 date system: its dates are read right (the engine's figures equal those of the
 * same workbook in the 1900 system) and every date is written in its system, so that after a spreadsheet
 * recalculates, the target date, projection and cost are the engine's (LibreOffice recalculates here).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildWorkbook, demoBuildOptions, type BuildResult } from "../../src/cli/commands";
import {
  DATE_1904_OFFSET,
  isDateFormat,
  serialFromDateSystem,
  serialFromJsDate,
  serialInDateSystem,
} from "../../src/core/dates";
import { planInDateSystem } from "../../src/workbook/dateSystem";
import { a1 } from "../../src/core/grid";
import { usesAddInFunction } from "../../src/workbook/formulas";
import type { CellValue, WorkbookPlan } from "../../src/workbook/plan";
import { sameValue } from "../support/hyperformula";
import { recalculateWithLibreOffice, type WorkbookValues } from "../support/libreoffice";
import { LIBREOFFICE, describeWithProgram } from "../support/systemPrograms";
import { SAMPLE, freshFolder } from "./support";

const dir = freshFolder("lac-1904-");
const input1904 = path.join(dir, "p10-1904.xlsx");
const output = path.join(dir, "out-1904.xlsx");
let reference: BuildResult;
let built: BuildResult;

/** The sample saved in the 1904 system: each date cell holds its 1904 serial, as Excel for Mac would save it. */
async function sampleIn1904(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SAMPLE);
  workbook.properties.date1904 = true;
  await workbook.xlsx.writeFile(input1904);
}

beforeAll(async () => {
  await sampleIn1904();
  reference = await buildWorkbook(await demoBuildOptions(path.join(dir, "out-1900.xlsx")));
  built = await buildWorkbook({ ...(await demoBuildOptions(output)), input: input1904 });
}, 120_000);

it("tells date formats from others, and converts between the systems by 1,462 days", () => {
  expect(["dd/mm/yyyy", "mmm-yy", "d mmmm yyyy", "[$-809]dd/mm/yyyy"].map(isDateFormat)).toEqual([
    true,
    true,
    true,
    true,
  ]);
  expect(["General", "#,##0", "£#,##0.00", "0.0%", '"Days" 0', "[Red]0.0", "\\d0"].map(isDateFormat)).toEqual([
    false,
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
  // 31 March 2024: 45382 in the 1900 system, 43920 in the 1904 system.
  expect(serialInDateSystem(45_382, true)).toBe(43_920);
  expect(serialFromDateSystem(43_920, true)).toBe(45_382);
  expect(serialInDateSystem(45_382, false)).toBe(45_382);
});

it("the input is marked as a 1904 workbook", async () => {
  const zip = await JSZip.loadAsync(readFileSync(input1904));
  expect(await zip.file("xl/workbook.xml")?.async("string")).toMatch(/date1904="1"/);
});

it("reads a 1904 workbook's dates right: the engine's figures equal those of the 1900 workbook", () => {
  const figures = (result: BuildResult) => ({
    lookedAfter: result.plan.summary.lookedAfter,
    cost: result.plan.summary.costProjection,
    totals: result.plan.summary.totals,
  });
  expect(figures(built)).toEqual(figures(reference));
  expect((built.plan.summary.lookedAfter as { projectionTargetDate: number }).projectionTargetDate).toBeGreaterThan(
    40_000,
  );
});

it("writes every date cell in the workbook's system, and marks the output 1904", async () => {
  const zip = await JSZip.loadAsync(readFileSync(output));
  expect(await zip.file("xl/workbook.xml")?.async("string")).toMatch(/date1904="1"/);
  const written = new ExcelJS.Workbook();
  await written.xlsx.readFile(output);
  const assumptions = written.getWorksheet(
    built.plan.sheets.find((s) => s.key === "assumptions")?.name,
  ) as ExcelJS.Worksheet;
  // ExcelJS converts with the workbook's system: the dates read back are the engine's calendar dates.
  const target = (built.plan.summary.lookedAfter as { projectionTargetDate: number }).projectionTargetDate;
  const dates: number[] = [];
  assumptions.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) dates.push(serialFromJsDate(cell.value));
    }),
  );
  expect(dates).toContain(target);
});

/** The plan's formula cells, with whether each shows a date. */
function formulaCellsOf(
  plan: WorkbookPlan,
): { sheet: string; address: string; formula: string; value: CellValue | null; isDate: boolean }[] {
  return plan.sheets.flatMap((sheet) =>
    sheet.blocks.flatMap((block) =>
      block.cells.flatMap((row, r) =>
        row.flatMap((cell, c) =>
          cell?.formula === undefined
            ? []
            : [
                {
                  sheet: sheet.name,
                  address: a1(block.row + r, block.col + c),
                  formula: cell.formula,
                  value: cell.value ?? null,
                  isDate: cell.format !== undefined && isDateFormat(cell.format),
                },
              ],
        ),
      ),
    ),
  );
}

describeWithProgram(LIBREOFFICE, "a 1904 workbook's output recalculated by LibreOffice", () => {
  let values: WorkbookValues;
  beforeAll(async () => {
    values = await recalculateWithLibreOffice(output);
  }, 180_000);

  it("recalculates every formula to the engine's value, dates included", () => {
    const cells = formulaCellsOf(planInDateSystem(built.plan, true));
    const mismatches: string[] = [];
    for (const cell of cells) {
      if (usesAddInFunction(cell.formula)) continue;
      const value = values.get(cell.sheet)?.get(cell.address) ?? null;
      // Dates read back as calendar dates (the reader follows the file's date system): compare them as 1900 serials.
      const engine = cell.isDate && typeof cell.value === "number" ? cell.value + DATE_1904_OFFSET : cell.value;
      const comparable = value instanceof Date ? serialFromJsDate(value) : value;
      if (comparable !== null && typeof comparable === "object")
        mismatches.push(`'${cell.sheet}'!${cell.address}: LibreOffice ${comparable.error}`);
      else if (!sameValue(comparable, engine))
        mismatches.push(
          `'${cell.sheet}'!${cell.address} =${cell.formula}: LibreOffice ${JSON.stringify(comparable)}, engine ${JSON.stringify(engine)}`,
        );
    }
    expect(mismatches).toEqual([]);
    expect(cells.filter((cell) => cell.isDate).length).toBeGreaterThan(5);
  });

  it("gives the target date, projection and cost of the engine", () => {
    const summary = built.plan.summary as unknown as {
      lookedAfter: { projectionTargetDate: number; projected: number };
      costProjection: { totalGbp: number };
    };
    const found = (test: (value: unknown) => boolean) =>
      [...values.values()].some((cells) => [...cells.values()].some(test));
    expect(found((v) => v instanceof Date && serialFromJsDate(v) === summary.lookedAfter.projectionTargetDate)).toBe(
      true,
    );
    expect(found((v) => typeof v === "number" && Math.abs(v - summary.lookedAfter.projected) < 1e-6)).toBe(true);
    expect(found((v) => typeof v === "number" && Math.abs(v - summary.costProjection.totalGbp) < 1e-3)).toBe(true);
  });
});
