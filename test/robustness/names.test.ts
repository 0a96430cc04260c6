/**
 * The defined names the add-in owns: only those its builds recorded are ever replaced. A user's
 * `LAC_MyTotal` on 'P10 Summary' (a name containing "summary", like the add-in's Summary sheet) survives
 * rebuilds; a user's own `LAC_Population0to17` is kept and the add-in's is written as
 * `LAC_Population0to17_2`. A budget-only build's formulas do not use that one, so a user's `LAC_Period`
 * (used by seven of them) shows the formulas following the name. Command line and Excel (fake host).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { budgetSheet, rawWorkbook } from "../../bench/inputs/bigSheets";
import { buildWorkbook } from "../../src/cli/commands";
import { OoxmlPackage } from "../../src/xlsx/ooxmlPackage";
import { readWorkbookPart } from "../../src/xlsx/workbookPart";
import { childNamed, childrenNamed, innerText } from "../../src/xlsx/xml";
import { excelOperations } from "../../src/excel/operations";
import { runBuild, type BuildSettings } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { placeDefinedNames, refersToSheet, renameInFormula } from "../../src/workbook/definedNames";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

const USER_NAMES = {
  LAC_MyTotal: "'P10 Summary'!$C$6",
  LAC_Population0to17: "'P10 Summary'!$B$4",
  LAC_Period: "'P10 Summary'!$B$5",
};
const renamed = (name: string): string =>
  `Your workbook already has a name '${name}' of its own, which is kept as it is; the add-in's ${name} is written as '${name}_2', and the add-in's formulas use that name.`;
const RENAMED = [renamed("LAC_Period"), renamed("LAC_Population0to17")];

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lac-names-"));
  made.push(dir);
  return dir;
}

async function definedNames(file: string): Promise<Record<string, string>> {
  const workbook = await readWorkbookPart(await OoxmlPackage.load(readFileSync(file)));
  const element = childNamed(workbook.root, "definedNames");
  return Object.fromEntries(
    (element ? childrenNamed(element, "definedName") : []).map((name) => [
      name.attrs.name,
      innerText(workbook.xml, name),
    ]),
  );
}

/** Every formula of the workbook's sheet parts that mentions the name, as written. */
async function formulasUsing(file: string, name: string): Promise<string[]> {
  const pkg = await OoxmlPackage.load(readFileSync(file));
  const formulas: string[] = [];
  for (const part of pkg.partNames().filter((p) => p.startsWith("xl/worksheets/sheet"))) {
    for (const match of (await pkg.text(part)).matchAll(/<f>([^<]*)<\/f>/g))
      if (new RegExp(`\\b${name}\\b`).test(match[1])) formulas.push(match[1]);
  }
  return formulas;
}

describe("placing the add-in's names", () => {
  const plan = {
    names: [{ name: "LAC_Period", ref: { sheet: "Assumptions", row: 1, col: 1, rows: 1, cols: 1 } }],
    sheets: [],
  } as unknown as WorkbookPlan;

  it("renames a name only where it stands as a name", () => {
    const renamed = new Map([["lac_period", "LAC_Period_2"]]);
    expect(renameInFormula(`IF(LAC_Period>0,LAC_PeriodEnd+LAC_Period,"LAC_Period")&'LAC_Period'!A1`, renamed)).toBe(
      `IF(LAC_Period_2>0,LAC_PeriodEnd+LAC_Period_2,"LAC_Period")&'LAC_Period'!A1`,
    );
  });

  it("replaces only the recorded names, never by a sheet's name inside another", () => {
    const existing = [
      { name: "LAC_MyTotal", formula: "='P10 Summary'!$C$6" },
      { name: "LAC_Period", formula: "=Assumptions!$B$2" },
    ];
    const placed = placeDefinedNames(plan, existing, new Set(["LAC_Period"]), ["Summary", "Assumptions"]);
    expect(placed.replace.map((n) => n.name)).toEqual(["LAC_Period"]);
    expect(placed.warnings).toEqual([]);
    expect(refersToSheet("='P10 Summary'!$C$6", "Summary")).toBe(false);
  });

  it("without a record, takes a plan's name on one of the add-in's sheets as the add-in's (workbooks built before the record)", () => {
    const existing = [
      { name: "LAC_Period", formula: "=Assumptions!$B$2" },
      { name: "LAC_MyTotal", formula: "=Summary!$B$2" },
    ];
    const placed = placeDefinedNames(plan, existing, null, ["Assumptions", "Summary"]);
    expect(placed.replace.map((n) => n.name)).toEqual(["LAC_Period"]);
  });
});

