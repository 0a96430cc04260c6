import {
  applySplices,
  childNamed,
  childrenNamed,
  decodeEntities,
  escapeXstring,
  innerText,
  parseXml,
  prefixOf,
  setAttributeSplice,
  XmlFormatError,
} from "../../src/xlsx/xml";

const WORKBOOK = `<?xml version="1.0"?>
<!-- a comment with <sheet name="x"/> inside -->
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <x:sheets><x:sheet name="A &gt; B &amp; 'C'" sheetId="1" rel:id="rId1"/><x:sheet name='Q"uote' sheetId="2" rel:id="rId2"></x:sheet></x:sheets>
  <x:definedNames><x:definedName name="Total"><![CDATA[ignored]]>Sheet1!$A$1</x:definedName></x:definedNames>
</x:workbook>`;

describe("parseXml", () => {
  it("finds elements with their prefix, decoded attributes and offsets", () => {
    const root = parseXml(WORKBOOK);
    expect(root.localName).toBe("workbook");
    expect(root.prefix).toBe("x");
    expect(prefixOf(root, "http://schemas.openxmlformats.org/officeDocument/2006/relationships")).toBe("rel");
    const sheets = childrenNamed(childNamed(root, "sheets")!, "sheet");
    expect(sheets.map((s) => s.attrs.name)).toEqual(["A > B & 'C'", 'Q"uote']);
    expect(sheets.map((s) => s.selfClosing)).toEqual([true, false]);
    expect(WORKBOOK.slice(sheets[1].start, sheets[1].end)).toBe(
      `<x:sheet name='Q"uote' sheetId="2" rel:id="rId2"></x:sheet>`,
    );
    const name = childNamed(childNamed(root, "definedNames")!, "definedName")!;
    expect(innerText(WORKBOOK, name)).toBe("Sheet1!$A$1");
  });

  it("refuses unbalanced parts", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(XmlFormatError);
    expect(() => parseXml("<a>")).toThrow(/<a> is never closed/);
  });
});

describe("editing", () => {
  it("splices text in and sets attributes, leaving every other byte as it was", () => {
    const root = parseXml(WORKBOOK);
    const sheets = childNamed(root, "sheets")!;
    const first = childrenNamed(sheets, "sheet")[0];
    const edited = applySplices(WORKBOOK, [
      setAttributeSplice(WORKBOOK, first, "sheetId", "7"),
      setAttributeSplice(WORKBOOK, first, "state", "hidden"),
      { start: sheets.closeStart, end: sheets.closeStart, text: "<x:sheet/>" },
    ]);
    expect(edited).toContain(`<x:sheet state="hidden" name="A &gt; B &amp; 'C'" sheetId="7" rel:id="rId1"/>`);
    expect(edited).toContain(`</x:sheet><x:sheet/></x:sheets>`);
    expect(
      edited
        .replace(` state="hidden"`, "")
        .replace('sheetId="7"', 'sheetId="1"')
        .replace("<x:sheet/></x:sheets>", "</x:sheets>"),
    ).toBe(WORKBOOK);
    expect(() =>
      applySplices("abcdef", [
        { start: 1, end: 4, text: "" },
        { start: 2, end: 3, text: "" },
      ]),
    ).toThrow(/overlapping/);
  });
});

describe("text", () => {
  it("escapes what XML cannot carry as Excel's _xHHHH_ and keeps look-alikes readable back", () => {
    expect(escapeXstring("a\u0001b<c>&")).toBe("a_x0001_b&lt;c&gt;&amp;");
    expect(escapeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXstring("tab\tand\nline")).toBe("tab\tand\nline");
    expect(decodeEntities("&#163;&#x2014;&lt;&amp;lt;")).toBe("£—<&lt;");
  });
});
