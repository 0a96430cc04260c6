/**
 * The values-only reader against worksheet parts written by hand, each cell's value known: every kind of
 * cell SpreadsheetML has, dates in both date systems, text escapes, hidden rows, merged areas, far cells.
 */
import {
  dateStylesOf,
  isDateTimeFormat,
  readSheetValues,
  sharedStringsOf,
  type WorkbookValues,
} from "../../src/xlsx/readValues";
import { XmlScanError } from "../../src/xlsx/xmlScanner";
import { rowCells, type SheetGrid } from "../../src/core/grid";
import { serialFromJsDate } from "../../src/core/dates";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function sheet(rows: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** Styles: 0 General, 1 built-in 14 (a date), 2 "dd/mm/yyyy", 3 quoted "Day" (not a date), 4 [Red]0.00, 5 h:mm, 6 built-in 4 (#,##0.00). */
const STYLES =
  `<styleSheet xmlns="${MAIN}"><numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;Day &quot;0"/>` +
  `<numFmt numFmtId="166" formatCode="[Red]0.00"/><numFmt numFmtId="167" formatCode="h:mm"/></numFmts>` +
  `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="4"/></cellXfs></styleSheet>`;

const SHARED =
  `<sst xmlns="${MAIN}" count="5" uniqueCount="5"><si><t>Residential</t></si>` +
  `<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text &amp; more</t></r><rPh sb="0" eb="1"><t>ruby</t></rPh></si>` +
  `<si><t>Line one_x000D__x000a_line two</t></si><si><t>Kept _x005F_x000D_ as typed, lower-case _x000d_ too</t></si><si/></sst>`;

function workbook(date1904 = false): WorkbookValues {
  return { sharedStrings: sharedStringsOf(SHARED), dateStyles: dateStylesOf(STYLES), date1904 };
}

function values(grid: SheetGrid): unknown[][] {
  return grid.cells.map((row) => (row ? [...row] : []));
}

describe("shared strings", () => {
  it("give plain text, rich text runs joined without phonetic guides, escapes and entities decoded", () => {
    expect(sharedStringsOf(SHARED)).toEqual([
      "Residential",
      "Rich text & more",
      "Line one\r\nline two",
      "Kept _x000D_ as typed, lower-case \r too",
      "",
    ]);
  });

  it("read a prefixed namespace the same", () => {
    expect(
      sharedStringsOf(
        `<x:sst xmlns:x="${MAIN}"><x:si><x:t>IFA</x:t></x:si><x:si><x:r><x:t>In </x:t></x:r><x:r><x:t>house</x:t></x:r></x:si></x:sst>`,
      ),
    ).toEqual(["IFA", "In house"]);
  });
});

describe("date formats", () => {
  it.each([
    ["dd/mm/yyyy", true],
    ["mmm-yy", true],
    ["[$-F800]dddd, mmmm dd, yyyy", true],
    ["h:mm", true],
    ["[h]:mm:ss", true],
    ["YYYY", true],
    ['"Day "0', false],
    ["[Red]0.00", false],
    ["#,##0;[Red]-#,##0", false],
    ["£#,##0_);(£#,##0)", false],
    ["0.00E+00", false],
    ["General", false],
    ["\\d0", false],
  ])("%s shows a date or time: %s", (code, expected) => {
    expect(isDateTimeFormat(code)).toBe(expected);
  });

  it("come from cellXfs, built-in ids 14-22 and 45-47 and the custom codes", () => {
    expect(dateStylesOf(STYLES)).toEqual([false, true, true, false, false, true, false]);
    expect(dateStylesOf(null)).toEqual([]);
  });
});

describe("readSheetValues", () => {
  const rows =
    `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>Inline_x0009_tab</t></is></c><c r="B2" t="inlineStr"><is><r><t>Run </t></r><r><t>two</t></r></is></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#N/A</v></c></row>` +
    `<row r="3"><c r="A3"><v>12119924.5</v></c><c r="B3" s="6"><v>-1.5E3</v></c><c r="C3" t="str"><f>"=SUM("&amp;"A1)"</f><v>=SUM(A1)</v></c><c r="D3"><f>A3*2</f><v>24239849</v></c><c r="E3"><f>1/0</f></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
    `<row r="4"><c r="A4" s="1"><v>44592</v></c><c r="B4" s="2"><v>44592.5</v></c><c r="C4" s="3"><v>44592</v></c><c r="D4" s="5"><v>0.75</v></c><c r="E4" s="2"><f>A4</f><v>44592</v></c></row>`;

  it("gives each kind of cell as Excel's range.values does", () => {
    const { grid, hiddenRowsWithValues } = readSheetValues(sheet(rows), "Kinds", workbook());
    expect(grid.name).toBe("Kinds");
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(grid.formulas).toBeUndefined();
    expect(values(grid)).toEqual([
      [
        "Residential",
        "Rich text & more",
        "Line one\r\nline two",
        "Kept _x000D_ as typed, lower-case \r too",
        null,
        null,
      ],
      ["Inline\ttab", "Run two", true, false, "#N/A", null],
      [12119924.5, -1500, "=SUM(A1)", 24239849, null, "#DIV/0!"],
      [
        new Date(Date.UTC(2022, 0, 31)),
        new Date(Date.UTC(2022, 0, 31, 12)),
        44592,
        new Date(Date.UTC(1899, 11, 31, 18)),
        new Date(Date.UTC(2022, 0, 31)),
        null,
      ],
    ]);
    // A time alone is serial 0.75, which the one date conversion gives back.
    expect(serialFromJsDate(grid.cells[3]?.[3] as Date)).toBe(0.75);
    expect(hiddenRowsWithValues).toBe(0);
  });

  it("counts date serials from 1 January 1904 in a 1904 workbook", () => {
    const { grid } = readSheetValues(
      sheet(`<row r="1"><c r="A1" s="1"><v>43130</v></c><c r="B1"><v>43130</v></c></row>`),
      "Mac",
      workbook(true),
    );
    expect(values(grid)).toEqual([[new Date(Date.UTC(2022, 0, 31)), 43130]]);
  });

  it("starts the grid at the first filled cell, leaves merged-away values and empty text out, and counts hidden rows with values", () => {
    const xml = sheet(
      `<row r="3" hidden="1"><c r="C3" t="s"><v>4</v></c></row>` +
        `<row r="4" hidden="1"><c r="C4" t="s"><v>0</v></c><c r="D4"><v>7</v></c></row>` +
        `<row r="5" hidden="true" customHeight="1"><c r="C5" s="1"/></row>` +
        `<row r="6"><c r="C6"><v>1</v></c><c r="D6"><v>2</v></c><c r="E6"><v>3</v></c></row>`,
      `<mergeCells count="1"><mergeCell ref="C6:E6"/></mergeCells>`,
    );
    const { grid, hiddenRowsWithValues } = readSheetValues(xml, "Merged", workbook());
    expect(grid.origin).toEqual({ row: 3, col: 2 });
    expect(values(grid)).toEqual([
      ["Residential", 7],
      [null, null],
      [1, null],
    ]);
    expect(hiddenRowsWithValues).toBe(1);
  });

  it("keeps a sheet with only A1 and XFD1048576 to two short rows", () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>top left</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>42</v></c></row>`,
    );
    const { grid } = readSheetValues(xml, "Corners", workbook());
    expect(grid.cells.length).toBe(1_048_576);
    expect(Object.keys(grid.cells)).toEqual(["0", "1048575"]);
    expect(rowCells(grid, 0)).toEqual(["top left"]);
    expect(Object.keys(rowCells(grid, 1_048_575))).toEqual(["16383"]);
    expect(rowCells(grid, 1_048_575)[16_383]).toBe(42);
  });

  it("places cells without a reference after the one before, and puts cells listed out of order in place", () => {
    const xml = sheet(
      `<row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c></row><row r="1"><c><v>10</v></c><c><v>20</v></c></row><row><c r="B3"><v>5</v></c></row>`,
    );
    expect(values(readSheetValues(xml, "Odd", workbook()).grid)).toEqual([
      [10, 20, null],
      [1, null, 3],
      [null, 5, null],
    ]);
  });

  it("reads a prefixed namespace, comments and CDATA", () => {
    const xml = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><!-- a comment --><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[a < b]]></x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(values(readSheetValues(xml, "Prefixed", workbook()).grid)).toEqual([["a < b", 2]]);
  });

  it("gives formulas beside values when asked, shared formulas moved to their cells", () => {
    const xml = sheet(
      `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+SUM(A1:A2)</f><v>4</v></c></row>` +
        `<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>7</v></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr"><is><t>=not a formula</t></is></c><c r="B3"><f t="shared" si="0"/></c></row>`,
    );
    const { grid } = readSheetValues(xml, "Formulas", workbook(), { formulas: true });
    expect(values(grid)).toEqual([
      [1, 4],
      [2, 7],
      ["=not a formula", null],
    ]);
    expect(grid.formulas).toEqual([
      [null, "=A1*2+$A$1+SUM(A1:A2)"],
      [null, "=A2*2+$A$1+SUM(A2:A3)"],
      [null, "=A3*2+$A$1+SUM(A3:A4)"],
    ]);
  });

  it("gives an empty grid for a sheet without cells", () => {
    expect(readSheetValues(sheet(""), "Empty", workbook()).grid).toEqual({
      name: "Empty",
      origin: { row: 0, col: 0 },
      cells: [],
    });
    expect(
      readSheetValues(`<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`, "Empty", workbook()).grid.cells,
    ).toEqual([]);
  });

  it("says what is wrong with a part it cannot read", () => {
    expect(() => readSheetValues(sheet(`<row r="1"><c r="A1" t="s"><v>9</v></c></row>`), "Bad", workbook())).toThrow(
      new XmlScanError("cell A1 points at shared string 9, but the workbook has 5"),
    );
    expect(() => readSheetValues(sheet(`<row r="1"><c r="1A"><v>9</v></c></row>`), "Bad", workbook())).toThrow(
      "a cell at '1A', which is not a cell reference",
    );
    expect(() =>
      readSheetValues(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v>`, "Bad", workbook()),
    ).toThrow(XmlScanError);
  });
});
