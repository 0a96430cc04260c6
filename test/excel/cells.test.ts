import { refersToSheet } from "../../src/workbook/definedNames";
import { blockPayload, formulaInput, sliceByBytes } from "../../src/excel/cells";
import { originOfAddress } from "../../src/excel/read";
import type { CellBlock } from "../../src/workbook/plan";

describe("what Range.formulas is given", () => {
  const where = () => "cell A1";
  it("writes formulas with one leading =, every text with Excel's apostrophe, numbers and booleans as they are", () => {
    expect(formulaInput({ formula: "SUM(A1:A3)", value: 6 }, where)).toBe("=SUM(A1:A3)");
    expect(formulaInput({ formula: "=A1" }, where)).toBe("=A1");
    expect(formulaInput({ value: '=HYPERLINK("x")' }, where)).toBe('\'=HYPERLINK("x")');
    expect(formulaInput({ value: "Residential" }, where)).toBe("'Residential");
    expect(formulaInput({ value: 12119924 }, where)).toBe(12119924);
    expect(formulaInput({ value: false }, where)).toBe(false);
    expect(formulaInput({ value: "" }, where)).toBe("");
    expect(formulaInput(null, where)).toBe("");
    expect(() => formulaInput({ value: Number.NaN }, where)).toThrow(
      "The workbook plan has NaN at cell A1; only finite numbers can be written to a cell.",
    );
  });
});

describe("a block's payload", () => {
  const block: CellBlock = {
    row: 2,
    col: 1,
    cells: [
      [
        { value: "Line", style: "header" },
        { value: "£", style: "header" },
        { value: "Note", style: "header" },
      ],
      [{ value: "A", style: "label" }, { value: 1, format: "£#,##0", style: "input" }, null],
      [
        { value: "B", style: "label" },
        { value: 2, format: "£#,##0", style: "input" },
        { value: "x", style: "note" },
      ],
      [{ value: "Total", style: "total" }, { formula: "SUM(C4:C5)", value: 3, format: "£#,##0", style: "total" }, null],
    ],
  };

  it("groups each style into the fewest rectangles and sends formats only where there are any", () => {
    const payload = blockPayload(block, "Spend");
    expect(payload.styles).toEqual([
      { style: "header", row: 2, col: 1, rows: 1, cols: 3 },
      { style: "label", row: 3, col: 1, rows: 2, cols: 1 },
      { style: "input", row: 3, col: 2, rows: 2, cols: 1 },
      { style: "note", row: 4, col: 3, rows: 1, cols: 1 },
      { style: "total", row: 5, col: 1, rows: 1, cols: 2 },
    ]);
    expect(payload.numberFormats?.[1]).toEqual(["General", "£#,##0", "General"]);
    expect(blockPayload({ row: 0, col: 0, cells: [[{ value: "a" }]] }, "S").numberFormats).toBeNull();
  });

  it("refuses ragged rows, naming the sheet and row", () => {
    expect(() => blockPayload({ row: 4, col: 0, cells: [[null, null], [null]] }, "Spend")).toThrow(
      "The workbook plan for sheet 'Spend' has a block at row 5 whose row 2 has 1 cells, not 2.",
    );
  });

  it("splits by whole rows under the byte limit, keeping every row and style once", () => {
    const payload = blockPayload(block, "Spend");
    const slices = sliceByBytes(payload, 40);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.flatMap((s) => s.formulas)).toEqual(payload.formulas);
    for (const slice of slices) expect(slice.bytes <= 40 || slice.rows === 1).toBe(true);
    const styledCells = (rects: { rows: number; cols: number }[]) => rects.reduce((n, r) => n + r.rows * r.cols, 0);
    expect(styledCells(slices.flatMap((s) => s.styles))).toBe(styledCells(payload.styles));
    expect(sliceByBytes(payload, 1_000_000)).toEqual([payload]);
  });
});

it("reads the origin of a used range from its address, quoted sheet names included", () => {
  expect(originOfAddress("'P10 Summary'!B3:F20")).toEqual({ row: 2, col: 1 });
  expect(originOfAddress("Sheet1!A1")).toEqual({ row: 0, col: 0 });
  expect(originOfAddress("'It''s!odd'!AA10:AB11")).toEqual({ row: 9, col: 26 });
});

it("tells which sheet a defined name refers to, without mistaking one sheet name inside another", () => {
  expect(refersToSheet("=Spend!$B$2", "Spend")).toBe(true);
  expect(refersToSheet("='Spend notes'!$B$2", "Spend")).toBe(false);
  expect(refersToSheet("='Spend notes'!$B$2", "Spend notes")).toBe(true);
  expect(refersToSheet("=MySpend!$B$2", "Spend")).toBe(false);
  expect(refersToSheet("=SUM(Spend!A1,'O''Neil'!B2)", "O'Neil")).toBe(true);
});