describe("the command line keeps the user's LAC_ names", () => {
  it("keeps LAC_MyTotal through two builds, and writes its own LAC_Population0to17 under another name its formulas use", async () => {
    const dir = tempDir();
    const input = path.join(dir, "budget.xlsx");
    writeFileSync(input, await rawWorkbook([budgetSheet()], USER_NAMES));
    const first = path.join(dir, "first.xlsx");
    const built = await buildWorkbook({ input, output: first });
    expect(built.report.warnings.map((w) => w.message)).toEqual(expect.arrayContaining(RENAMED));

    const names = await definedNames(first);
    expect(names).toMatchObject(USER_NAMES);
    expect(names.LAC_Population0to17_2).toMatch(/^Assumptions!\$[A-Z]+\$\d+$/);
    expect(names.LAC_Period_2).toMatch(/^Assumptions!\$[A-Z]+\$\d+$/);
    expect(await formulasUsing(first, "LAC_Period")).toEqual([]);
    expect(await formulasUsing(first, "LAC_Period_2")).toHaveLength(7);

    const second = path.join(dir, "second.xlsx");
    const rebuilt = await buildWorkbook({ input: first, output: second });
    expect(rebuilt.report.warnings.map((w) => w.message)).toEqual(expect.arrayContaining(RENAMED));
    expect(await definedNames(second)).toEqual(names);
  });
});

describe("Excel keeps the user's LAC_ names (fake host)", () => {
  async function settingsOf(fake: FakeExcel): Promise<BuildSettings> {
    const { recognition } = recogniseSnapshot(await excelOperations(fake).readWorkbook(), {});
    return {
      version: 1,
      recogniseOptions: {},
      assumptions: defaultAssumptions(recognition, { today: 44_600 }),
      typed: [],
    };
  }

  it("keeps LAC_MyTotal through two builds, and writes its own LAC_Population0to17 under another name its formulas use", async () => {
    const fake = sampleFakeExcel();
    const summary = fake.sheetByName("P10 Summary")?.id as number;
    fake.state.names.push({
      name: "LAC_MyTotal",
      ref: { sheetId: summary, row: 5, col: 2, rows: 1, cols: 1 },
      text: "",
      comment: "",
      visible: true,
    });
    fake.state.names.push({
      name: "LAC_Population0to17",
      ref: { sheetId: summary, row: 3, col: 1, rows: 1, cols: 1 },
      text: "",
      comment: "",
      visible: true,
    });
    fake.state.names.push({
      name: "LAC_Period",
      ref: { sheetId: summary, row: 4, col: 1, rows: 1, cols: 1 },
      text: "",
      comment: "",
      visible: true,
    });
    const settings = await settingsOf(fake);

    const first = await runBuild(excelOperations(fake), settings);
    expect(first.report.notes.map((n) => n.message)).toEqual(expect.arrayContaining(RENAMED));
    const names = Object.fromEntries(fake.picture().names.map((n) => [n.name, n.formula]));
    expect(names).toMatchObject({
      LAC_MyTotal: "='P10 Summary'!$C$6",
      LAC_Population0to17: "='P10 Summary'!$B$4",
      LAC_Period: "='P10 Summary'!$B$5",
    });
    expect(names.LAC_Population0to17_2).toMatch(/^=Assumptions!\$[A-Z]+\$\d+$/);
    const formulas = fake.state.sheets.flatMap((sheet) =>
      [...sheet.cells.values()].flatMap((cell) => (cell.formula?.includes("LAC_Period") ? [cell.formula] : [])),
    );
    expect(formulas.filter((formula) => /\bLAC_Period_2\b/.test(formula)).length).toBeGreaterThan(0);
    expect(formulas.filter((formula) => /\bLAC_Period\b/.test(formula))).toEqual([]);

    await runBuild(excelOperations(fake), settings);
    expect(Object.fromEntries(fake.picture().names.map((n) => [n.name, n.formula]))).toEqual(names);
  });
});
