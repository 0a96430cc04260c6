/**
 * Odd inputs get a clear answer: JSON with a byte order mark is read; figures that would overflow are
 * refused naming the key; workbooks in other formats are named with how to re-save them; a protected
 * structure is refused before anything is written; `_xHHHH_` escapes in labels are decoded.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { SAMPLE_SHEETS } from "../support/sampleWorkbook";
import { ASSUMPTIONS, buildFrom, editPackage, freshFolder, generatedWorkbook, partText, run, SAMPLE } from "./support";

const BUDGET = SAMPLE_SHEETS[0];
const RETURNS = path.join("examples", "903");
const EPISODES = readdirSync(RETURNS)
  .filter((name) => name.startsWith("episodes_"))
  .map((name) => path.join(RETURNS, name));

function jsonFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

it("reads assumptions and scenario JSON saved with a byte order mark", async () => {
  const dir = freshFolder();
  const assumptions = jsonFile(dir, "a.json", `\uFEFF${readFileSync(ASSUMPTIONS, "utf8")}`);
  const scenario = jsonFile(
    dir,
    "s.json",
    `\uFEFF${JSON.stringify({ name: "Fewer entries", adjustments: [{ type: "entries", multiply: 0.9 }] })}`,
  );
  const result = await run([
    "build",
    SAMPLE,
    "-o",
    path.join(dir, "out.xlsx"),
    "--assumptions",
    assumptions,
    "--episodes",
    EPISODES[0],
    "--scenario",
    scenario,
  ]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}, 60_000);

it("refuses a scenario multiplying by 1e308 with a clear message, not a stack trace", async () => {
  const dir = freshFolder();
  const scenario = jsonFile(
    dir,
    "s.json",
    JSON.stringify({ name: "Huge", adjustments: [{ type: "entries", multiply: 1e308 }] }),
  );
  const result = await run([
    "build",
    SAMPLE,
    "-o",
    path.join(dir, "out.xlsx"),
    "--episodes",
    EPISODES[0],
    "--scenario",
    scenario,
  ]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/multiply: expected a number from 0 to 100 \(0\.9 = 10% fewer\), found 1e\+308/);
  expect(result.stderr).not.toMatch(/Internal error|\n\s+at /);
  expect(existsSync(path.join(dir, "out.xlsx"))).toBe(false);
}, 60_000);

it("refuses assumption figures that would overflow, and years out of range, naming the key", async () => {
  const dir = freshFolder();
  const population = await run([
    "build",
    SAMPLE,
    "-o",
    path.join(dir, "out.xlsx"),
    "--assumptions",
    jsonFile(dir, "p.json", '{"population0to17": 1e308}'),
  ]);
  expect(population.code).toBe(1);
  expect(population.stderr).toMatch(
    /"population0to17": expected a number of children above 0, no larger than 1e\+12, found 1e\+308\./,
  );
  const year = await run([
    "build",
    SAMPLE,
    "-o",
    path.join(dir, "out.xlsx"),
    "--assumptions",
    jsonFile(dir, "y.json", '{"upliftBaseYear": 99999}'),
  ]);
  expect(year.stderr).toMatch(/"upliftBaseYear": expected a financial year by its starting year/);
  expect(existsSync(path.join(dir, "out.xlsx"))).toBe(false);
});

it("refuses budget figures so large that the sums overflow, naming the cell, not with a stack trace", async () => {
  const rows = BUDGET.rows.map((row) => [...row]);
  rows[5][1] = 1e308;
  rows[6][1] = 1e308;
  const result = await buildFrom(await generatedWorkbook([{ name: BUDGET.name, rows }]));
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^Expected figures a workbook can hold, but the sources hold numbers so large that the build's sums overflow: cell [A-Z]+\d+ of sheet '.+'( and \d+ more)? would be infinite\. Look in the budget and placement sheets/,
  );
  expect(result.stderr).not.toMatch(/Internal error/);
  expect(existsSync(result.output)).toBe(false);
});

describe("workbooks in other formats are named, with how to save them as .xlsx", () => {
  const ole = (stream: string) =>
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from(stream, "utf16le"),
      Buffer.alloc(64),
    ]);

  it("Strict Open XML", async () => {
    const strict = await editPackage(await generatedWorkbook([BUDGET]), async (zip) => {
      const rels = await partText(zip, "_rels/.rels");
      zip.file(
        "_rels/.rels",
        rels.replace(
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
          "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
        ),
      );
    });
    const result = await buildFrom(strict);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /is saved as 'Strict Open XML Spreadsheet', which this tool does not read\. Open it in Excel and use File > Save As with the type 'Excel Workbook \(\.xlsx\)'/,
    );
  });

  it(".ods, .xls, a password-protected file and .xlsb", async () => {
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    ods.file("content.xml", "<office:document-content/>");
    expect((await buildFrom(await ods.generateAsync({ type: "nodebuffer" }))).stderr).toMatch(
      /is an OpenDocument spreadsheet \(\.ods.*\)\. Open it and save it as \.xlsx/,
    );
    expect((await buildFrom(ole("Workbook"))).stderr).toMatch(
      /is an old-style Excel 97-2003 workbook \(\.xls\)\. Open it in Excel and use File > Save As with the type 'Excel Workbook \(\.xlsx\)'/,
    );
    expect((await buildFrom(ole("EncryptedPackage"))).stderr).toMatch(
      /is protected with a password\. Open it in Excel, remove the password/,
    );
    const xlsb = await editPackage(await generatedWorkbook([BUDGET]), async (zip) => {
      const types = await partText(zip, "[Content_Types].xml");
      zip.file(
        "[Content_Types].xml",
        types.replace(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
          "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
        ),
      );
    });
    expect((await buildFrom(xlsb)).stderr).toMatch(
      /is an Excel Binary Workbook \(\.xlsb\)\. Open it in Excel and use File > Save As/,
    );
  });

  it("text saved under a workbook's name: a web page, Excel 2003 XML, a CSV", async () => {
    const said = async (text: string) => (await buildFrom(Buffer.from(text))).stderr;
    expect(await said("<html><body><table><tr><td>Residential</td></tr></table></body></html>")).toMatch(
      /is a web page \(HTML\) with a spreadsheet's name.*File > Save As with the type 'Excel Workbook \(\.xlsx\)'/,
    );
    expect(
      await said('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'),
    ).toMatch(/is an XML Spreadsheet 2003 file\./);
    expect(await said("Setting Type,Actual\nResidential,12119924\n")).toMatch(/is a text file \(CSV or similar\)\./);
  });
});

it("refuses a workbook with a protected structure before writing anything, saying how to unprotect it", async () => {
  const locked = await editPackage(await generatedWorkbook([BUDGET]), async (zip) => {
    const workbook = await partText(zip, "xl/workbook.xml");
    zip.file("xl/workbook.xml", workbook.replace("<sheets>", '<workbookProtection lockStructure="1"/><sheets>'));
  });
  const result = await buildFrom(locked);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /has a protected structure \(Review > Protect Workbook\)\. Open it in Excel, choose Review > Protect Workbook to unprotect it/,
  );
  expect(existsSync(result.output)).toBe(false);
  expect(result.summary).toBeNull();
});

it("decodes _xHHHH_ escapes in shared and inline strings, in either case, and keeps an escaped underscore", async () => {
  const rows = BUDGET.rows.map((row) => [...row]);
  rows[5][0] = "Residential_x000d__x000a_";
  rows[6][0] = "INLINE";
  rows[7][0] = "Independent_x0020_Fostering";
  rows[1][0] = "Literal _x005F_x0041_ stays";
  const bytes = await editPackage(await generatedWorkbook([{ name: BUDGET.name, rows }]), async (zip) => {
    const sheet = await partText(zip, "xl/worksheets/sheet1.xml");
    const strings = await partText(zip, "xl/sharedStrings.xml");
    const index = strings.match(/<si>[\s\S]*?<\/si>/g)?.findIndex((si) => si.includes("INLINE"));
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheet.replace(
        new RegExp(`<c r="A7"([^>]*?) t="s"><v>${index}</v></c>`),
        '<c r="A7"$1 t="inlineStr"><is><t>In House_x0020_Fostering</t></is></c>',
      ),
    );
  });
  const { grids } = await readWorkbookGrids(bytes);
  expect(grids[0].cells.slice(5, 8).map((row) => row?.[0])).toEqual([
    "Residential\r\n",
    "In House Fostering",
    "Independent Fostering",
  ]);
  expect(grids[0].cells[1]?.[0]).toBe("Literal _x0041_ stays");
  const built = await buildFrom(bytes);
  expect(built.summary?.categories.ifa?.actualToDate).toBe(4_745_315);
  expect(built.summary?.categories.inHouseFostering?.actualToDate).toBe(3_175_235);
  expect(built.summary?.categories.residential?.actualToDate).toBe(12_119_924);
});
