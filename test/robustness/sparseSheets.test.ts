/**
 * Big and sparse sheets: a stray cell far below a table, a sheet holding only A1 and XFD1048576, a ledger
 * export of 150,000 lines, and a workbook too big to read. The inputs are made by the test (see
 * bench/inputs/bigSheets.ts); none is committed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { budgetSheet, cellsSheet, ledgerSheet, rawWorkbook } from "../../bench/inputs/bigSheets";
import { buildWorkbook } from "../../src/cli/commands";
import { OoxmlPackage } from "../../src/xlsx/ooxmlPackage";
import { MAX_WORKBOOK_CELLS, refuseOversizedWorkbook } from "../../src/xlsx/sheetSize";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { readWorkbookPart } from "../../src/xlsx/workbookPart";
import { excelOperations } from "../../src/excel/operations";
import { BLOCK_CELLS } from "../../src/excel/read";
import { forEachFilledRow, gridWidth, rowCells, SparseGridBuilder, type SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { FakeExcel } from "../support/fakeExcel";

const BUDGET = { residential: { actualToDate: 12_119_924, forecastOutturn: 14_000_100 } };

function filledRows(grid: SheetGrid): number[] {
  const rows: number[] = [];
  forEachFilledRow(grid, (_, row) => rows.push(row));
  return rows;
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFile(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lac-sparse-"));
  made.push(dir);
  return path.join(dir, name);
}

describe("sparse grids", () => {
  it("fill short gaps, so an ordinary sheet is still the rectangle of its used range", () => {
    const builder = new SparseGridBuilder(true);
    builder.set(0, 0, "Setting", null);
    builder.set(2, 1, 5, "=2+3");
    const grid = builder.finish("Small", { row: 4, col: 2 }, 3, 2);
    expect(grid.cells).toEqual([
      ["Setting", null],
      [null, null],
      [null, 5],
    ]);
    expect(grid.formulas).toEqual([
      [null, null],
      [null, null],
      [null, "=2+3"],
    ]);
  });

  it("leave long gaps as holes: two far-apart cells cost two short rows", () => {
    const builder = new SparseGridBuilder();
    builder.set(0, 0, "top left");
    builder.set(1_048_575, 16_383, 42);
    const grid = builder.finish("Corners", { row: 0, col: 0 }, 1_048_576, 16_384);
    expect(grid.cells.length).toBe(1_048_576);
    expect(filledRows(grid)).toEqual([0, 1_048_575]);
    expect(Object.keys(rowCells(grid, 1_048_575))).toEqual(["16383"]);
    expect(rowCells(grid, 1_048_575)[16_383]).toBe(42);
    expect(rowCells(grid, 500_000)).toEqual([]);
    expect(gridWidth(grid)).toBe(16_384);
  });
});

describe("the command line on big and sparse sheets", () => {
  it("reads a budget table with one stray cell at row 130,000 and builds from it", async () => {
    const input = tempFile("stray.xlsx");
    writeFileSync(
      input,
      await rawWorkbook([
        {
          name: "P10 Summary",
          rows: (emit) => {
            budgetSheet().rows(emit);
            emit(129_999, ["stray note"], 3);
          },
        },
      ]),
    );
    const { grids } = await readWorkbookGrids(input);
    // The blank row 2 is filled in (a short gap); the 129,993 rows above the stray cell are not.
    expect(filledRows(grids[0])).toEqual([0, 1, 2, 3, 4, 5, 129_999]);
    expect(rowCells(grids[0], 129_999)[3]).toBe("stray note");

    const result = await buildWorkbook({ input, output: tempFile("stray-built.xlsx") });
    expect(result.plan.summary.categories).toMatchObject(BUDGET);
  });

  it("builds beside a sheet holding only A1 and XFD1048576, reading two cells", async () => {
    const input = tempFile("corners.xlsx");
    const corners = cellsSheet("Corners", [
      { row: 0, col: 0, value: "top left" },
      { row: 1_048_575, col: 16_383, value: 42 },
    ]);
    writeFileSync(input, await rawWorkbook([budgetSheet(), corners]));
    const { grids } = await readWorkbookGrids(input);
    const grid = grids[1];
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(filledRows(grid)).toEqual([0, 1_048_575]);
    expect(Object.keys(rowCells(grid, 0))).toEqual(["0"]);

    const result = await buildWorkbook({ input, output: tempFile("corners-built.xlsx") });
    expect(result.plan.summary.categories).toMatchObject(BUDGET);
    expect(result.recognition.unrecognised.map((u) => u.sheet)).toEqual(["Corners"]);
  });

  it("recognises a ledger export of 150,000 lines without overflowing the stack", () => {
    const grid: SheetGrid = { name: "Ledger", origin: { row: 0, col: 0 }, cells: [] };
    ledgerSheet(150_000).rows((row, cells) => {
      grid.cells[row] = cells;
    });
    const recognition = recogniseWorkbook([grid]);
    expect(recognition.budgets).toHaveLength(1);
    // Every row is read: the placement lines counted, the rest (cost centres naming no placement) listed as not counted.
    expect(recognition.budgets[0].lines.length + recognition.budgets[0].excluded.length).toBe(150_000);
    // The ledger's four placement cost centres, six accounts each, 14,000,000 budget at 80% spent: only the
    // third-party payments are placements; salaries, pension, agency staff, travel and supplies are not.
    const residential = recognition.budgets[0].lines.filter((line) => line.category === "residential");
    expect(residential.map((line) => line.label)).toEqual(["Residential Placements / Third Party Payments"]);
    expect(residential[0].values.actualToDate?.value).toBe(Math.round((14_000_000 / 6) * 0.8));
    const residentialStaff = recognition.budgets[0].excluded.filter((line) =>
      line.label.startsWith("Residential Placements /"),
    );
    expect(residentialStaff).toHaveLength(5);
  });

  it("refuses a workbook over the limit before loading it, naming the limit, the sheet and its used range", async () => {
    const input = tempFile("ledger-1m.xlsx");
    writeFileSync(input, await rawWorkbook([budgetSheet(), ledgerSheet(200_000)]));
    await expect(buildWorkbook({ input, output: tempFile("never.xlsx") })).rejects.toThrow(
      `Expected a workbook the command line can read within 2 GB of memory: at most ${MAX_WORKBOOK_CELLS.toLocaleString("en-GB")} cells and rows between its sheets (each row, and each cell holding a value or a format, counts one), but '${input}' holds more: sheet 'Ledger' (its used range is A1:H200001) takes it past that.`,
    );
  });

  it("counts cells and rows exactly, across the chunks a part is inflated in", async () => {
    // 20,000 rows of 3 cells and one far cell: the stated used range (A1:Z20000) could hold far more, so the part is counted.
    const sheet = {
      name: "Counted",
      rows: (emit: (row: number, cells: (string | number | null)[]) => void) => {
        emit(0, ["a", "b", "c", ...new Array<null>(22).fill(null), "far"]);
        for (let row = 1; row < 20_000; row += 1) emit(row, [row, row * 2, row * 3]);
      },
    };
    const pkg = await OoxmlPackage.load(await rawWorkbook([sheet]));
    const { sheets } = await readWorkbookPart(pkg);
    const units = 20_000 * 3 + 1 + 20_000;
    await expect(refuseOversizedWorkbook(pkg, sheets, "the workbook", new Set(), units)).resolves.toBeUndefined();
    await expect(refuseOversizedWorkbook(pkg, sheets, "the workbook", new Set(), units - 1)).rejects.toThrow(
      "sheet 'Counted' (its used range is A1:Z20000) takes it past that",
    );
    // A sheet of the add-in's own (a rebuild of a big build) is called so.
    await expect(refuseOversizedWorkbook(pkg, sheets, "the workbook", new Set(["Counted"]), units - 1)).rejects.toThrow(
      "sheet 'Counted' (one of the add-in's sheets from the last build; its used range is A1:Z20000) takes it past that",
    );
  });
});

describe("Excel on big and sparse sheets (fake host)", () => {
  it("reads a sheet holding A1 and XFD1048576 by its filled areas, never asking for the used range's 17 billion cells", async () => {
    const fake = new FakeExcel().addSheet("Corners", [["top left"]]);
    fake.sheetByName("Corners")?.cells.set("1048575,16383", { value: 42, formula: null, format: "General", style: {} });
    const snapshot = await excelOperations(fake).readWorkbook();
    const grid = snapshot.grids[0];
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(filledRows(grid)).toEqual([0, 1_048_575]);
    expect(rowCells(grid, 0)[0]).toBe("top left");
    expect(rowCells(grid, 1_048_575)[16_383]).toBe(42);
    expect(Math.max(...fake.cellsAsked)).toBe(1);
  });

  it("reads a long table in blocks of rows, giving the same cells as one read", async () => {
    const rows = Array.from({ length: 100_000 }, (_, r) => [`line ${r}`, r, r * 2, r % 7 === 0 ? "=1+1" : r * 3]);
    const fake = new FakeExcel().addSheet("Long", rows, { row: 2, col: 1 });
    const snapshot = await excelOperations(fake).readWorkbook();
    const grid = snapshot.grids[0];
    expect(grid.origin).toEqual({ row: 2, col: 1 });
    expect(grid.cells).toHaveLength(100_000);
    expect(rowCells(grid, 99_999)).toEqual(["line 99999", 99_999, 199_998, 299_997]);
    // A formula cell is read too (Excel finds it among the formulas, not the constants); the fake computes no formula and gives 0.
    expect(rowCells(grid, 7)).toEqual(["line 7", 7, 14, 0]);
    expect(fake.cellsAsked.every((cells) => cells <= BLOCK_CELLS)).toBe(true);
  });
});
