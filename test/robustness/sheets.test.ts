/**
 * Every sheet or a clear no: worksheets are found through the workbook's relationships whatever their
 * part names; hidden sheets are listed and read only when chosen; hidden rows are read and counted.
 */
import { readFileSync } from "node:fs";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { SAMPLE_SHEETS, SEED_LINES } from "../support/sampleWorkbook";
import { buildFrom, editPackage, generatedWorkbook, partText } from "./support";

const ACTUAL_TOTAL = SEED_LINES.reduce((sum, [, actual]) => sum + actual, 0);
const BUDGET = SAMPLE_SHEETS[0];

/** The sample's budget sheet and notes, with the parts renamed and the relationships pointing at the new names. */
async function renamedParts(): Promise<Buffer> {
  return editPackage(await generatedWorkbook(SAMPLE_SHEETS), async (zip) => {
    const renames: [string, string, string][] = [
      ["xl/worksheets/sheet1.xml", "xl/worksheets/data.xml", "worksheets/data.xml"],
      ["xl/worksheets/sheet2.xml", "xl/ws/x.xml", "/xl/ws/x.xml"],
    ];
    let rels = await partText(zip, "xl/_rels/workbook.xml.rels");
    let types = await partText(zip, "[Content_Types].xml");
    for (const [from, to, target] of renames) {
      zip.file(to, await partText(zip, from));
      zip.remove(from);
      rels = rels.replace(`Target="${from.replace("xl/", "")}"`, `Target="${target}"`);
      types = types.replace(`PartName="/${from}"`, `PartName="/${to}"`);
    }
    zip.file("xl/_rels/workbook.xml.rels", rels);
    zip.file("[Content_Types].xml", types);
  });
}

it("reads worksheets whose parts are not named sheetN.xml, through relative and absolute targets", async () => {
  const bytes = await renamedParts();
  const zip = await (await import("jszip")).default.loadAsync(bytes);
  expect(Object.keys(zip.files).filter((name) => name.startsWith("xl/w"))).toEqual(
    expect.arrayContaining(["xl/worksheets/data.xml", "xl/ws/x.xml"]),
  );
  const { grids } = await readWorkbookGrids(bytes);
  expect(grids.map((grid) => grid.name)).toEqual(["P10 Summary", "Notes"]);
  expect(grids[1].cells[0]?.[0]).toBe("Prepared by finance for the sufficiency strategy");
  const built = await buildFrom(bytes);
  expect(built.stderr).toBe("");
  expect(built.summary?.totals.actualToDate).toBe(ACTUAL_TOTAL);
  // The output still has the user's renamed parts, and reads back with every sheet.
  const written = await readWorkbookGrids(readFileSync(built.output));
  expect(written.existing.map((sheet) => sheet.name).slice(0, 2)).toEqual(["P10 Summary", "Notes"]);
  expect(written.grids.map((grid) => grid.name)).toEqual(["P10 Summary", "Notes"]);
});

it("refuses, naming the sheet, a worksheet whose part is missing instead of skipping it", async () => {
  const bytes = await editPackage(await renamedParts(), async (zip) => {
    zip.remove("xl/ws/x.xml");
  });
  const built = await buildFrom(bytes);
  expect(built.code).toBe(1);
  expect(built.stderr).toMatch(
    /^Expected the cells of sheet 'Notes' in '.*in\.xlsx', but the workbook's relationships lead to 'xl\/ws\/x\.xml', which the file does not hold/,
  );
  expect(built.summary).toBeNull();
});

it("lists a hidden copy of the budget sheet without reading it, and reads it when chosen", async () => {
  const bytes = await generatedWorkbook([
    BUDGET,
    { name: "P9 Summary", rows: BUDGET.rows, state: "hidden" },
    { name: "Old", rows: [["x"]], state: "veryHidden" },
  ]);
  const plain = await buildFrom(bytes);
  expect(plain.code).toBe(0);
  expect(plain.summary?.totals.actualToDate).toBe(ACTUAL_TOTAL);
  expect(plain.stdout).toContain("Hidden sheets 'P9 Summary', 'Old' (very hidden) were not read");
  expect(plain.stdout).toContain("--include-hidden");

  const all = await buildFrom(bytes, ["--include-hidden"]);
  expect(all.stdout).toContain("budget monitoring  'P9 Summary'");
  expect(all.stdout).not.toContain("were not read");

  const chosen = await buildFrom(bytes, ["--sheets", "p9 summary"]);
  expect(chosen.code).toBe(0);
  expect(chosen.stdout).toContain("budget monitoring  'P9 Summary'");
  expect(chosen.stdout).not.toContain("budget monitoring  'P10 Summary'");
  expect(chosen.summary?.totals.actualToDate).toBe(ACTUAL_TOTAL);

  const unknown = await buildFrom(bytes, ["--sheets", "P8 Summary"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe(
    `Expected --sheets to name sheets of '${unknown.dir}/in.xlsx', but it has no sheet 'P8 Summary'. Its sheets are 'P10 Summary', 'P9 Summary', 'Old'.`,
  );
});

it("reads hidden rows, with a warning that counts them", async () => {
  // Rows 6 and 7 are Residential and In House Fostering; row 2 is a note.
  const bytes = await generatedWorkbook([{ ...BUDGET, hiddenRows: [2, 6, 7] }]);
  const built = await buildFrom(bytes);
  expect(built.summary?.totals.actualToDate).toBe(ACTUAL_TOTAL);
  expect(built.stdout).toContain("Sheet 'P10 Summary' has 3 hidden rows with values, read like the others");
});
