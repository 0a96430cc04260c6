import { StyleBook } from "../../src/xlsx/styles";

/** The style sheet of a new Excel workbook, cut to what StyleBook reads. */
const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  "</styleSheet>";

describe("the .xlsx style of a link to the user's own cell", () => {
  it("is green text in the workbook's font, with no fill or border, so it reads as a link and not an input", () => {
    const book = new StyleBook(STYLES_XML);
    const linked = book.styleId("linked", "£#,##0");
    const input = book.styleId("input", "£#,##0");
    const xml = book.render();
    const xfs = [...xml.matchAll(/<xf numFmtId="(\d+)" fontId="(\d+)" fillId="(\d+)" borderId="(\d+)" xfId="0"/g)];
    const fonts = [...xml.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    expect(linked).not.toBe(input);
    const [, , fontId, fillId, borderId] = xfs[linked] as RegExpMatchArray;
    expect(fonts[Number(fontId)]).toBe(
      '<sz val="11"/><color rgb="FF008000"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>',
    );
    expect([fillId, borderId]).toEqual(["0", "0"]);
  });
});
