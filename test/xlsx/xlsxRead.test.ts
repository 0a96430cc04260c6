import ExcelJS from "exceljs";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { applyPlanToWorkbook } from "../../src/xlsx/xlsxWrite";
import { FORMULA_LOOKING_TEXT, handMadePlan, makeUserWorkbook } from "../support/xlsxFixtures";

describe("readWorkbookGrids", () => {
  it("gives each of the user's sheets as Excel's range.values would", async () => {
    const { grids, existing, ownedGrids } = await readWorkbookGrids(await makeUserWorkbook(), { includeHidden: true });
    expect(grids.map((grid) => grid.name)).toEqual(["P10 Summary", "Notes", "Lookups"]);
    expect(existing).toEqual([
      { name: "P10 Summary", ownedKey: null },
      { name: "Notes", ownedKey: null },
      { name: "Lookups", ownedKey: null },
    ]);
    expect(ownedGrids).toEqual([]);
    const [summary, notes] = grids;
    expect(summary.origin).toEqual({ row: 0, col: 0 });
    expect(summary.cells[0]).toEqual(["Children's Placements Budget Monitoring 2021/22", null, null]);
    expect(summary.cells[3]).toEqual(["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"]);
    expect(summary.cells[5]).toEqual(["Residential", 12_119_924, 14_000_100]);
    expect(summary.cells[12]).toEqual(["Total", 24_004_503, 28_153_700]);
    expect(notes.cells.map((row) => row?.[0])).toEqual(FORMULA_LOOKING_TEXT);
    expect(notes.cells.map((row) => row?.[1])).toEqual([
      new Date(Date.UTC(2022, 0, 31)),
      "Rich text",
      "#DIV/0!",
      true,
      null,
    ]);
  });

  it("starts a grid at its first non-empty cell and gives formulas without a cached result as empty", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Offset");
    sheet.getCell("C4").value = "Provider";
    sheet.getCell("D5").value = { text: "Foster Plus", hyperlink: "https://example.org" };
    sheet.getCell("C5").value = { formula: "1+1" };
    workbook.addWorksheet("Empty");
    const { grids } = await readWorkbookGrids(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(grids[0]).toEqual({
      name: "Offset",
      origin: { row: 3, col: 2 },
      cells: [
        ["Provider", null],
        [null, "Foster Plus"],
      ],
    });
    expect(grids[1]).toEqual({ name: "Empty", origin: { row: 0, col: 0 }, cells: [] });
  });

  it("leaves the add-in's own sheets out of the grids and gives them apart", async () => {
    const { bytes } = await applyPlanToWorkbook(await makeUserWorkbook(), handMadePlan());
    const { grids, ownedGrids } = await readWorkbookGrids(bytes, { includeHidden: true });
    expect(grids.map((grid) => grid.name)).toEqual(["P10 Summary", "Notes", "Lookups"]);
    expect(ownedGrids.map((grid) => grid.name)).toEqual(["Assumptions", "Spend", "Summary"]);
    expect(ownedGrids[1].cells[4]?.slice(0, 3)).toEqual(["Residential", 12_119_924, 14_000_100]);
  });

  it("gives the formulas of the add-in's own sheets beside their values, so a link is not taken for a typed value", async () => {
    const { bytes } = await applyPlanToWorkbook(await makeUserWorkbook(), handMadePlan());
    const { grids, ownedGrids } = await readWorkbookGrids(bytes, { includeHidden: true });
    expect(grids.every((grid) => grid.formulas === undefined)).toBe(true);
    const summary = ownedGrids[2];
    expect(summary.cells[1]?.[0]).toBe(28_153_700);
    expect(summary.formulas?.[1]?.[0]).toBe("='Spend'!C12");
    expect(summary.formulas?.[0]?.[0]).toBeNull();
    expect(summary.formulas?.map((row) => row?.length)).toEqual(summary.cells.map((row) => row?.length));
  });
});
