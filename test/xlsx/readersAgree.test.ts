/**
 * The values-only reader gives what the previous reader (ExcelJS, kept in test/support/exceljsReader.ts)
 * gave, grid for grid, on every fixture workbook: each budget layout of test/fixtures/budget written as an
 * .xlsx, the sample workbook, a user's workbook with merges, rich text, errors, dates and a hidden sheet,
 * the same after a build (the add-in's sheets read with their formulas), hidden rows, shared formulas and
 * the 1904 date system.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { OoxmlPackage } from "../../src/xlsx/ooxmlPackage";
import { readWorkbookPart } from "../../src/xlsx/workbookPart";
import { applyPlanToWorkbook } from "../../src/xlsx/xlsxWrite";
import { readWorksheetValues } from "../../src/xlsx/workbookValues";
import { readWithExcelJS } from "../support/exceljsReader";
import { handMadePlan, makeUserWorkbook } from "../support/xlsxFixtures";
import { SAMPLE } from "../robustness/support";

async function newReader(bytes: Buffer, formulas: boolean): Promise<unknown[]> {
  const pkg = await OoxmlPackage.load(bytes);
  const workbook = await readWorkbookPart(pkg);
  const sheets = workbook.sheets.filter((entry) => entry.isWorksheet).map((entry) => ({ entry, formulas }));
  return readWorksheetValues(pkg, workbook, sheets, "the workbook", bytes);
}

async function expectReadersAgree(bytes: Buffer): Promise<void> {
  for (const formulas of [false, true]) {
    const previous = await readWithExcelJS(bytes, formulas);
    expect(previous.length).toBeGreaterThan(0);
    expect(await newReader(bytes, formulas)).toEqual(previous);
  }
}

/** A fixture's cells ({"date": "yyyy-mm-dd"} for a date cell) written where its grid says. */
async function fixtureWorkbook(file: string): Promise<Buffer> {
  const fixture = JSON.parse(readFileSync(file, "utf8")) as {
    sheets: { name: string; origin?: { row: number; col: number }; cells: unknown[][] }[];
  };
  const workbook = new ExcelJS.Workbook();
  for (const sheet of fixture.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    const origin = sheet.origin ?? { row: 0, col: 0 };
    sheet.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = worksheet.getCell(origin.row + r + 1, origin.col + c + 1);
        if (value && typeof value === "object" && "date" in value) {
          cell.value = new Date(`${(value as { date: string }).date}T00:00:00Z`);
          cell.numFmt = "dd/mm/yyyy";
        } else cell.value = value as ExcelJS.CellValue;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const FIXTURES = path.join(__dirname, "..", "fixtures", "budget");

describe("the values-only reader and the previous reader agree", () => {
  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith(".json")))("on the budget layout %s", async (name) => {
    await expectReadersAgree(await fixtureWorkbook(path.join(FIXTURES, name)));
  });

  it("on the sample workbook", async () => {
    await expectReadersAgree(readFileSync(SAMPLE));
  });

  it("on a user's workbook with merges, rich text, errors, a date and a hidden sheet, before and after a build", async () => {
    const user = await makeUserWorkbook();
    await expectReadersAgree(user);
    await expectReadersAgree((await applyPlanToWorkbook(user, handMadePlan())).bytes);
  });

  it("on hidden rows, shared formulas, hyperlinks and the 1904 date system", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet("Ledger");
    sheet.addRow(["Cost centre", "Amount", "Double", "Posted"]);
    for (let i = 0; i < 6; i += 1)
      sheet.addRow([`C${3100 + i}`, 1000 * (i + 1), null, new Date(Date.UTC(2022, i, 28))]);
    sheet.getCell("C2").value = { formula: "B2*2", result: 2000 };
    sheet.fillFormula("C3:C7", "B3*2", [4000, 6000, 8000, 10000, 12000]);
    sheet.getCell("E2").value = { text: "Provider site", hyperlink: "https://example.org" };
    sheet.getRow(3).hidden = true;
    sheet.getRow(5).hidden = true;
    sheet.getRow(9).hidden = true;
    await expectReadersAgree(Buffer.from(await workbook.xlsx.writeBuffer()));
  });
});
